"""The release: the PyInstaller build runs, the built app answers --version and passes its
smoke test, and the Linux desktop files validate."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from readerapp import __version__

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"


def test_version_from_the_command_line() -> None:
    from readerapp.cli import main

    with pytest.raises(SystemExit) as done:
        main(["--version"])
    assert done.value.code == 0


@pytest.mark.skipif(shutil.which("desktop-file-validate") is None, reason="desktop-file-utils")
def test_desktop_file_validates() -> None:
    result = subprocess.run(
        ["desktop-file-validate", str(LINUX / "io.github.readerapp.ReaderApp.desktop")],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0 and "error" not in result.stdout.lower(), result.stdout


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="appstream")
def test_metainfo_validates() -> None:
    result = subprocess.run(
        [
            "appstreamcli",
            "validate",
            "--no-net",
            str(LINUX / "io.github.readerapp.ReaderApp.metainfo.xml"),
        ],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_icons_exist_in_every_size_and_format() -> None:
    icons = ROOT / "resources" / "icons"
    for size in (16, 32, 48, 64, 128, 256, 512):
        assert (icons / f"readerapp-{size}.png").read_bytes().startswith(b"\x89PNG")
    assert (icons / "readerapp.ico").read_bytes()[:4] == b"\x00\x00\x01\x00"
    assert (icons / "readerapp.icns").read_bytes()[:4] == b"icns"


@pytest.mark.slow
@pytest.mark.timeout(900)
def test_frozen_build_runs_and_passes_its_smoke_test(tmp_path: Path) -> None:
    dist = tmp_path / "dist"
    build = subprocess.run(
        ["bash", str(ROOT / "packaging" / "build.sh"), str(dist)],
        capture_output=True,
        text=True,
        cwd=ROOT,
    )
    assert build.returncode == 0, build.stdout[-3000:] + build.stderr[-3000:]
    binary = dist / "readerapp" / "readerapp"
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", READERAPP_DATA_DIR=str(tmp_path / "data"))
    version = subprocess.run([str(binary), "--version"], capture_output=True, text=True, env=env)
    assert version.stdout.strip() == f"readerapp {__version__}"
    smoke = subprocess.run(
        [str(binary), "--smoke-test"], capture_output=True, text=True, env=env, timeout=120
    )
    assert smoke.returncode == 0, smoke.stdout + smoke.stderr
    assert "smoke test ok" in smoke.stdout
    size = sum(f.stat().st_size for f in (dist / "readerapp").rglob("*") if f.is_file())
    print(f"one-folder build: {size / 2**20:.0f} MB")
    assert size < 300 * 2**20
