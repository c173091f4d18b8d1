"""Spreadsheets as they come (issue 11, item 2): files saved by French Excel are read (``;``,
Windows-1252, CRLF, French or English headers, decimal commas, extra columns ignored with one
warning); every CSV the tool writes can be asked for in French Excel's dialect
(``--csv-dialect excel-fr`` or ``ESANTE_CSV_DIALECT``: ``;``, byte-order mark, decimal comma,
headers in the interface language, oui/non); the workshop's summary and the cost matrix are
also workbooks (.xlsx), read back here with openpyxl. The plain dialect stays byte for byte
what it was."""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import re
from pathlib import Path

import openpyxl
import pytest

from esante_cli.choices import Lang
from esante_cli.dataset import load_dataset, packaged_data_dir
from esante_cli.errors import ExitCode, InputError
from esante_cli.i18n import t
from esante_cli.importers.csv import COMPETENCES, LEVELS, import_csv, write_templates
from esante_cli.queries.workshop import load_group, parse_group_csv
from esante_cli.render.csv import enum_word, header_word
from esante_cli.render.workshop import SUMMARY_COLUMNS
from esante_cli.sheets import decimal_point, decode_sheet, sniff_delimiter

from .conftest import HOSTILE

ROOT = Path(__file__).resolve().parents[2]
GROUP = ROOT / "examples" / "workshop" / "groupe.csv"
CAMILLE = ROOT / "examples" / "profiles" / "camille-data-scientist.yaml"
ESANTE = "specialiste-e-sante"
BOM = "\ufeff"

# The example group (examples/workshop/groupe.csv) as French Excel saves it: French headers
# (the competences by their labels), a column the workshop does not know, decimal commas.
FRENCH_HEADER = [
    "Nom",
    "Métier actuel",
    "Entreprise",
    "Analyser un cycle de vie",
    "Mener un diagnostic ou un test/essai technique",
    "Écoconcevoir une solution ou un équipement",
    "Développer des technologies de santé",
    "Intégrer des outils IA/Data Science",
    "Gérer et exploiter des données massives",
    "Travailler à distance en mode collaboratif",
    "Intégrer des moyens technologiques et humains",
    "Actualiser ses connaissances et s'adapter",
    "Anticiper l'impact économique d'une solution technique",
    "Analyser et gérer les risques",
]
FRENCH_ROWS = [
    ["Camille Martin", "data-scientist", "CHU; Nantes", "1", "2", "1", "2,0", "3", "3", "3"]
    + ["2", "3", "2", "1"],
    ["Karim Benali", "Développeur applications", "Clinique", "2", "3", "1", "2", "1", "1"]
    + ["3", "1", "2", "1", "2"],
    ["Sophie Lefèvre", "", "", "3,0", "4", "2", "3", "0", "1", "2", "3", "2", "2", "3"],
]
# The plain outputs of the bundled data before the dialects existed (sha-256): the default
# dialect must write them byte for byte.
PLAIN = {
    ("list", "-f", "csv"): "87f41d08bf1a6087db7bf71aadc48dcb81c654fbd7e0900376842c22844b9b23",
    ("competences", "-f", "csv"): (
        "72a39d7d5cb4b24a55f7aec0a980b7e91d11f943547cf4f8d4b8a666c7f714d9"
    ),
    ("neighbours", "data-scientist", "-f", "csv"): (
        "aed5bdd257048f75c8e859d5daa5d58d207a44867725425bacef46fc9b210478"
    ),
    ("paths", "architecte-iot", "responsable-green-it", "-f", "csv"): (
        "de7e317ecacc6d601227c8fbf5c53183e437539d89e8ded50854cb57742715be"
    ),
    ("export", "matrix"): "51cbff192d69f40506606d557463b047446ea38c5ec848594da7944c949d5817",
    ("export", "matrix", "--layout", "long"): (
        "702c69cc2e4e19d563c89d16fd3cae2872fe7557d5da0913f76c4202c6908056"
    ),
}
PLAIN_SUMMARY = "5d7b621642ff14de08cb8da82e2903fff022a05cb57c387f9d566e67066cd7ab"


