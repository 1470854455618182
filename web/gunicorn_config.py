"""gunicorn settings of ``socialmap serve`` (``--config python:web.gunicorn_config``).

``preload_app``: the app — and with it the routing model — is created once in
the master before the workers fork, so the workers share its memory
copy-on-write and the server answers only when the model is ready.  Before the
first fork every object is moved out of the garbage collector's reach
(``gc.freeze``): otherwise a collection in a worker would write to the
objects' headers and copy the pages the workers share.  The memory the load
used only for a while is handed back to the system first (glibc's
``malloc_trim``), so that no worker inherits it.
"""

from __future__ import annotations

import contextlib
import ctypes
import gc
from typing import Any

preload_app = True
# A request that runs longer than this is a bug: the app's own time limit (REQUEST_SECONDS,
# checked to be below this) answers with a 503 long before (see web.data).
timeout = 60
graceful_timeout = 20
# Whom to believe about X-Forwarded-* is SOCIALMAP_PROXY's decision alone (web.deploy, ProxyFix):
# gunicorn would otherwise take the scheme (and SCRIPT_NAME) from any client on loopback.
forwarded_allow_ips = ""
secure_scheme_headers: dict[str, str] = {}


def when_ready(server: Any) -> None:
    gc.collect()
    with contextlib.suppress(OSError, AttributeError):  # not glibc: nothing to hand back
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    gc.freeze()
