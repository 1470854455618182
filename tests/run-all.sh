#!/usr/bin/env bash
# Install everything the tests need, then run them all: lint, types, pytest
# (unit, CLI, notebook and browser tests). Used by the README and by .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

# Debian's chromium drives the browser tests (Playwright uses it; it downloads no browser).
if ! command -v chromium >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium >/dev/null
fi
# Debian's Pango lays out the route sheet's PDF (WeasyPrint needs it).
if ! ldconfig -p 2>/dev/null | grep -q libpangoft2-1.0.so.0; then
    SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
        libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

.venv/bin/ruff check socialmap socialmap_bench web tests
.venv/bin/ruff format --check socialmap socialmap_bench web tests
.venv/bin/mypy
.venv/bin/python -m pytest "$@"