def sheet_csv(rows: list[list[str]], encoding: str = "cp1252", delimiter: str = ";") -> bytes:
    """Rows as a spreadsheet saves them: ``;`` and CRLF, Windows-1252 by default."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\r\n").writerows(rows)
    return buf.getvalue().encode(encoding)


def read_excel_csv(data: bytes) -> list[list[str]]:
    """An excel-fr CSV as French Excel reads it: a byte-order mark, then ``;`` and CRLF."""
    assert data.startswith(codecs.BOM_UTF8)
    text = data.decode("utf-8-sig")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    return list(csv.reader(io.StringIO(text, newline=""), delimiter=";"))


def plain_value(cell: str) -> str:
    """An excel-fr cell as the plain dialect writes it (decimal point, true/false)."""
    return {"oui": "true", "non": "false"}.get(cell, decimal_point(cell))


def workbook_rows(path: Path) -> list[tuple]:
    return list(openpyxl.load_workbook(path, read_only=True).active.iter_rows(values_only=True))


@pytest.fixture
def excel_group(tmp_path: Path) -> Path:
    path = tmp_path / "groupe-excel.csv"
    path.write_bytes(sheet_csv([FRENCH_HEADER, *FRENCH_ROWS]))
    return path


# -- reading -----------------------------------------------------------------------------------


def test_a_french_excel_group_runs_through_the_workshop(invoke, excel_group, tmp_path):
    """Semicolons, Windows-1252, CRLF, French headers, decimal commas and a column it does not
    know: one warning naming that column, the same people and results as the example group,
    and a summary that French Excel opens in columns (and as a workbook)."""
    out, ref = tmp_path / "out", tmp_path / "ref"
    r = invoke("--csv-dialect", "excel-fr", "workshop", str(excel_group), "-o", str(out))
    assert r.exit_code == ExitCode.OK, r.output
    lines = r.stderr.splitlines()
    assert len(lines) == 2, lines  # the warning, then what was written
    assert "Entreprise" in lines[0] and str(excel_group) in lines[0] and "1" in lines[0]
    assert all("Entreprise" not in line for line in lines[1:])
    assert "groupe-synthese.xlsx" in lines[1]
    assert invoke("workshop", str(GROUP), "-o", str(ref)).exit_code == ExitCode.OK

    rows = read_excel_csv((out / "groupe-synthese.csv").read_bytes())
    assert all(len(row) == len(SUMMARY_COLUMNS) for row in rows)
    assert rows[0] == [header_word(k, "fr") for k in SUMMARY_COLUMNS]
    assert rows[0][:4] == ["Personne", "Nom", "Source", "Statut"]
    plain = list(csv.reader(io.StringIO((ref / "groupe-synthese.csv").read_text("utf-8"))))
    # for people, the words of the status, the moves and the source line are French
    words = [SUMMARY_COLUMNS.index(k) for k in ("source", "status", "best_match_move", "move")]

    def others(row):
        return [c for i, c in enumerate(row) if i not in words]

    assert [[plain_value(c) for c in others(row)] for row in rows[1:]] == [
        others(row) for row in plain[1:]
    ]
    for row, ref_row in zip(rows[1:], plain[1:]):
        source, status, best_move, move = (row[i] for i in words)
        assert source == ref_row[words[0]].replace("line ", "ligne ") and status == "lu"
        assert (best_move, move) == (t(f"move_{ref_row[words[2]]}"), t(f"move_{ref_row[words[3]]}"))
    cost = SUMMARY_COLUMNS.index("cost")
    assert all("," in row[cost] and "." not in row[cost] for row in rows[1:])
    assert {row[SUMMARY_COLUMNS.index("reachable")] for row in rows[1:]} <= {"oui", "non"}

    book = workbook_rows(out / "groupe-synthese.xlsx")
    assert list(book[0]) == rows[0]
    assert len(book) == 4
    for row, ref_row in zip(book[1:], plain[1:]):
        assert isinstance(row[cost], float) and row[cost] == float(ref_row[cost])
        assert row[SUMMARY_COLUMNS.index("person")] in (1, 2, 3)
        assert row[SUMMARY_COLUMNS.index("reachable")] is (ref_row[14] == "true")
        assert row[SUMMARY_COLUMNS.index("name")] == ref_row[1]


def test_the_french_excel_group_reads_as_the_example(real, excel_group):
    """Level for level, the same people as the example group; the column left out is said."""
    excel, example = load_group(excel_group, real), load_group(GROUP, real)
    assert excel.ignored_columns == ["Entreprise"] and excel.header_line == 1
    assert example.ignored_columns == []
    for a, b in zip(excel.members, example.members, strict=True):
        assert a.profile is not None and b.profile is not None
        assert a.profile.levels == b.profile.levels
        assert (a.name, a.profile.current_job) == (b.name, b.profile.current_job)


@pytest.mark.parametrize(
    "encoding, delimiter, newline",
    [
        ("utf-8-sig", ",", "\n"),
        ("utf-8", "\t", "\r\n"),
        ("cp1252", ";", "\r"),
        ("utf-16", "\t", "\r\n"),  # Excel's "Texte Unicode"
    ],
)
def test_a_group_in_any_encoding_and_separator(real, encoding, delimiter, newline):
    """UTF-8 with or without a byte-order mark, Windows-1252, UTF-16; comma, semicolon or tab;
    any line end: the same group."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator=newline).writerows(
        [FRENCH_HEADER, *FRENCH_ROWS]
    )
    data = buf.getvalue().encode(encoding)
    group = parse_group_csv(decode_sheet(data, "g.csv"), real, name="g.csv")
    assert [m.name for m in group.members] == ["Camille Martin", "Karim Benali", "Sophie Lefèvre"]
    assert all(m.problem is None for m in group.members)
    assert group.ignored_columns == ["Entreprise"]


