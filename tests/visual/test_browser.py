"""The HTML report in a real browser: Debian's headless Chromium renders it, takes a
screenshot, prints it to PDF on A4, and no request leaves the machine.

``.ci/run`` installs the ``chromium`` package; where it is missing (a developer's machine),
these tests skip and say why. Under CI (``CI`` set) a missing Chromium is a failure, so that a
broken install cannot pass unnoticed.
"""

from __future__ import annotations

import http.server
import io
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest

from esante_cli.errors import ExitCode

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# How Chromium runs headless here (see the machine notes): no sandbox as root, and none of its
# background services, which would otherwise try the network at every start.
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--hide-scrollbars",
    "--no-pdf-header-footer",
]
# Hosts Chromium itself calls (time, updates, accounts) whatever the page: not the page's doing.
BROWSER_HOSTS = re.compile(r"(^|\.)(google\.com|googleapis\.com|gvt1\.com|gstatic\.com)$")


@pytest.fixture(scope="module")
def chromium() -> str:
    if CHROMIUM is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed, but .ci/run installs it: the install failed")
        pytest.skip(
            "Debian's 'chromium' is not installed (apt-get install -y chromium); "
            ".ci/run installs it"
        )
    return CHROMIUM


def run(
    chromium: str, tmp_path: Path, *args: str, timeout: int = 120
) -> subprocess.CompletedProcess[bytes]:
    profile = tmp_path / f"profile-{len(list(tmp_path.glob('profile-*')))}"
    return subprocess.run(
        [chromium, *FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        timeout=timeout,
        check=False,
    )


@pytest.fixture(scope="module")
def report_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample report, made by the command."""
    from typer.testing import CliRunner

    from esante_cli.cli import app

    out = tmp_path_factory.mktemp("report") / "rapport.html"
    r = CliRunner().invoke(
        app,
        ["report", "data-scientist", "specialiste-e-sante", "--output", str(out)],
        prog_name="esante",
        env={"ESANTE_DATA": None, "ESANTE_LANG": None, "ESANTE_MODEL": None},
    )
    assert r.exit_code == ExitCode.OK, r.output
    return out


class _Recorder(http.server.BaseHTTPRequestHandler):
    seen: ClassVar[list[str]] = []

    def _record(self) -> None:
        type(self).seen.append(self.path if self.command != "CONNECT" else f"https://{self.path}")
        self.send_error(502)

    do_GET = do_POST = do_HEAD = do_CONNECT = _record

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def proxy() -> Iterator[tuple[str, list[str]]]:
    """A local HTTP proxy that refuses everything and records what was asked of it."""
    seen: list[str] = []
    handler = type("Recorder", (_Recorder,), {"seen": seen})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", seen
    finally:
        server.shutdown()
        server.server_close()


def page_requests(seen: list[str]) -> list[str]:
    """The requests a page made: those to the browser's own service hosts left out."""
    out = []
    for url in seen:
        host = re.sub(r"^[a-z]+://", "", url).split("/")[0].split(":")[0]
        if not BROWSER_HOSTS.search(host):
            out.append(url)
    return out


def assert_screenshot_is_a_page(chromium: str, page: Path, tmp_path: Path) -> None:
    """Chromium renders ``page`` and takes a screenshot of the window's size, not blank."""
    from PIL import Image

    shot = tmp_path / "page.png"
    proc = run(chromium, tmp_path, "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    image = Image.open(shot)
    assert image.size == (1000, 1400)
    histogram = image.convert("L").histogram()
    assert sum(1 for count in histogram if count) > 40  # text and colours, not an empty page
    assert sum(histogram[:128]) > 2000  # dark pixels: the text was drawn


def assert_prints_on_a4(chromium: str, page: Path, tmp_path: Path) -> None:
    """Printed to PDF, ``page`` fills a sane number of A4 pages (2 to 6)."""
    pdf = tmp_path / "rapport.pdf"
    proc = run(chromium, tmp_path, f"--print-to-pdf={pdf}", page.as_uri())
    assert proc.returncode == 0, proc.stderr[-2000:]
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", data))
    assert 2 <= pages <= 6, pages
    boxes = set(re.findall(rb"/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]", data))
    assert boxes and all(abs(float(w) - 595) < 2 and abs(float(h) - 842) < 2 for w, h in boxes)
    if shutil.which("pdfinfo"):
        info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True)
        assert f"Pages:           {pages}" in info.stdout


def test_screenshot(chromium, report_file, tmp_path):
    """Chromium renders the report and takes a screenshot of the window's size, not blank."""
    assert_screenshot_is_a_page(chromium, report_file, tmp_path)


def test_print_to_pdf_on_a4(chromium, report_file, tmp_path):
    """Printed to PDF, the report fills a sane number of A4 pages (2 to 6)."""
    assert_prints_on_a4(chromium, report_file, tmp_path)


def test_no_request_leaves_the_machine(chromium, report_file, tmp_path, proxy):
    """With every request sent through a recording proxy, the report asks for nothing, while a
    page that does fetch something is caught (the check can fail)."""
    address, seen = proxy
    via_proxy = [f"--proxy-server={address}", "--proxy-bypass-list=<-loopback>"]
    shot = tmp_path / "page.png"
    proc = run(
        chromium,
        tmp_path,
        *via_proxy,
        "--window-size=800,600",
        f"--screenshot={shot}",
        report_file.as_uri(),
    )
    assert proc.returncode == 0 and shot.exists()
    assert page_requests(seen) == []

    leaky = tmp_path / "leaky.html"
    leaky.write_text('<p>x</p><img src="http://leak.example/pixel.png">', encoding="utf-8")
    seen.clear()
    run(chromium, tmp_path, *via_proxy, f"--screenshot={tmp_path / 'leaky.png'}", leaky.as_uri())
    assert any("leak.example" in url for url in page_requests(seen))


def test_renders_with_no_name_resolution(chromium, report_file, tmp_path):
    """With every host name made unresolvable, the report still renders completely."""
    shot = tmp_path / "offline.png"
    proc = run(
        chromium,
        tmp_path,
        "--host-resolver-rules=MAP * ~NOTFOUND",
        "--window-size=1000,1400",
        f"--screenshot={shot}",
        report_file.as_uri(),
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    from PIL import Image

    assert Image.open(io.BytesIO(shot.read_bytes())).size == (1000, 1400)
