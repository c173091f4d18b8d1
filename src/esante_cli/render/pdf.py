"""The report as PDF: the very HTML page of :func:`~esante_cli.render.html.render_report_html`,
laid out on A4 by WeasyPrint, so that there is one layout to keep, not two.

WeasyPrint is the optional extra ``esante[pdf]``: it is imported here only, when a PDF is
asked for, and its absence (or a system library it cannot load, or too old a version) is one
:class:`~esante_cli.errors.MissingExtraError` line saying how to add it (exit code 6). The page adds to the
HTML what only paper needs: a running footer (the report's title, and "page / pages").
Fonts are the page's own (DejaVu Sans, cut down to its characters), embedded in the PDF; the
map is the page's inline SVG, drawn as vectors. Nothing is fetched: the page holds only
``data:`` URLs, and WeasyPrint may open no other kind. The same page gives the same bytes.
"""

from __future__ import annotations

import re
import sys
from typing import Any

from ..errors import MissingExtraError
from ..i18n import Lang, t

__all__ = ["group_pdf", "load_weasyprint", "pdf_bytes", "pdf_document"]

# What paper adds to the page: the report's title and the page number in the bottom margin
# (the page's own 15 mm), small and grey, on every page.
PAGE_CSS = """
h1 { string-set: report-title content(text); }
@page {
  @bottom-left { content: string(report-title); font: 7pt "DejaVu Sans", sans-serif;
                 color: #555; vertical-align: middle; }
  @bottom-right { content: counter(page) " / " counter(pages);
                  font: 7pt "DejaVu Sans", sans-serif; color: #555; vertical-align: middle; }
}
"""
BLANK = "<html><head><style>@page { size: A4; }</style></head><body></body></html>"
OLDEST = 69  # the first WeasyPrint whose URLFetcher can be limited to data: URLs


def load_weasyprint(lang: Lang = Lang.fr) -> Any:
    """The ``weasyprint`` module, or one ``MissingExtraError`` line saying how to add it (or
    which of its system libraries is missing, or that it is too old)."""
    command = f"{sys.executable} -m pip install 'esante[pdf]'"
    try:
        import weasyprint as module
    except ImportError:
        raise MissingExtraError(t("pdf_missing", lang).format(command=command)) from None
    except OSError as exc:  # installed, but Pango (a system library) cannot be loaded
        reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise MissingExtraError(t("pdf_broken", lang).format(reason=reason)) from None
    version = str(getattr(module, "__version__", "0"))
    major = re.match(r"\d+", version)
    if major is None or int(major.group()) < OLDEST:
        raise MissingExtraError(
            t("pdf_old", lang).format(version=version, oldest=OLDEST, command=command + " -U")
        )
    return module


def pdf_document(html: str, lang: Lang = Lang.fr) -> Any:
    """The page ``html`` laid out on A4 pages (a WeasyPrint ``Document``)."""
    wp = load_weasyprint(lang)
    from weasyprint.urls import URLFetcher

    fetcher = URLFetcher(allowed_protocols={"data"})  # the page's fonts; nothing from outside
    page = wp.HTML(string=html, url_fetcher=fetcher)
    return page.render(stylesheets=[wp.CSS(string=PAGE_CSS, url_fetcher=fetcher)])


def pdf_bytes(document: Any) -> bytes:
    """The PDF of a laid-out ``document``: fonts embedded (cut down to the glyphs used)."""
    data: bytes = document.write_pdf()
    return data


def group_pdf(documents: list[Any], title: str, lang: Lang = Lang.fr) -> bytes:
    """One PDF of several reports, in order, to print in one go. A report of an odd number of
    pages is followed by a blank one, so that printed on both sides each report starts on a
    sheet of its own: no one's page is printed on the back of someone else's. Each report
    keeps its own page numbers (1 / 5...) and its bookmarks."""
    wp = load_weasyprint(lang)
    blank = None
    pages = []
    for document in documents:
        pages += document.pages
        if len(document.pages) % 2 and document is not documents[-1]:
            if blank is None:
                blank = wp.HTML(string=BLANK).render().pages[0]
            pages.append(blank)
    combined = documents[0].copy(pages)
    combined.metadata.title = title
    data: bytes = combined.write_pdf()
    return data
