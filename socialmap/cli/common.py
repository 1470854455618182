"""Helpers shared by the command modules."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click
import sqlite_utils

from ..benchdata import SCALES
from ..store import open_db

__all__ = ["get_db", "data_dir_option", "scale_option"]


def get_db(ctx: click.Context, *, create: bool = False) -> sqlite_utils.Database:
    """Open the database named by ``--db`` / ``SOCIALMAP_DB``."""
    return open_db(ctx.obj["db"], create=create)


#: ``--data-dir`` of every ``socialmap bench …`` command (see :mod:`socialmap.benchdata`).
data_dir_option = click.option(
    "--data-dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=Path("bench-data"),
    show_default=True,
    help="Where the synthetic network and its database are cached.",
)


def scale_option(
    help_text: str | None = None, *, default: str = "city", scales: Iterable[str] = SCALES
) -> Callable[[Any], Any]:
    """``--scale`` of a ``socialmap bench …`` command: one of :data:`socialmap.benchdata.SCALES`."""
    return click.option(
        "--scale",
        type=click.Choice(sorted(scales)),
        default=default,
        show_default=True,
        help=help_text,
    )
