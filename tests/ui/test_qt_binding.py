"""Guard against a Qt binding that loses references (PySide6 6.12.0 on Python 3.11 does)."""

from __future__ import annotations

import sys

from PySide6.QtCore import QRect


def test_void_calls_keep_none_alive() -> None:
    rect = QRect()
    before = sys.getrefcount(None)
    for _ in range(3_000):
        rect.setWidth(3)  # returns None from C++
    # A broken binding drops one reference per call: a long session then dies with
    # "deallocating None". Small drift from unrelated code is fine.
    assert sys.getrefcount(None) - before > -1000
