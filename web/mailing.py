"""Mail from the web app: the SMTP settings of the app and links that are safe to mail.

Settings are ``SOCIALMAP_SMTP_URL`` and ``SOCIALMAP_MAIL_FROM`` (read into the
app's config as ``SMTP_URL`` and ``MAIL_FROM``).  A mailed link is built only on
``SOCIALMAP_PUBLIC_URL``, never on the host a request claims: otherwise a forged
``Host`` header would mail a victim a reset link to someone else's server.
Without a public URL the web mails no links (:func:`mailed_link` is None) and
logs why; the command line can still print them.
"""

from __future__ import annotations

from typing import Any

from flask import current_app, has_request_context, request, url_for

from socialmap.mail import SmtpSettings, parse_smtp_url

__all__ = ["smtp_settings", "mailed_link"]


def smtp_settings() -> SmtpSettings | None:
    """The app's SMTP settings, or None when no mail server is set."""
    url = (current_app.config.get("SMTP_URL") or "").strip()
    if not url:
        return None
    if not current_app.config.get("PUBLIC_URL"):
        current_app.logger.warning(
            "SOCIALMAP_SMTP_URL is set but SOCIALMAP_PUBLIC_URL is not: links are not mailed"
        )
        return None
    return parse_smtp_url(url, current_app.config.get("MAIL_FROM"))


def mailed_link(endpoint: str, **values: Any) -> str:
    """The address of ``endpoint`` on the public URL (its path alone without one)."""
    path = url_for(endpoint, **values)
    root = request.script_root if has_request_context() else ""
    if root and path.startswith(root):
        path = path[len(root) :]  # the public URL carries the prefix itself
    return str(current_app.config.get("PUBLIC_URL") or "").rstrip("/") + path
