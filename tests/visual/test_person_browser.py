"""A person's report (``esante report --profile``, and one written by ``esante workshop``) in a
real browser: Debian's headless Chromium renders it, prints it on A4, and nothing is fetched.

Like ``test_browser.py`` (whose helpers these tests use), they skip with the reason where
Chromium is missing, and fail under CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from esante_cli.cli import app
from esante_cli.errors import ExitCode

from .test_browser import (  # noqa: F401 (fixtures)
    assert_prints_on_a4,
    assert_screenshot_is_a_page,
    chromium,
    page_requests,
    proxy,
    run,
)

ROOT = Path(__file__).resolve().parents[2]
CAMILLE = ROOT / "examples" / "profiles" / "camille-data-scientist.yaml"
GROUP = ROOT / "examples" / "workshop" / "groupe.csv"
CLEAN = {"ESANTE_DATA": None, "ESANTE_LANG": None, "ESANTE_MODEL": None}


@pytest.fixture(scope="module")
def person_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Camille's report towards the Spécialiste e-santé, made by the command."""
    out = tmp_path_factory.mktemp("person") / "camille.html"
    r = CliRunner().invoke(
        app,
        [
            "report",
            "--profile",
            str(CAMILLE),
            "--target",
            "specialiste-e-sante",
            "--output",
            str(out),
        ],
        prog_name="esante",
        env=CLEAN,
    )
    assert r.exit_code == ExitCode.OK, r.output
    return out


@pytest.fixture(scope="module")
def workshop_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Karim's report, written by ``esante workshop`` with a hostile-free sample group."""
    out = tmp_path_factory.mktemp("workshop") / "atelier"
    r = CliRunner().invoke(
        app, ["workshop", str(GROUP), "--output-dir", str(out)], prog_name="esante", env=CLEAN
    )
    assert r.exit_code == ExitCode.OK, r.output
    return out / "karim-benali.html"


def test_person_report_screenshot(chromium, person_file, tmp_path):  # noqa: F811
    """Chromium renders the person's report: a screenshot of the window's size, not blank."""
    assert_screenshot_is_a_page(chromium, person_file, tmp_path)


def test_workshop_report_screenshot(chromium, workshop_file, tmp_path):  # noqa: F811
    """A report the workshop wrote renders the same way."""
    assert_screenshot_is_a_page(chromium, workshop_file, tmp_path)


def test_person_report_prints_on_a4(chromium, person_file, tmp_path):  # noqa: F811
    """Printed to PDF, the person's report fills a sane number of A4 pages (2 to 6)."""
    assert_prints_on_a4(chromium, person_file, tmp_path)


def test_person_report_fetches_nothing(chromium, person_file, tmp_path, proxy):  # noqa: F811
    """Through a recording proxy, the person's report asks for nothing."""
    address, seen = proxy
    shot = tmp_path / "page.png"
    proc = run(
        chromium,
        tmp_path,
        f"--proxy-server={address}",
        "--proxy-bypass-list=<-loopback>",
        "--window-size=800,600",
        f"--screenshot={shot}",
        person_file.as_uri(),
    )
    assert proc.returncode == 0 and shot.exists()
    assert page_requests(seen) == []
