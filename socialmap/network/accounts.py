"""Invitations and password resets that travel by mail (or, without a mail server, by hand).

Shared by the command line and the coordinator's pages: a new account gets its
one-time invitation link, a forgotten password a one-time reset link; when SMTP
is set (``SOCIALMAP_SMTP_URL``) the link is mailed, otherwise the caller shows
it to whoever hands it over.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import sqlite_utils

from ..editing import add_user
from ..editing.accounts import INVITATION_DAYS
from ..editing.resets import RESET_HOURS, request_reset
from ..mail import SmtpSettings, invitation_mail, mail_language, reset_mail, send

__all__ = ["Sent", "invite", "send_reset"]


@dataclass(frozen=True)
class Sent:
    """A one-time link: mailed to ``email`` (``mailed``), or to be handed over by hand."""

    email: str
    link: str
    mailed: bool


def invite(
    db: sqlite_utils.Database,
    email: str,
    role: str,
    *,
    regions: tuple[str, ...] = (),
    organisations: tuple[str, ...] = (),
    settings: SmtpSettings | None,
    link: Callable[[str], str],
    lang: str | None = None,
) -> Sent:
    """Add the account and mail its invitation (``link(token)``) when ``settings`` are given.

    The account is created first: if the mail server then fails, the
    :class:`~socialmap.mail.MailError` says so and a new invitation can be sent.
    """
    token = add_user(db, email, role, regions, organisations)
    address = email.strip().lower()
    url = link(token)
    if settings is None:
        return Sent(address, url, mailed=False)
    if lang is None:
        lang = mail_language(db, regions or _regions_of(db, organisations))
    send(settings, [invitation_mail(address, role, url, INVITATION_DAYS, lang)])
    return Sent(address, url, mailed=True)


def _regions_of(db: sqlite_utils.Database, organisations: tuple[str, ...]) -> list[str]:
    regions = []
    for organisation in organisations:
        row = db.execute("SELECT region FROM organisations WHERE id = ?", [organisation]).fetchone()
        if row:
            regions.append(row[0])
    return regions


def send_reset(
    db: sqlite_utils.Database,
    email: str,
    *,
    settings: SmtpSettings | None,
    link: Callable[[str], str],
    lang: str | None = None,
) -> Sent | None:
    """Make a reset link for ``email`` and mail it when ``settings`` are given.

    None when the address has no enabled account — the web page answers the same
    sentence either way, so nobody learns which addresses exist.
    """
    found = request_reset(db, email)
    if found is None:
        return None
    user, token = found
    url = link(token)
    if settings is None:
        return Sent(user.email, url, mailed=False)
    if lang is None:
        lang = mail_language(db, user.regions or _regions_of(db, user.organisations))
    send(settings, [reset_mail(user.email, url, RESET_HOURS, lang)])
    return Sent(user.email, url, mailed=True)
