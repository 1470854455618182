"""Spreadsheet-safe CSV cells: the defence against CSV ("formula") injection.

A spreadsheet opens a cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a
carriage return as a formula (OWASP, "CSV Injection"), so an offer named
``=HYPERLINK(…)`` could run in a coordinator's Excel.  Every CSV socialmap
writes — the dataset's CSV folder and the HSDS data package — passes its text
cells through :func:`neutralise_cell`, and every CSV it reads passes them
through :func:`restore_cell`, so a round trip keeps each value exactly.
Number columns are written as they are: ``-0.1`` stays a number.

The quote is added to a cell that begins with any number of quotes followed by
one of those characters, and taken away from one that begins with one or more,
so that a value which itself starts with ``'=`` survives the round trip too.
"""

from __future__ import annotations

__all__ = ["neutralise_cell", "restore_cell"]

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(cell: str) -> str:
    """Return ``cell`` as a spreadsheet shows it as text: a leading ``'`` before a formula.

    >>> neutralise_cell("=1+1"), neutralise_cell("-5 EUR"), neutralise_cell("Café")
    ("'=1+1", "'-5 EUR", 'Café')
    >>> neutralise_cell("'=x")
    "''=x"
    """
    return f"'{cell}" if cell.lstrip("'").startswith(_FORMULA_STARTS) else cell


def restore_cell(cell: str) -> str:
    """Undo :func:`neutralise_cell`: ``restore_cell(neutralise_cell(s)) == s`` for every ``s``.

    >>> restore_cell("'=1+1"), restore_cell("''=x"), restore_cell("'quoted'")
    ('=1+1', "'=x", "'quoted'")
    """
    if cell.startswith("'") and cell.lstrip("'").startswith(_FORMULA_STARTS):
        return cell[1:]
    return cell
