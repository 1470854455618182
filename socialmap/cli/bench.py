"""``socialmap bench …``: benchmarks that print figures (speed targets live here, not in tests)."""

from __future__ import annotations

import click

__all__ = ["bench", "COMMANDS"]


@click.group("bench")
def bench() -> None:
    """Benchmarks on synthetic networks; each prints its figures and the targets.

    Example: socialmap bench route --scale city
    """


def _register() -> None:
    for module_name in ("bench_store", "route", "analysis", "web_bench"):
        try:
            module = __import__(f"{__package__}.{module_name}", fromlist=["BENCH_COMMANDS"])
        except ModuleNotFoundError as exc:
            if exc.name != f"{__package__}.{module_name}":
                raise
            continue
        for command in getattr(module, "BENCH_COMMANDS", ()):
            bench.add_command(command)


_register()
COMMANDS = (bench,)
