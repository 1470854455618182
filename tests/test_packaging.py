"""The package stands alone: a non-editable install carries every file the runtime reads.

The wheel is built and installed into a temporary folder (``pip install
--target``), then used from a folder outside the checkout, where nothing of the
repository can be found by accident.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from setuptools import find_packages

ROOT = Path(__file__).resolve().parents[1]


def test_every_subpackage_is_listed_for_the_wheel():
    listed = set(
        tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["setuptools"]["packages"]
    )
    found = set(find_packages(str(ROOT), include=["socialmap*", "socialmap_bench*", "web*"]))
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert "socialmap_data" in listed


@pytest.mark.slow
def test_an_installed_copy_finds_its_gazetteer_and_demo_data(tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(ROOT),
        ],
        check=True,
        capture_output=True,
    )
    assert (target / "socialmap_data" / "geo" / "postcodes.csv").is_file()
    work = tmp_path / "elsewhere"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("SOCIALMAP_DB", "SOCIALMAP_DATA")}
    env["PYTHONPATH"] = str(target)
    probe = (
        "import socialmap, socialmap.geo as g; "
        f"assert str(socialmap.__file__).startswith({str(target)!r}), socialmap.__file__; "
        "print(g.postcode_centroid('45964', 'DE'))"
    )
    found = subprocess.run(
        [sys.executable, "-c", probe], cwd=work, env=env, capture_output=True, text=True
    )
    assert found.returncode == 0, found.stderr
    lat, lon = eval(found.stdout)  # noqa: S307 — our own probe's printed tuple
    assert 51.5 < lat < 51.7 and 6.9 < lon < 7.1
    demo = subprocess.run(
        [sys.executable, "-m", "socialmap", "--db", "demo.db", "demo"],
        cwd=work,
        env=env,
        capture_output=True,
        text=True,
    )
    assert demo.returncode == 0, demo.stderr
    assert "gladbeck" in (demo.stdout + demo.stderr).lower()


def test_a_missing_data_folder_is_one_clear_line(tmp_path):
    env = {**os.environ, "SOCIALMAP_DATA": str(tmp_path / "nothing")}
    result = subprocess.run(
        [sys.executable, "-m", "socialmap", "--db", "x.db", "demo"],
        env=env,
        capture_output=True,
        text=True,
        cwd=tmp_path,
    )
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert "SOCIALMAP_DATA" in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_the_core_never_imports_the_benchmarks_or_flask():
    """Importing every module of socialmap loads neither socialmap_bench nor Flask."""
    probe = (
        "import importlib, pkgutil, sys, socialmap\n"
        "for m in pkgutil.walk_packages(socialmap.__path__, 'socialmap.'):\n"
        "    if m.name != 'socialmap.__main__':\n"
        "        importlib.import_module(m.name)\n"
        "top = ('socialmap_bench', 'flask', 'web')\n"
        "bad = sorted(n for n in sys.modules if n.split('.')[0] in top)\n"
        "print(bad)\n"
    )
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "[]"
