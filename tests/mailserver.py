"""A real SMTP server for the tests (aiosmtpd), on loopback at a free port (port 0).

It runs its own asyncio loop in a thread and keeps every message it accepted,
parsed, so a test reads what actually arrived — nothing is mocked.  With
``login=(user, password)`` it offers AUTH (plain text, allowed without TLS
on loopback) and refuses other credentials.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import socket
import threading
import time
from email.message import EmailMessage
from typing import Any

from aiosmtpd.smtp import SMTP, AuthResult, LoginPassword


class _Handler:
    def __init__(self, server: MailServer) -> None:
        self.server = server

    async def handle_DATA(self, smtp: Any, session: Any, envelope: Any) -> str:  # noqa: N802
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(message, EmailMessage)
        with self.server.lock:
            self.server.messages.append(message)
            self.server.envelopes.append((envelope.mail_from, list(envelope.rcpt_tos)))
        return "250 OK"


class MailServer:
    """``with MailServer() as smtp:`` … ``smtp.url``, ``smtp.messages``, ``smtp.wait_for(n)``."""

    def __init__(self, login: tuple[str, str] | None = None) -> None:
        self.login = login
        self.messages: list[EmailMessage] = []
        self.envelopes: list[tuple[str, list[str]]] = []
        self.lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        self._sock.bind(("127.0.0.1", 0))
        self.port = self._sock.getsockname()[1]
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)
        self._server: Any = None

    @property
    def url(self) -> str:
        """``SOCIALMAP_SMTP_URL`` for this server."""
        auth = f"{self.login[0]}:{self.login[1]}@" if self.login else ""
        return f"smtp://{auth}127.0.0.1:{self.port}"

    def _authenticate(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any):
        ok = isinstance(data, LoginPassword) and self.login == (
            data.login.decode(),
            data.password.decode(),
        )
        return AuthResult(success=ok, handled=False)  # let the server answer 535

    def _smtp(self) -> SMTP:
        if self.login is None:
            return SMTP(_Handler(self))
        return SMTP(
            _Handler(self),
            authenticator=self._authenticate,
            auth_require_tls=False,
            auth_exclude_mechanism=["LOGIN"],  # PLAIN only: a refusal answers at once
        )

    def __enter__(self) -> MailServer:
        self._thread.start()
        future = asyncio.run_coroutine_threadsafe(
            self._loop.create_server(self._smtp, sock=self._sock), self._loop
        )
        self._server = future.result(timeout=10)
        return self

    def __exit__(self, *exc: object) -> None:
        async def close() -> None:
            self._server.close()
            await self._server.wait_closed()

        asyncio.run_coroutine_threadsafe(close(), self._loop).result(timeout=10)
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(timeout=10)
        self._loop.close()

    def wait_for(self, count: int, timeout: float = 10.0) -> list[EmailMessage]:
        """The messages once at least ``count`` arrived (fails after ``timeout`` seconds)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self.lock:
                if len(self.messages) >= count:
                    return list(self.messages)
            time.sleep(0.02)
        raise AssertionError(f"expected {count} mail(s), got {len(self.messages)}")

    def env(self, sender: str = "map@example.org") -> dict[str, str]:
        """The environment that points socialmap at this server."""
        return {"SOCIALMAP_SMTP_URL": self.url, "SOCIALMAP_MAIL_FROM": sender}
