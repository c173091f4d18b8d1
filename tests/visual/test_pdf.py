"""``esante report --output FILE.pdf`` and ``esante workshop --pdf``: the HTML report laid out on
A4 by WeasyPrint (the extra ``esante[pdf]``), read back with pypdf: its pages, their size, its
fonts (all embedded, all the page's own), every section title of the report, page numbers, no
table row or map cut by a page break, nothing fetched; and, without WeasyPrint, one line
saying how to add it and exit code 6.

The test extra installs WeasyPrint and pypdf; where they are missing (a developer's machine),
these tests skip and say why. Under CI (``CI`` set) that is a failure, so that a broken install
cannot pass unnoticed.
"""

from __future__ import annotations

import csv
import http.server
import importlib.abc
import io
import os
import subprocess
import sys
import threading
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from esante_cli.errors import ExitCode

from .conftest import squeezed

ROOT = Path(__file__).resolve().parents[2]
GROUP = ROOT / "examples" / "workshop" / "groupe.csv"
CAMILLE = ROOT / "examples" / "profiles" / "camille-data-scientist.yaml"
FROM, TO = "data-scientist", "specialiste-e-sante"
A4 = (595.28, 841.89)  # points
CLEAN_ENV = {"ESANTE_DATA": None, "ESANTE_LANG": None, "ESANTE_MODEL": None}


def _need(module: str) -> None:
    try:
        __import__(module)
    except (ImportError, OSError) as exc:
        if os.environ.get("CI"):
            pytest.fail(f"{module} does not load, but the test extra installs it: {exc}")
        pytest.skip(f"{module} does not load ({exc}); python3 -m pip install -e '.[test]'")


@pytest.fixture(scope="module", autouse=True)
def _libraries() -> None:
    _need("weasyprint")
    _need("pypdf")


def esante(*args: str) -> Any:
    from typer.testing import CliRunner

    from esante_cli.cli import app

    return CliRunner().invoke(app, list(args), prog_name="esante", env=CLEAN_ENV)


@pytest.fixture(scope="module")
def pair(tmp_path_factory) -> tuple[Path, str]:
    """The report Data Scientist → Spécialiste e-santé as PDF, and the same report as HTML."""
    folder = tmp_path_factory.mktemp("pdf")
    for name in ("rapport.pdf", "rapport.html"):
        r = esante("report", FROM, TO, "--output", str(folder / name))
        assert r.exit_code == ExitCode.OK, r.output
    return folder / "rapport.pdf", (folder / "rapport.html").read_text(encoding="utf-8")


def reader(path: Path) -> Any:
    from pypdf import PdfReader

    return PdfReader(path)


def page_texts(path: Path) -> list[str]:
    return [page.extract_text() for page in reader(path).pages]


def headings(html: str) -> list[str]:
    """The text of every h1, h2 and h3 of the HTML report: its section titles."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Titles(HTMLParser):
        depth = 0

        def handle_starttag(self, tag: str, attrs: Any) -> None:
            if tag in ("h1", "h2", "h3"):
                self.depth += 1
                found.append("")

        def handle_endtag(self, tag: str) -> None:
            if tag in ("h1", "h2", "h3"):
                self.depth -= 1

        def handle_data(self, data: str) -> None:
            if self.depth:
                found[-1] += data

    Titles(convert_charrefs=True).feed(html)
    return [" ".join(x.split()) for x in found]


def fonts(pdf: Any) -> dict[str, bool]:
    """Every font the PDF's pages use (in their form XObjects too): its name, and whether its
    program is embedded (a FontFile, FontFile2 or FontFile3 in its descriptor)."""
    found: dict[str, bool] = {}
    seen: set[int] = set()

    def walk(resources: Any) -> None:
        resources = resources.get_object() if resources is not None else {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            parts = [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]
            descriptors = [
                p["/FontDescriptor"].get_object() for p in parts if "/FontDescriptor" in p
            ]
            found[str(font["/BaseFont"])] = any(
                key in d for d in descriptors for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if id(xobject) not in seen and xobject.get("/Subtype") == "/Form":
                seen.add(id(xobject))
                walk(xobject.get("/Resources"))

    for page in pdf.pages:
        walk(page.get("/Resources"))
    return found


def assert_a4_report(path: Path, html: str) -> None:
    """A4 pages, a sane count, every font embedded and the page's own (DejaVu Sans: no
    fallback font), every section title in the text, and on every page the footer: the
    report's title and 'page / pages'."""
    pdf = reader(path)
    n = len(pdf.pages)
    assert 2 <= n <= 8, n
    for page in pdf.pages:
        box = page.mediabox
        assert abs(float(box.width) - A4[0]) <= 1 and abs(float(box.height) - A4[1]) <= 1
    used = fonts(pdf)
    assert used and all(used.values()), used
    assert all("DejaVu" in name for name in used), used
    texts = [squeezed(t) for t in page_texts(path)]
    whole = "".join(texts)
    titles = headings(html)
    assert len(titles) >= 5
    for title in titles:
        assert squeezed(title) in whole, title
    for i, text in enumerate(texts, 1):
        assert f"{i}/{n}" in text
        assert squeezed(titles[0]) in text  # the running footer (and the title on page 1)


