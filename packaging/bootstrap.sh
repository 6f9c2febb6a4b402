#!/usr/bin/env bash
# Set up readerapp for development on a fresh Debian/Ubuntu machine: the system libraries Qt
# needs, CJK fonts, bibtex (for the BibTeX tests), Xvfb (to look at the window), git, then a
# virtual environment in .venv with readerapp and its test extras. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
    # Qt's runtime libraries (xcb and offscreen platforms)
    libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 libfontconfig1 libdbus-1-3
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 libxcb-xinerama0
    libxcb-randr0 libxcb-render-util0 libxcb-image0 libwayland-cursor0
    # fonts: Latin and Chinese text
    fonts-dejavu-core fonts-noto-cjk
    # the real bibtex with plain.bst, used by the export tests
    texlive-binaries texlive-base
    # a virtual screen for screenshots; validators for the desktop files
    xvfb xauth desktop-file-utils appstream
    # git sources (clone, pull; `git daemon` serves the tests' repositories)
    git
    # readers of the other export formats, for their tests: biber (BibLaTeX's data model)
    # and pandoc (CSL-JSON as citation processors read it)
    biber pandoc
)

if command -v apt-get >/dev/null 2>&1; then
    missing=()
    for package in "${APT_PACKAGES[@]}"; do
        dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
    done
    if [ ${#missing[@]} -gt 0 ]; then
        sudo=""
        [ "$(id -u)" -ne 0 ] && sudo="sudo"
        echo "Installing system packages: ${missing[*]}"
        $sudo apt-get update -qq
        $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
            "${missing[@]}" >/dev/null
    fi
else
    echo "apt-get not found: install Qt's runtime libraries, CJK fonts and bibtex yourself." >&2
fi

python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))' \
    || { echo "readerapp needs Python 3.11 or newer (python3 is $(python3 -V))" >&2; exit 1; }
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
echo "readerapp is installed in .venv"
