"""The route sheet as a PDF: WeasyPrint lays out the sheet's own HTML (no second layout).

The HTML (``referral/sheet_pdf.html``) carries its style inline and links to
nothing, so the PDF is made offline: a URL fetcher that refuses every fetch
makes sure no address a record holds is ever requested while rendering.
"""

from __future__ import annotations

from typing import Any

__all__ = ["render_pdf"]


def _no_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"the route sheet fetches nothing ({url[:40]!r})")


def render_pdf(html: str) -> bytes:
    """The PDF of a self-contained HTML page."""
    from weasyprint import HTML  # imported on first use: Pango loads only when a PDF is made

    document = HTML(string=html, url_fetcher=_no_fetch).write_pdf()
    assert document is not None
    return bytes(document)