def test_english_headers_and_decimal_points(real):
    """English headers, competence ids, '3.0' and '3,0': read; '2,5' is not a level."""
    text = (
        "Name,Current job,Company,cycle-de-vie,risques\n"
        'Ana,data-scientist,ACME,"3,0",3.0\n'
        'Bob,,ACME,"2,5",1\n'
    )
    group = parse_group_csv(text, real, name="g.csv")
    ana, bob = group.members
    assert ana.profile is not None and ana.profile.current_job == "data-scientist"
    assert ana.profile.level("cycle-de-vie") == 3 and ana.profile.level("risques") == 3
    assert group.ignored_columns == ["Company"]
    assert bob.profile is None and bob.problem is not None
    # file, line, column and value (the words around them follow the language)
    assert re.search(r"g\.csv\W+\w+ 3\W+cycle-de-vie\b.*'2,5'", bob.problem), bob.problem


def test_unreadable_bytes_are_one_clear_error(real, tmp_path):
    """Bytes of no spreadsheet encoding, and a binary file: one line naming the file."""
    bad = tmp_path / "g.csv"
    bad.write_bytes(b"name,cycle-de-vie\nZo\x81,1\n")
    with pytest.raises(InputError, match=r"g\.csv : texte ni UTF-8 ni Windows-1252 \(octet "):
        load_group(bad, real)
    bad.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(InputError, match=r"g\.csv : fichier binaire, pas un groupe CSV"):
        load_group(bad, real)


def test_the_separator_is_found_on_the_first_rows():
    """A semicolon file with decimal commas, a comma file whose labels hold semicolons
    (quoted), a tab file; on a tie, a comma."""
    assert sniff_delimiter('nom;a;b\r\nAna;"3,0";2,0\r\nBob;1;2\r\n') == ";"
    assert sniff_delimiter('name,"a; b",c\nAna,1,2\nBob,3,4\n') == ","
    assert sniff_delimiter("name\ta\tb\nAna\t1\t2\n") == "\t"
    assert sniff_delimiter("name\nAna\n") == ","


