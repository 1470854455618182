"""Helpers shared by the command modules."""

from __future__ import annotations

import click
import sqlite_utils

from ..store import open_db

__all__ = ["get_db"]


def get_db(ctx: click.Context, *, create: bool = False) -> sqlite_utils.Database:
    """Open the database named by ``--db`` / ``SOCIALMAP_DB``."""
    return open_db(ctx.obj["db"], create=create)
