"""Options shared by the ``socialmap bench …`` commands."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import click

from .data import SCALES

__all__ = ["data_dir_option", "scale_option"]


#: ``--data-dir`` of every ``socialmap bench …`` command (see :mod:`socialmap_bench.data`).
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
    """``--scale`` of a ``socialmap bench …`` command: one of :data:`.data.SCALES`."""
    return click.option(
        "--scale",
        type=click.Choice(sorted(scales)),
        default=default,
        show_default=True,
        help=help_text,
    )
