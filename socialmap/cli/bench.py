"""``socialmap bench …``: benchmarks that print figures (speed targets live here, not in tests)."""

from __future__ import annotations

import click

from . import analysis, bench_store, route, web_bench

__all__ = ["bench", "COMMANDS"]


@click.group("bench")
def bench() -> None:
    """Benchmarks on synthetic networks; each prints its figures and the targets.

    Example: socialmap bench route --scale city
    """


for _module in (bench_store, route, analysis, web_bench):
    for _command in _module.BENCH_COMMANDS:
        bench.add_command(_command)

COMMANDS = (bench,)
