#!/usr/bin/env bash
# Build the one-folder desktop app with PyInstaller: dist/readerapp/readerapp.
#   bash packaging/build.sh [DIST_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
python=${PYTHON:-.venv/bin/python}
dist=${1:-dist}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$python" -m PyInstaller --noconfirm --clean --log-level WARN \
    --distpath "$dist" --workpath "$work" packaging/readerapp.spec
app="$dist/readerapp"
"$app/readerapp" --version
echo "built $app ($(du -sh "$app" | cut -f1))"
