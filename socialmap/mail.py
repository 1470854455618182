"""E-mail: invitations, password reset links and reminders, sent through SMTP.

Settings: ``SOCIALMAP_SMTP_URL`` — ``smtp://user:pass@host:port`` (plain, port 25),
``smtp://…?starttls=1`` (STARTTLS, port 587) or ``smtps://…`` (TLS from the start,
port 465) — and ``SOCIALMAP_MAIL_FROM``, the sender address.  Without an SMTP URL
nothing is sent and the commands print the links instead (:func:`smtp_settings`
returns None).

Every mail is written in German, Dutch or English from the one gettext catalog
(:func:`socialmap.i18n.gettext`).  A mail goes to the people who keep the map
(editors, coordinators); it never carries anything about a client.  This module
must not import Flask.
"""

from __future__ import annotations

import os
import smtplib
import ssl
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from urllib.parse import parse_qs, unquote, urlsplit

import sqlite_utils

from .errors import SocialmapError
from .i18n import N_, gettext

__all__ = [
    "MailError",
    "Mail",
    "SmtpSettings",
    "parse_smtp_url",
    "smtp_settings",
    "send",
    "mail_language",
    "invitation_mail",
    "reset_mail",
    "public_link",
]

MAIL_LANGUAGES = ("de", "nl", "en")
_SECURITY = {"smtp": "plain", "smtps": "tls"}
_PORTS = {"plain": 25, "starttls": 587, "tls": 465}


class MailError(SocialmapError):
    """A mail setting is wrong or the mail server refused or could not be reached."""


@dataclass(frozen=True)
class SmtpSettings:
    """Where mail goes out: host, port, login, ``plain``/``starttls``/``tls``, and the sender."""

    host: str
    port: int
    sender: str
    security: str = "plain"
    username: str | None = None
    password: str | None = None
    timeout: float = 20.0


@dataclass(frozen=True)
class Mail:
    """One plain-text mail to one address."""

    to: str
    subject: str
    body: str


def parse_smtp_url(url: str, sender: str | None) -> SmtpSettings:
    """Read ``SOCIALMAP_SMTP_URL`` (and ``SOCIALMAP_MAIL_FROM``).

    >>> url = "smtp://anna:s%40cret@mail.example.org:2525?starttls=1"
    >>> s = parse_smtp_url(url, "map@example.org")
    >>> (s.host, s.port, s.security, s.username, s.password)
    ('mail.example.org', 2525, 'starttls', 'anna', 's@cret')
    >>> parse_smtp_url("smtps://mail.example.org", "map@example.org").port
    465
    >>> parse_smtp_url("http://mail.example.org", "map@example.org")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    socialmap.mail.MailError: SOCIALMAP_SMTP_URL: expected smtp://... got 'http://mail.example.org'
    """
    parts = urlsplit(url.strip())
    security = _SECURITY.get(parts.scheme)
    if security is None or not parts.hostname:
        raise MailError(
            "SOCIALMAP_SMTP_URL: expected smtp://[user:password@]host[:port][?starttls=1]"
            f" or smtps://…, got {url!r}"
        )
    starttls = parse_qs(parts.query).get("starttls", ["0"])[-1].lower()
    if security == "plain" and starttls in ("1", "true", "yes", "on"):
        security = "starttls"
    if not sender or "@" not in sender:
        raise MailError(
            f"SOCIALMAP_MAIL_FROM: expected the sender's e-mail address, got {sender!r}"
        )
    try:
        port = parts.port or _PORTS[security]
    except ValueError:
        raise MailError(f"SOCIALMAP_SMTP_URL: the port of {url!r} is not a number") from None
    return SmtpSettings(
        host=parts.hostname,
        port=port,
        sender=sender.strip(),
        security=security,
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
    )


def smtp_settings(env: Mapping[str, str] | None = None) -> SmtpSettings | None:
    """The settings from the environment; None when ``SOCIALMAP_SMTP_URL`` is not set."""
    env = os.environ if env is None else env
    url = (env.get("SOCIALMAP_SMTP_URL") or "").strip()
    if not url:
        return None
    return parse_smtp_url(url, env.get("SOCIALMAP_MAIL_FROM"))