def _template_sheets(tmp_path: Path, name: str, mutate) -> Path:
    """The import templates of the bundled data, each file passed through ``mutate(name,
    rows)`` and saved as French Excel does (``;``, CRLF, Windows-1252)."""
    folder = tmp_path / name
    write_templates(load_dataset(packaged_data_dir()), folder)
    for path in sorted(folder.glob("*.csv")):
        rows = list(csv.reader(io.StringIO(path.read_text("utf-8-sig")), delimiter=";"))
        mutate(path.name, rows)
        path.write_bytes(sheet_csv(rows))
    return folder


def _excel_import(file: str, rows: list[list[str]]) -> None:
    """French headers with accents and capitals, levels with a decimal comma, and an extra
    column in the levels file."""
    rows[0] = [{"libelle": "Libellé", "metier": "Métier"}.get(h, h.capitalize()) for h in rows[0]]
    if file == LEVELS:
        rows[0].append("Entreprise")
        for row in rows[1:]:
            row[2] = f"{row[2]},0" if row[2] else ""
            row.append("CHU")


ENGLISH = {
    "titre": "Title",
    "famille": "Family",
    "autres_appellations": "Other titles",
    "autres_appellations_en": "Other titles (EN)",
    "resume": "Summary",
    "raison": "Reason",
    "libelle": "Label",
    "niveau_1": "Level 1",
    "niveau_2": "Level 2",
    "niveau_3": "Level 3",
    "niveau_4": "Level 4",
    "metier": "Job",
    "niveau": "Level",
    "exemple": "Example",
    "de": "From",
    "vers": "To",
    "sens": "Direction",
    "declaree_par": "Declared by",
    "anneau": "Ring",
    "secteur": "Sector",
}


def _english_import(file: str, rows: list[list[str]]) -> None:
    rows[0] = [ENGLISH.get(h, h) for h in rows[0]]


@pytest.mark.parametrize("mutate", [_excel_import, _english_import])
def test_import_csv_reads_spreadsheets_as_they_come(invoke, tmp_path, mutate):
    """The same inputs for ``esante import csv``: Windows-1252, ``;``, CRLF, French headers
    with accents (or English ones), decimal commas and an extra column give the dataset the
    plain templates give, with one warning naming the column (none without it)."""
    plain = tmp_path / "plain"
    write_templates(load_dataset(packaged_data_dir()), plain)
    sheets = _template_sheets(tmp_path, "sheets", mutate)
    ref, out = tmp_path / "ref", tmp_path / "out"
    assert invoke("import", "csv", str(plain), "--output", str(ref)).exit_code == ExitCode.OK
    r = invoke("import", "csv", str(sheets), "--output", str(out))
    assert r.exit_code == ExitCode.OK, r.output
    warnings = [line for line in r.stderr.splitlines() if "Entreprise" in line]
    if mutate is _excel_import:  # one warning, naming the file and the column
        assert len(warnings) == 1 and f"{LEVELS} :" in warnings[0], warnings
    else:
        assert warnings == []
    for name in ("metier.json", "mobilites.json"):
        assert json.loads((out / name).read_text("utf-8")) == json.loads(
            (ref / name).read_text("utf-8")
        )


def test_import_csv_refuses_a_column_given_twice(tmp_path):
    folder = _template_sheets(tmp_path, "twice", lambda f, rows: None)
    rows = [["libelle", "Label", "niveau_1"], ["A", "B", ""]]
    (folder / COMPETENCES).write_bytes(sheet_csv(rows))
    with pytest.raises(InputError) as err:
        import_csv(folder)
    assert "les colonnes « libelle » et « Label » désignent toutes deux libelle" in str(err.value)


# -- writing: the excel-fr dialect ---------------------------------------------------------------

