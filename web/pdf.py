"""The route sheet as a PDF: WeasyPrint lays out the sheet's own HTML (no second layout).

The HTML (``referral/sheet_pdf.html``) carries its style inline and links to
nothing, so the PDF is made offline: a URL fetcher that refuses every fetch
makes sure no address a record holds is ever requested while rendering.
"""

from __future__ import annotations

from typing import Any

__all__ = ["render_pdf", "PdfUnavailable"]


class PdfUnavailable(RuntimeError):
    """WeasyPrint cannot run here (Debian's Pango is not installed)."""


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the route sheet fetches nothing ({url[:40]!r})")


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page."""
    try:  # imported on first use: Pango loads only when a PDF is made
        from weasyprint import HTML
    except OSError as exc:  # the library is there, Pango is not
        raise PdfUnavailable(f"WeasyPrint cannot load Pango: {exc}") from exc

    document = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    assert document is not None
    return bytes(document)
