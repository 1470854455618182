"""``socialmap remind``: mail each organisation's editors the entries they have not confirmed.

Organisations and offers not verified for 6 months and referral links not
confirmed for 12 (:mod:`.stale`), with a link to the page where they confirm
them.  A run is idempotent within a week: an editor who got a reminder for an
organisation in the last 7 days gets none for it now (``reminders_sent``).
Each mail is recorded right after the server took it, so a run that fails
half-way resends nothing that went out.  A dry run sends and stores nothing.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import quote

import sqlite_utils

from .. import store
from ..i18n import N_, gettext
from ..mail import Mail, SmtpSettings, mail_language, public_link, send
from .stale import StaleEntry, stale_entries

__all__ = ["QUIET_DAYS", "Reminder", "plan_reminders", "send_reminders", "confirm_path"]

#: A reminder for the same organisation goes to the same editor at most once in this many days.
QUIET_DAYS = 7

_SUBJECT = N_("{organisation}: please check your entries on the social map")
_INTRO = N_(
    "Hello,\n\n"
    "these entries of {organisation} on the social map have not been confirmed for a while "
    "(organisation and offers: 6 months, referral links: 12 months). "
    "Please check them, and correct them or confirm that they are still correct:"
)
_LINE = N_("{kind}: {name} (last confirmed: {date})")
_NEVER = N_("never")
_OUTRO = N_(
    "Confirm or correct them here (after logging in):\n{link}\n\n"
    "Thank you for keeping the map true. You get this reminder at most once a week."
)
_KIND_NAMES = {
    "organisation": N_("Organisation"),
    "offer": N_("Offer"),
    "referral_link": N_("Referral link"),
}


@dataclass(frozen=True)
class Reminder:
    """One mail to be sent: to an editor, about one organisation's entries due."""

    to: str
    organisation: str
    organisation_name: str
    lang: str
    entries: tuple[StaleEntry, ...]

    def mail(self, link: str) -> Mail:
        """The reminder in its language, with ``link`` to the confirmation page."""
        lang = self.lang
        lines = [
            "- "
            + gettext(_LINE, lang).format(
                kind=gettext(_KIND_NAMES[e.kind], lang),
                name=e.name,
                date=e.last_verified or gettext(_NEVER, lang),
            )
            for e in self.entries
        ]
        body = "\n\n".join(
            [
                gettext(_INTRO, lang).format(organisation=self.organisation_name),
                "\n".join(lines),
                gettext(_OUTRO, lang).format(link=link),
            ]
        )
        subject = gettext(_SUBJECT, lang).format(organisation=self.organisation_name)
        return Mail(to=self.to, subject=subject, body=body)


def confirm_path(organisation: str) -> str:
    """The page where an organisation's editors confirm its entries."""
    return f"/network/confirm/{quote(organisation, safe='')}"


def _recently_reminded(db: sqlite_utils.Database, since: str) -> set[tuple[str, str]]:
    rows = db.execute(
        "SELECT organisation, user FROM reminders_sent WHERE sent_at >= ?", [since]
    ).fetchall()
    return {(row[0], row[1]) for row in rows}


def _editors(db: sqlite_utils.Database, organisation: str) -> list[str]:
    rows = db.execute(
        "SELECT u.email FROM users u JOIN user_organisations uo ON uo.user = u.email"
        " WHERE uo.organisation = ? AND u.role = 'editor' AND u.disabled = 0 ORDER BY u.email",
        [organisation],
    ).fetchall()
    return [row[0] for row in rows]


def plan_reminders(
    db: sqlite_utils.Database, *, now: dt.datetime, region: str | None = None
) -> tuple[list[Reminder], list[str]]:
    """The reminders due now (of ``region``, or everywhere), and the organisations with
    entries due but no editor to remind (their coordinator sees them on the network page)."""
    since = (now - dt.timedelta(days=QUIET_DAYS)).isoformat()
    reminded = _recently_reminded(db, since)
    by_org: dict[str, list[StaleEntry]] = {}
    for entry in stale_entries(db, today=now.date(), region=region):
        by_org.setdefault(entry.organisation, []).append(entry)
    reminders: list[Reminder] = []
    orphans: list[str] = []
    for organisation, entries in sorted(by_org.items()):
        row = db.execute(
            "SELECT name, region FROM organisations WHERE id = ?", [organisation]
        ).fetchone()
        if row is None:
            continue
        editors = _editors(db, organisation)
        if not editors:
            orphans.append(organisation)
        lang = mail_language(db, [row[1]])
        for editor in editors:
            if (organisation, editor) not in reminded:
                reminders.append(Reminder(editor, organisation, row[0], lang, tuple(entries)))
    return reminders, orphans


def send_reminders(
    db: sqlite_utils.Database,
    settings: SmtpSettings,
    reminders: list[Reminder],
    *,
    now: dt.datetime,
    link: Callable[[str], str] = lambda org: public_link(confirm_path(org)),
) -> int:
    """Send ``reminders`` one by one, recording each right after it went out."""
    sent = 0
    for reminder in reminders:
        send(settings, [reminder.mail(link(reminder.organisation))])
        entries = [f"{e.kind}:{e.id}" for e in reminder.entries]
        with store.write(db):
            db.table("reminders_sent").insert(
                {
                    "organisation": reminder.organisation,
                    "user": reminder.to,
                    "sent_at": now.isoformat(),
                    "entries": json.dumps(entries),
                }
            )
        sent += 1
    return sent