COMMANDS = [
    ("list",),
    ("competences",),
    ("show", ESANTE),
    ("neighbours", "data-scientist"),
    ("recommend", "data-scientist", "--all"),
    ("paths", "data-scientist", ESANTE),
    ("gap", "data-scientist", ESANTE),
    ("compare", "data-scientist", "data-engineer", "architecte-iot"),
    ("match", str(CAMILLE), "--explain"),
    ("whatif", str(CAMILLE), "--raise", "technologies-sante+2"),
    ("leverage", str(CAMILLE)),
    ("map", "data-scientist"),
    ("model", "check"),
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
def test_every_query_writes_the_excel_dialect(invoke, args):
    """``--format csv`` in excel-fr: a byte-order mark, ``;``, CRLF, headers in French, and
    cell for cell the plain CSV once the decimal comma and oui/non are read back."""
    plain = invoke(*args, "-f", "csv")
    excel = invoke("--csv-dialect", "excel-fr", *args, "-f", "csv")
    assert plain.exit_code == excel.exit_code == ExitCode.OK, excel.output
    rows = read_excel_csv(excel.stdout_bytes)
    ref = list(csv.reader(io.StringIO(plain.stdout)))
    assert len(rows) == len(ref) and len(rows[0]) == len(ref[0])
    assert rows[0] != ref[0]  # words, not keys
    assert all(re.search(r"[A-ZÀ-Ý]", word) for word in rows[0] if not re.search(r"-", word))
    keys = ref[0]
    for row, ref_row in zip(rows[1:], ref[1:]):
        # the values of a closed list (move, band, link, provenance) are words for people
        assert [plain_value(c) for c in row] == [
            enum_word(k, {"True": "true", "False": "false"}.get(c, c), Lang.fr)
            for k, c in zip(keys, ref_row)
        ]
        assert not any(re.fullmatch(r"-?\d+\.\d+", c) for c in row)  # no decimal point left


def test_the_variable_and_the_option_write_the_same(invoke, monkeypatch):
    """``ESANTE_CSV_DIALECT=excel-fr`` is ``--csv-dialect excel-fr``; ``plain`` is the
    default; a wrong name is a usage error."""
    option = invoke("--csv-dialect", "excel-fr", "list", "-f", "csv").stdout_bytes
    default = invoke("list", "-f", "csv").stdout_bytes
    monkeypatch.setenv("ESANTE_CSV_DIALECT", "excel-fr")
    assert invoke("list", "-f", "csv").stdout_bytes == option
    monkeypatch.setenv("ESANTE_CSV_DIALECT", "plain")
    assert invoke("list", "-f", "csv").stdout_bytes == default
    assert invoke("--csv-dialect", "excel", "list").exit_code == ExitCode.USAGE


def test_english_headers_follow_the_interface(invoke):
    """In English the headers are English words (the decimal comma stays: the dialect is
    French Excel's)."""
    fr = read_excel_csv(invoke("--csv-dialect", "excel-fr", "list", "-f", "csv").stdout_bytes)
    en = read_excel_csv(
        invoke("--lang", "en", "--csv-dialect", "excel-fr", "list", "-f", "csv").stdout_bytes
    )
    assert fr[0][:2] == ["Identifiant", "Métier"]
    assert en[0][:2] == ["Id", "Job"] and en[1:] == fr[1:]


@pytest.mark.parametrize("layout", ["square", "long"])
def test_the_matrix_in_the_excel_dialect(invoke, layout):
    """The streamed matrix, square and long, in excel-fr: the plain one cell for cell."""
    plain = invoke("export", "matrix", "--layout", layout)
    excel = invoke("--csv-dialect", "excel-fr", "export", "matrix", "--layout", layout)
    rows = read_excel_csv(excel.stdout_bytes)
    ref = list(csv.reader(io.StringIO(plain.stdout)))
    assert rows[0][0] == ("Identifiant" if layout == "square" else "De (id)")
    if layout == "square":
        assert rows[0][2:] == ref[0][2:]  # the jobs' ids
    assert len(rows[0]) == len(ref[0])
    assert [[plain_value(c) for c in row] for row in rows[1:]] == ref[1:]


def test_hostile_titles_stay_inert_in_the_excel_dialect(invoke, hostile_dir):
    """A title that reads as a formula gets its quote in excel-fr too; a ';' is quoted."""
    r = invoke("--data", str(hostile_dir), "--csv-dialect", "excel-fr", "list", "-f", "csv")
    rows = read_excel_csv(r.stdout_bytes)
    titles = {row[0]: row[1] for row in rows[1:]}
    assert titles["architecte-iot"] == "'" + HOSTILE["architecte-iot"]
    assert titles["data-engineer"] == "'" + HOSTILE["data-engineer"]


# -- writing: plain stays what it was --------------------------------------------------------------


@pytest.mark.parametrize("args", list(PLAIN), ids=" ".join)
def test_plain_csv_is_byte_for_byte_what_it_was(invoke, args):
    for prefix in ((), ("--csv-dialect", "plain")):
        r = invoke(*prefix, *args)
        assert r.exit_code == ExitCode.OK
        assert hashlib.sha256(r.stdout_bytes).hexdigest() == PLAIN[args]


def test_plain_workshop_summary_is_what_it_was(invoke, tmp_path):
    out = tmp_path / "out"
    assert invoke("workshop", str(GROUP), "-o", str(out)).exit_code == ExitCode.OK
    data = (out / "groupe-synthese.csv").read_bytes()
    assert hashlib.sha256(data).hexdigest() == PLAIN_SUMMARY


# -- writing: workbooks -------------------------------------------------------------------------


@pytest.mark.parametrize("layout", ["square", "long"])
def test_export_matrix_as_a_workbook(invoke, tmp_path, layout):
    """``--output FILE.xlsx``: one sheet, headers in French, numbers as numbers (the CSV's),
    booleans as booleans, empty cells empty; the same bytes every time."""
    path = tmp_path / "matrice.xlsx"
    r = invoke("export", "matrix", "--layout", layout, "--output", str(path))
    assert r.exit_code == ExitCode.OK, r.output
    book = workbook_rows(path)
    ref = list(csv.reader(io.StringIO(invoke("export", "matrix", "--layout", layout).stdout)))
    assert len(book) == len(ref)
    if layout == "square":
        assert list(book[0][:2]) == ["Identifiant", "Métier"] and list(book[0][2:]) == ref[0][2:]
        assert book[1][2] == 0  # the diagonal
        for row, ref_row in zip(book[1:], ref[1:]):
            assert list(row[:2]) == ref_row[:2]
            assert all(isinstance(v, int | float) for v in row[2:])
            assert [float(v) for v in row[2:]] == [float(v) for v in ref_row[2:]]
    else:
        assert book[0][0] == "De (id)" and len(book[0]) == len(ref[0])
        for row, ref_row in zip(book[1:], ref[1:]):
            for value, text in zip(row, ref_row):
                if text in ("true", "false"):
                    assert value is (text == "true")
                elif text == "":
                    assert value is None
                elif re.fullmatch(r"-?\d+(\.\d+)?", text):
                    assert isinstance(value, int | float) and float(value) == float(text)
                else:
                    assert value == text
    again = tmp_path / "again.xlsx"
    invoke("export", "matrix", "--layout", layout, "--output", str(again))
    assert again.read_bytes() == path.read_bytes()


def test_a_workbook_too_long_for_a_sheet_is_refused(invoke, tmp_path, monkeypatch):
    """The long layout of more pairs than a sheet's rows (9 million at the ESCO size, a sheet
    holds 1,048,576) is refused with one line, before anything is written; so is a workbook
    to the standard output or in JSON."""
    from esante_cli.render import xlsx

    monkeypatch.setattr(xlsx, "SHEET_ROWS", 100)  # the bundled long layout has 133 rows
    path = tmp_path / "m.xlsx"
    r = invoke("export", "matrix", "--layout", "long", "--output", str(path))
    assert r.exit_code == ExitCode.USAGE
    assert "133" in r.stderr and "100" in r.stderr and "--layout" in r.stderr
    assert not any(p.suffix in (".xlsx", ".tmp") for p in tmp_path.iterdir())
    assert invoke("export", "matrix", "--output", str(path)).exit_code == ExitCode.OK
    assert invoke("export", "matrix", "-f", "xlsx").exit_code == ExitCode.USAGE
    r = invoke("export", "matrix", "-f", "json", "-o", str(tmp_path / "x.xlsx"))
    assert r.exit_code == ExitCode.USAGE and not (tmp_path / "x.xlsx").exists()


def test_hostile_titles_stay_text_in_a_workbook(invoke, hostile_dir, tmp_path):
    """A title starting with '=' is a string cell, never a formula; every title verbatim."""
    path = tmp_path / "m.xlsx"
    r = invoke("--data", str(hostile_dir), "export", "matrix", "--output", str(path))
    assert r.exit_code == ExitCode.OK, r.output
    sheet = openpyxl.load_workbook(path).active
    titles = {row[0].value: row[1] for row in sheet.iter_rows(min_row=2)}
    for job, title in HOSTILE.items():
        assert titles[job].value == title and titles[job].data_type == "s"


def test_the_workshop_summary_workbook_in_english(invoke, excel_group, tmp_path):
    """The workbook's headers and sheet follow the interface language."""
    out = tmp_path / "out"
    r = invoke("--lang", "en", "workshop", str(excel_group), "-o", str(out))
    assert r.exit_code == ExitCode.OK, r.output
    book = openpyxl.load_workbook(out / "group-summary.xlsx")
    assert book.active.title == "Summary"
    assert [c.value for c in book.active[1]][:4] == ["Person", "Name", "Source", "Status"]
    row = [c.value for c in book.active[2]]
    status, move = SUMMARY_COLUMNS.index("status"), SUMMARY_COLUMNS.index("move")
    assert row[SUMMARY_COLUMNS.index("source")] == "line 2" and row[status] == "read"
    assert row[move] in {"progression", "lateral move", "downgrade"}


@pytest.mark.parametrize(
    ("lang", "words"),
    [("fr", {"mène à ce métier", "où il mène"}), ("en", {"leads to this job", "where it leads"})],
)
def test_excel_fr_says_which_side_in_words(invoke, lang, words):
    """In a spreadsheet read by people, the side of a neighbour is said in the interface's
    language as the other closed lists are ('in'/'out' stayed as keys); plain CSV keeps them."""
    text = invoke(
        "--lang",
        lang,
        "--csv-dialect",
        "excel-fr",
        "neighbours",
        "data-scientist",
        "--format",
        "csv",
    ).stdout.lstrip("\ufeff")
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert {r[0] for r in rows[1:]} == words
    plain = invoke("neighbours", "data-scientist", "--format", "csv").stdout
    assert {r[0] for r in list(csv.reader(io.StringIO(plain)))[1:]} == {"in", "out"}


def test_the_summary_workbook_shows_shares_as_percentages(invoke, tmp_path):
    """The workbook keeps a share's exact value and shows it as the reports do (68 %): the
    'Acquis' and 'Stabilité' columns have a percentage format, the others none."""
    out = tmp_path / "w"
    assert (
        invoke("workshop", str(GROUP), "-o", str(out), "-t", "specialiste-e-sante").exit_code == 0
    )
    ws = openpyxl.load_workbook(out / "groupe-synthese.xlsx").active
    header = [c.value for c in ws[1]]
    for name in ("Acquis", "Stabilité"):
        cell = ws.cell(row=2, column=header.index(name) + 1)
        assert cell.number_format == "0%" and 0 <= cell.value <= 1
    assert ws.cell(row=2, column=header.index("Effort") + 1).number_format == "General"
