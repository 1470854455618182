"""Serving the app on loopback and driving Debian's chromium for the browser tests.

Browser tests always run: when ``/usr/bin/chromium`` is missing and we run as
root (CI), it is installed with apt-get; otherwise the test fails with the
command to run.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from werkzeug.serving import make_server

from socialmap_bench.server import CHROMIUM, CHROMIUM_ARGS

__all__ = ["CHROMIUM_ARGS", "cut_network", "ensure_chromium", "serve"]


def ensure_chromium() -> str:
    """Return the chromium path, installing Debian's package first if it is missing."""
    if os.path.exists(CHROMIUM):
        return CHROMIUM
    if hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
        subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
        subprocess.run(
            ["apt-get", "install", "-y", "-qq", "--no-install-recommends", "chromium"],
            check=True,
            env=env,
        )
    if not os.path.exists(CHROMIUM):
        raise RuntimeError(f"{CHROMIUM} is missing: run 'apt-get install -y chromium'")
    return CHROMIUM


@contextmanager
def serve(app: Any) -> Iterator[str]:
    """Serve ``app`` from a background thread on a free loopback port; yield its base URL."""
    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def cut_network(page: Any, origin: str) -> list[str]:
    """Abort every request of ``page`` not to ``origin``; return the list of blocked URLs."""
    blocked: list[str] = []

    def handle(route: Any) -> None:
        url = route.request.url
        if url.startswith(origin + "/") or url == origin or url.startswith("data:"):
            route.continue_()
        else:
            blocked.append(url)
            route.abort("internetdisconnected")

    page.route("**/*", handle)
    return blocked
