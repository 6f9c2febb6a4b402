"""One way to find bundled files, from a source checkout, an installed wheel or a frozen app."""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_root() -> Path:
    frozen_base = getattr(sys, "_MEIPASS", None)
    if getattr(sys, "frozen", False) and frozen_base:
        return Path(frozen_base) / "resources"
    checkout = Path(__file__).resolve().parent.parent / "resources"
    if checkout.is_dir():
        return checkout
    installed = Path(__file__).resolve().parent / "resources"  # wheel: packaged as data
    return installed


def resource(*parts: str) -> Path:
    return resources_root().joinpath(*parts)


def sample_library() -> Path:
    return resource("sample")