def test_report_pdf_is_a4_with_every_section(pair):
    """report --output FILE.pdf: a PDF of A4 pages, fonts embedded, every section there."""
    path, html = pair
    assert path.read_bytes().startswith(b"%PDF-")
    assert_a4_report(path, html)
    assert reader(path).metadata.title == headings(html)[0]


def test_report_pdf_in_english_and_for_a_person(tmp_path):
    """The same in English, and a person's report (--profile)."""
    for name, args in (
        ("en", ["--lang", "en", "report", FROM, TO]),
        ("person", ["report", "--profile", str(CAMILLE), "--target", TO]),
    ):
        for suffix in (".pdf", ".html"):
            r = esante(*args, "--output", str(tmp_path / f"{name}{suffix}"))
            assert r.exit_code == ExitCode.OK, r.output
        html = (tmp_path / f"{name}.html").read_text(encoding="utf-8")
        assert_a4_report(tmp_path / f"{name}.pdf", html)
    assert "Mobility report" in headings((tmp_path / "en.html").read_text(encoding="utf-8"))[0]


def test_page_breaks_cut_no_table_row_and_not_the_map(pair):
    """Laid out, no table row and no route is split over two pages, and the map (its heading
    and its figure) sits whole on one page."""
    from weasyprint.formatting_structure import boxes

    from esante_cli.render.pdf import pdf_document

    document = pdf_document(pair[1])

    def walk(box: Any) -> Any:
        yield box
        for child in getattr(box, "children", None) or []:
            yield from walk(child)

    pages_of: dict[int, set[int]] = {}
    kinds: Counter[str] = Counter()
    for number, page in enumerate(document.pages):
        for box in walk(page._page_box):  # WeasyPrint's layout, as drawn
            element = getattr(box, "element", None)
            if element is None:
                continue
            classes = (element.get("class") or "").split()
            kind = (
                "row"
                if isinstance(box, boxes.TableRowBox)
                else "map"
                if "map" in classes
                else "route"
                if "route" in classes
                else None
            )
            if kind is not None:
                pages_of.setdefault(id(element), set()).add(number)
                kinds[kind] += 1
    assert kinds["row"] > 10 and kinds["map"] >= 1 and kinds["route"] >= 2
    assert all(len(pages) == 1 for pages in pages_of.values())
    assert len(document.pages) == len(reader(pair[0]).pages)


def test_the_same_report_gives_the_same_bytes(pair, tmp_path):
    """No date and no random identifier: the same report gives the same PDF."""
    again = tmp_path / "again.pdf"
    assert esante("report", FROM, TO, "--output", str(again)).exit_code == ExitCode.OK
    assert again.read_bytes() == pair[0].read_bytes()


def test_written_atomically_and_force(pair, tmp_path):
    """An existing PDF is replaced only with --force (else exit 3, untouched); no temporary
    file is left behind."""
    out = tmp_path / "r.pdf"
    out.write_bytes(b"old")
    r = esante("report", FROM, TO, "--output", str(out), "--k", "1")
    assert r.exit_code == ExitCode.INVALID_INPUT and out.read_bytes() == b"old"
    r = esante("report", FROM, TO, "--output", str(out), "--k", "1", "--force")
    assert r.exit_code == ExitCode.OK, r.output
    assert out.read_bytes().startswith(b"%PDF-")
    assert [p.name for p in tmp_path.iterdir()] == ["r.pdf"]