def _message(settings: SmtpSettings, mail: Mail) -> EmailMessage:
    message = EmailMessage()
    message["From"] = settings.sender
    message["To"] = mail.to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False)
    message["Message-ID"] = make_msgid(domain=settings.sender.rpartition("@")[2])
    message.set_content(mail.body)
    return message


def _connect(settings: SmtpSettings) -> smtplib.SMTP:
    context = ssl.create_default_context()
    if settings.security == "tls":
        return smtplib.SMTP_SSL(
            settings.host, settings.port, timeout=settings.timeout, context=context
        )
    server = smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout)
    if settings.security == "starttls":
        server.starttls(context=context)
    return server


def send(settings: SmtpSettings, mails: Iterable[Mail]) -> int:
    """Send ``mails`` over one connection; return how many went out.

    Raises :class:`MailError` with one line when the server cannot be reached or refuses.
    """
    mails = list(mails)
    if not mails:
        return 0
    try:
        with _connect(settings) as server:
            if settings.username:
                server.login(settings.username, settings.password or "")
            for mail in mails:
                server.send_message(_message(settings, mail))
    except (OSError, smtplib.SMTPException) as exc:
        detail = " ".join(str(exc).split()) or type(exc).__name__
        raise MailError(f"mail: {settings.host}:{settings.port} — {detail}") from None
    return len(mails)


def mail_language(db: sqlite_utils.Database, regions: Iterable[str]) -> str:
    """The language to write to someone of ``regions`` in: their first region's first
    language that has a catalog (de, nl, en), else English."""
    for region in regions:
        row = db.execute("SELECT languages FROM regions WHERE id = ?", [region]).fetchone()
        for code in ((row[0] or "") if row else "").split(";"):  # stored as "nl;en"
            if code.strip() in MAIL_LANGUAGES:
                return code.strip()
    return "en"


def public_link(path: str, env: Mapping[str, str] | None = None) -> str:
    """``path`` on ``SOCIALMAP_PUBLIC_URL`` (a bare path without it)."""
    env = os.environ if env is None else env
    return (env.get("SOCIALMAP_PUBLIC_URL") or "").rstrip("/") + path


_INVITATION_SUBJECT = N_("Your account on the social map")
_INVITATION_BODY = N_(
    "Hello,\n\n"
    "you have been given an account on the social map ({role}). "
    "Open this link to set your password (valid for {days} days, once):\n\n"
    "{link}\n\n"
    "If you did not expect this mail, you can ignore it."
)
_RESET_SUBJECT = N_("Set a new password for the social map")
_RESET_BODY = N_(
    "Hello,\n\n"
    "someone asked to set a new password for this address on the social map. "
    "Open this link to choose one (valid for {hours} hours, once):\n\n"
    "{link}\n\n"
    "If it was not you, ignore this mail: your password stays as it is."
)
_ROLE_NAMES = {
    "editor": N_("editor of your organisation's entries"),
    "caseworker": N_("case worker"),
    "coordinator": N_("network coordinator"),
    "admin": N_("administrator"),
}


def invitation_mail(to: str, role: str, link: str, days: int, lang: str) -> Mail:
    """The invitation to set a password, in ``lang``."""
    role_name = gettext(_ROLE_NAMES.get(role, role), lang)
    return Mail(
        to=to,
        subject=gettext(_INVITATION_SUBJECT, lang),
        body=gettext(_INVITATION_BODY, lang).format(role=role_name, days=days, link=link),
    )


def reset_mail(to: str, link: str, hours: int, lang: str) -> Mail:
    """The one-time link to set a new password, in ``lang``."""
    return Mail(
        to=to,
        subject=gettext(_RESET_SUBJECT, lang),
        body=gettext(_RESET_BODY, lang).format(hours=hours, link=link),
    )
