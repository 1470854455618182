"""The one place where this package puts SQL text together.

Fragments are always this package's own constants (table and column names of
the schema, clause templates) or ``?`` marks; values a person typed never
enter the text — they are bound parameters of ``db.execute``.
"""

from __future__ import annotations

from typing import Any

__all__ = ["compose", "marks"]


def compose(*fragments: str) -> str:
    """One statement from constant fragments.

    >>> compose("SELECT id FROM offers WHERE", "category = ?")
    'SELECT id FROM offers WHERE category = ?'
    """
    return " ".join(fragments)


def marks(values: list[Any]) -> str:
    """``?, ?, ?`` for a list of bound values.

    >>> marks([1, 2, 3])
    '?,?,?'
    """
    return ",".join("?" * len(values))
