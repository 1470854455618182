"""Settings that need more than a default: the tile layer and the secret key.

The secret key signs the CSRF tokens of the forms.  Every gunicorn worker must
use the same key, or a form served by one worker is rejected by the other, so
a per-process random key will not do.  ``SOCIALMAP_SECRET_KEY`` wins; without
it the key is read from a file next to the database (``<db>.secret-key``),
created once with mode 0600 — the same for every worker and every restart.
"""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

__all__ = ["TileLayer", "parse_tiles", "load_secret_key", "secret_key_path", "OSM_ATTRIBUTION"]

OSM_ATTRIBUTION = "© OpenStreetMap contributors"


@dataclass(frozen=True)
class TileLayer:
    """A background tile layer: URL template (``{z}/{x}/{y}``) and its attribution."""

    url: str
    attribution: str

    @property
    def origin(self) -> str:
        """``scheme://host[:port]`` of the tiles, for the Content-Security-Policy."""
        parts = urlsplit(self.url.replace("{s}", "a"))
        if "{s}" in self.url:
            return f"{parts.scheme}://*.{parts.netloc.split('.', 1)[-1]}"
        return f"{parts.scheme}://{parts.netloc}"


def parse_tiles(value: str | None) -> TileLayer | None:
    """Parse ``SOCIALMAP_TILES``: ``"none"`` (or empty) or ``"URL template|attribution"``.

    >>> parse_tiles("none") is None
    True
    >>> parse_tiles("https://tiles.example/{z}/{x}/{y}.png|© Example").origin
    'https://tiles.example'
    >>> parse_tiles("https://tile.openstreetmap.org/{z}/{x}/{y}.png").attribution
    '© OpenStreetMap contributors'
    """
    if value is None or not str(value).strip() or str(value).strip().lower() == "none":
        return None
    url, _, attribution = str(value).partition("|")
    url = url.strip()
    parts = urlsplit(url)
    if parts.scheme not in {"http", "https"} or not parts.netloc or "{z}" not in url:
        raise ValueError(
            f"SOCIALMAP_TILES: expected 'none' or 'https://host/{{z}}/{{x}}/{{y}}.png|attribution',"
            f" got {value!r}"
        )
    attribution = attribution.strip()
    if not attribution and "openstreetmap" in parts.netloc:
        attribution = OSM_ATTRIBUTION  # OpenStreetMap's tiles must credit OpenStreetMap
    return TileLayer(url=url, attribution=attribution)


def secret_key_path(db_path: str) -> Path | None:
    """Where the key file of a database lives (None for an in-memory database)."""
    if db_path == ":memory:" or not db_path:
        return None
    return Path(db_path).with_name(Path(db_path).name + ".secret-key")


def load_secret_key(db_path: str) -> str:
    """Return the key stored next to the database, creating it atomically on first use."""
    path = secret_key_path(db_path)
    if path is None:
        return secrets.token_hex(32)
    try:
        return _read_key(path)
    except FileNotFoundError:
        pass
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{secrets.token_hex(4)}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except OSError as exc:
        raise RuntimeError(
            f"cannot create the secret key file {path} ({exc.strerror}); "
            "set SOCIALMAP_SECRET_KEY instead"
        ) from None
    with os.fdopen(fd, "w") as handle:
        handle.write(secrets.token_hex(32))
    try:
        os.link(tmp, path)  # fails if another worker won the race: then use its key
    except FileExistsError:
        pass
    finally:
        tmp.unlink()
    return _read_key(path)


def _read_key(path: Path) -> str:
    key = path.read_text(encoding="ascii").strip()
    if len(key) < 32:
        raise ValueError(f"{path}: secret key file is too short; delete it to create a new one")
    return key