def test_nothing_is_fetched():
    """The page's fonts are data: URLs; anything else (a web address, a local file) is refused
    without a request, while WeasyPrint's own fetcher would make it (the check can fail)."""
    import weasyprint

    from esante_cli.render.pdf import pdf_document

    seen: list[str] = []

    class Recorder(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            seen.append(self.path)
            self.send_error(404)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Recorder)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        url = f"http://127.0.0.1:{server.server_address[1]}/pixel.png"
        page = f'<p>x</p><img src="{url}"><img src="file:///etc/hostname">'
        pdf_document(page).write_pdf()
        assert seen == []
        weasyprint.HTML(string=page).render()
        assert seen == ["/pixel.png"]
    finally:
        server.shutdown()
        server.server_close()


def test_hostile_titles_are_printed_as_text(hostile_dir, tmp_path):
    """Titles made of markup, formulas and mathematics are printed as they are: no link, no
    picture, no script in the PDF."""
    from .conftest import HOSTILE

    out = tmp_path / "r.pdf"
    r = esante("--data", str(hostile_dir), "report", FROM, TO, "--output", str(out), "--k", "1")
    assert r.exit_code == ExitCode.OK, r.output
    text = squeezed("".join(page_texts(out)))
    for title in (HOSTILE[FROM], HOSTILE[TO]):
        assert squeezed(title) in text, title
    pdf = reader(out)
    assert all("/Annots" not in page for page in pdf.pages)  # no link, no form
    assert b"/JavaScript" not in out.read_bytes()


# -- without WeasyPrint --------------------------------------------------------------------------


class _Broken(importlib.abc.MetaPathFinder):
    """An installed WeasyPrint whose system library (Pango) cannot be loaded."""

    def find_spec(self, name: str, path: Any, target: Any = None) -> Any:
        if name == "weasyprint":
            raise OSError("cannot load library 'libpango-1.0-0': no such file")
        return None


@pytest.mark.parametrize("how", ["missing", "broken", "old"])
def test_without_weasyprint_one_line_and_exit_6(how, monkeypatch, tmp_path):
    """Without WeasyPrint (or without the Pango it loads, or too old a WeasyPrint), report
    --output FILE.pdf and workshop --pdf exit 6 with one line saying how to add it, no
    traceback, nothing written."""
    if how == "missing":
        monkeypatch.setitem(sys.modules, "weasyprint", None)  # import weasyprint: ImportError
    elif how == "broken":
        monkeypatch.delitem(sys.modules, "weasyprint", raising=False)
        monkeypatch.setattr(sys, "meta_path", [_Broken(), *sys.meta_path])
    else:
        import weasyprint

        monkeypatch.setattr(weasyprint, "__version__", "60.2")
    out = tmp_path / "r.pdf"
    for args in (
        ["report", FROM, TO, "--output", str(out)],
        ["workshop", str(GROUP), "--output-dir", str(tmp_path / "atelier"), "--pdf"],
    ):
        r = esante(*args)
        assert r.exit_code == ExitCode.MISSING_EXTRA == 6, r.output
        lines = r.stderr.splitlines()
        assert len(lines) == 1 and lines[0].startswith("esante"), r.stderr
        assert "Traceback" not in r.output and r.stdout == ""
        if how == "broken":
            assert "libpango-1.0-0" in lines[0] and "apt install" in lines[0]
        else:
            assert "pip install 'esante[pdf]'" in lines[0] and sys.executable in lines[0]
        if how == "old":
            assert "60.2" in lines[0] and lines[0].endswith("'esante[pdf]' -U")
    assert not out.exists()
    assert list((tmp_path / "atelier").iterdir()) == []


