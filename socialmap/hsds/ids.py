"""Stable HSDS identifiers for socialmap records.

HSDS wants a UUID for every record; socialmap ids are short slugs.  Every UUID
socialmap writes is a version-5 UUID over one fixed namespace and a key such
as ``"service:taalcafe-1"``, so the same record always gets the same UUID and
two exports of the same data are identical.  The socialmap id itself travels
in a ``socialmap-id`` attribute (see :mod:`socialmap.hsds.taxonomy`), so that an
import restores it.  This module computes ids; it reads and writes nothing.
"""

from __future__ import annotations

import hashlib
import re
import uuid

__all__ = ["NAMESPACE", "hsds_id", "slug", "is_uuid"]

#: The namespace of every socialmap UUID (itself uuid5 of the project URL; never change it).
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "https://socialmap.example.org/hsds")

_NAMESPACE_BYTES = NAMESPACE.bytes
_NOT_ID = re.compile(r"[^A-Za-z0-9_.:\-]+")


def hsds_id(kind: str, *key: object) -> str:
    """Return the stable UUID of a record of ``kind`` identified by ``key``.

    >>> hsds_id("service", "taalcafe-1") == hsds_id("service", "taalcafe-1")
    True
    >>> hsds_id("service", "taalcafe-1") == hsds_id("organization", "taalcafe-1")
    False
    >>> is_uuid(hsds_id("term", "category:information"))
    True
    """
    text = ":".join([kind, *(str(part) for part in key)])
    return _uuid5(text)


def _uuid5(text: str) -> str:
    """``str(uuid.uuid5(NAMESPACE, text))``, three times quicker (a page of records needs
    thousands).

    >>> _uuid5("service:x") == str(uuid.uuid5(NAMESPACE, "service:x"))
    True
    """
    digest = bytearray(hashlib.sha1(_NAMESPACE_BYTES + text.encode()).digest()[:16])
    digest[6] = (digest[6] & 0x0F) | 0x50  # version 5
    digest[8] = (digest[8] & 0x3F) | 0x80  # RFC 4122 variant
    h = digest.hex()
    return f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"


def slug(text: str, fallback: str = "hsds") -> str:
    """Turn ``text`` into a valid socialmap id (letters, digits, ``_.:-``; at most 128).

    >>> slug("organization_full"), slug("My File (2).json"), slug("???")
    ('organization_full', 'my-file-2-.json', 'hsds')
    """
    value = _NOT_ID.sub("-", text.strip().lower()).strip("-.:_")[:128]
    return value or fallback


def is_uuid(value: object) -> bool:
    """True when ``value`` is a UUID in its canonical 8-4-4-4-12 text form.

    >>> is_uuid("ac148810-d857-441c-9679-408f346de14b"), is_uuid("offer-1")
    (True, False)
    """
    if not isinstance(value, str) or len(value) != 36:
        return False
    try:
        uuid.UUID(value)
    except ValueError:
        return False
    return True
