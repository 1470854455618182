"""E-mail notifications of referrals: a link to the referrals page, never anything about
the client.

When a referral is sent, the case workers of the receiving organisation get a mail;
when its status changes, those of the sending organisation.  The mail names the
organisation and carries the link ``<SOCIALMAP_PUBLIC_URL>/manage/referrals/`` —
no client code, profile, offer or date — in the region's language.  Without
``SOCIALMAP_SMTP_URL`` nothing is sent; a mail server that refuses is logged, and
the referral stays sent (the inbox shows it anyway).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

import sqlite_utils

from ..i18n import N_, gettext
from ..mail import Mail, MailError, SmtpSettings, mail_language, public_link, send, smtp_settings

__all__ = ["referral_mails", "notify"]

log = logging.getLogger(__name__)

_NEW_SUBJECT = N_("A new referral for {organisation}")
_NEW_BODY = N_(
    "Hello,\n\n"
    "{organisation} received a new referral on the social map. "
    "Open your referrals to answer it:\n\n"
    "{link}\n\n"
    "On purpose, this mail says nothing about the client."
)
_STATUS_SUBJECT = N_("A referral sent by {organisation} has a new status")
_STATUS_BODY = N_(
    "Hello,\n\n"
    "a referral that {organisation} sent has a new status on the social map. "
    "Open your referrals to see it:\n\n"
    "{link}\n\n"
    "On purpose, this mail says nothing about the client."
)


def _caseworkers(db: sqlite_utils.Database, organisation: str) -> list[str]:
    rows = db.execute(
        "SELECT u.email FROM users u JOIN user_organisations o ON o.user = u.email"
        " WHERE o.organisation = ? AND u.role = 'caseworker' AND u.disabled = 0"
        " ORDER BY u.email",
        [organisation],
    ).fetchall()
    return [r[0] for r in rows]


def referral_mails(
    db: sqlite_utils.Database,
    referral: Mapping[str, Any],
    event: str,
    env: Mapping[str, str] | None = None,
) -> list[Mail]:
    """The mails of ``event`` (``"sent"`` or ``"status"``) about ``referral``."""
    organisation = referral["to_organisation" if event == "sent" else "from_organisation"]
    row = db.execute("SELECT name FROM organisations WHERE id = ?", [organisation]).fetchone()
    name = row[0] if row else organisation
    lang = mail_language(db, [referral["region"]] if referral.get("region") else [])
    link = public_link("/manage/referrals/", env)
    subject, body = (
        (_NEW_SUBJECT, _NEW_BODY) if event == "sent" else (_STATUS_SUBJECT, _STATUS_BODY)
    )
    return [
        Mail(
            to=address,
            subject=gettext(subject, lang).format(organisation=name),
            body=gettext(body, lang).format(organisation=name, link=link),
        )
        for address in _caseworkers(db, organisation)
    ]


def notify(
    db: sqlite_utils.Database,
    referral: Mapping[str, Any],
    event: str,
    settings: SmtpSettings | None = None,
) -> int:
    """Send the mails of ``event``; how many went out (0 without SMTP settings)."""
    settings = settings or smtp_settings()
    if settings is None:
        return 0
    try:
        return send(settings, referral_mails(db, referral, event))
    except MailError as exc:
        log.warning("referral notification not sent (%s)", exc)
        return 0