def test_html_report_does_not_import_weasyprint(tmp_path):
    """WeasyPrint is imported for a PDF only: an HTML report's start-up does not pay for it."""
    probe = (
        "import contextlib, io, sys\n"
        "from esante_cli.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    code = main(sys.argv[1:])\n"
        "print(code, 'weasyprint' in sys.modules)\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("ESANTE_")}
    for suffix, imported in ((".html", "False"), (".pdf", "True")):
        proc = subprocess.run(
            [sys.executable, "-c", probe, "report", FROM, TO, "-o", str(tmp_path / f"r{suffix}")],
            capture_output=True,
            text=True,
            timeout=120,
            env=env,
            check=False,
        )
        assert proc.stdout.split() == ["0", imported], proc.stderr


# -- workshop --pdf ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def workshop(tmp_path_factory) -> tuple[Any, Path]:
    out = tmp_path_factory.mktemp("ws") / "atelier"
    r = esante("workshop", str(GROUP), "--output-dir", str(out), "--target", TO, "--pdf")
    return r, out


def test_workshop_pdf_writes_a_pdf_per_person_and_one_to_print(workshop):
    """workshop --pdf: each person's report as a PDF (to send them), and all of them in one
    PDF to print in one go, each report starting on a sheet of its own when printed on both
    sides, with its own page numbers and a bookmark; the summary names the PDFs."""
    r, out = workshop
    assert r.exit_code == ExitCode.OK, r.output
    slugs = ["camille-martin", "karim-benali", "sophie-lefevre"]
    names = {p.name for p in out.iterdir()}
    assert sorted(n for n in names if n.endswith(".pdf")) == sorted(
        [f"{s}.pdf" for s in slugs] + ["groupe-rapports.pdf"]
    )
    assert {"groupe-ecarts.png", "groupe-ecarts.svg", "groupe-synthese.csv"} <= names
    assert not [n for n in names if n.endswith((".html", ".md"))]  # PDF instead, not as well
    assert r.stderr.splitlines()[-1].endswith(str(out / "groupe-rapports.pdf"))
    rows = list(csv.DictReader(io.StringIO((out / "groupe-synthese.csv").read_text("utf-8"))))
    assert [row["report"] for row in rows] == [f"{s}.pdf" for s in slugs]

    group = reader(out / "groupe-rapports.pdf")
    starts, page = [], 0
    for slug in slugs:
        own = reader(out / f"{slug}.pdf")
        assert own.pages[0].extract_text() == group.pages[page].extract_text()
        starts.append(page)
        page += len(own.pages)
        if len(own.pages) % 2 and slug != slugs[-1]:
            assert group.pages[page].extract_text().strip() == ""  # the blank back of a sheet
            page += 1
    assert len(group.pages) == page
    assert all(start % 2 == 0 for start in starts)  # each report starts on a sheet's front
    marks = [
        (m.title, group.get_destination_page_number(m))
        for m in group.outline
        if not isinstance(m, list)  # a list holds the bookmarks under the one before
    ]
    assert [p for _, p in marks] == starts
    assert [t.split(": ")[-1].split(" →")[0] for t, _ in marks] == [
        "Camille Martin",
        "Karim Benali",
        "Sophie Lefèvre",
    ]
    assert group.metadata.title == "Atelier : les rapports du groupe"
    used = fonts(group)
    assert used and all(used.values())


def test_workshop_pdf_and_markdown_is_a_usage_error(tmp_path):
    """--pdf writes the reports as PDF: with --format md it is a usage error, nothing done."""
    out = tmp_path / "atelier"
    r = esante("workshop", str(GROUP), "--output-dir", str(out), "--pdf", "--format", "md")
    assert r.exit_code == ExitCode.USAGE
    assert "--pdf" in r.stderr and not out.exists()


def test_levels_to_learn_keep_their_numbers_on_paper(pair):
    """A competence climbed from level 1 lists levels 2, 3, 4 under their own numbers (a list
    numbered by the renderer would print 1, 2, 3), after the card's example and topics."""
    path, _ = pair
    text = " ".join(" ".join(page_texts(path)).split())
    assert "2. Adapter une technologie de santé" in text
    assert "1. Adapter une technologie de santé" not in text
    example = text.index("Exemple de la fiche : Il programme et teste un logiciel")
    assert (
        example
        < text.index("Thèmes que la fiche nomme : interopérabilité")
        < text.index("2. Adapter une technologie")
    )
