"""Start the window (the only entry point into Qt)."""

from __future__ import annotations

import sys
import time

from PySide6.QtCore import QTimer
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QApplication, QMessageBox

from readerapp import __version__
from readerapp.resources import resource, sample_library
from readerapp.session import Session, UserError
from readerapp.ui.main_window import MainWindow
from readerapp.ui.theme import apply_theme, effective_theme

SMOKE_TIMEOUT_MS = 20000


def make_app(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        app = QApplication(argv or [sys.argv[0]])
    app.setApplicationName("readerapp")
    app.setApplicationDisplayName("readerapp")
    app.setApplicationVersion(__version__)
    app.setDesktopFileName("io.github.readerapp.ReaderApp")
    icon = QIcon()
    for size in (16, 24, 32, 48, 64, 128, 256, 512):  # PNGs: no SVG plugin needed
        path = resource("icons", f"readerapp-{size}.png")
        if path.exists():
            icon.addFile(str(path))
    if not icon.isNull():
        app.setWindowIcon(icon)
    return app


def _smoke_check(window: MainWindow, started: float) -> None:
    """Exit 0 once the window is up, has painted and shows a paper; else exit 1 with why."""
    app = QApplication.instance()
    assert app is not None  # the smoke check runs inside the application
    problems = []
    if not window.isVisible():
        problems.append("the window is not visible")
    image = window.grab()
    if image.isNull() or image.width() < 100:
        problems.append("the window did not paint")
    if window.current_paper_id() is None:
        problems.append("no paper is shown")
    if not window.viewer.toPlainText().strip():
        problems.append("the viewer is empty")
    if problems:
        print("smoke test failed: " + "; ".join(problems), file=sys.stderr)
        app.exit(1)
        return
    counts = window.counts_label.text()
    print(f"smoke test ok: {counts}; window up in {time.perf_counter() - started:.2f} s")
    app.exit(0)


def _cannot_start(error: UserError, *, show: bool) -> int:
    """Started from a desktop menu there is no terminal: the reason must be a dialog too."""
    print(f"readerapp: {error}", file=sys.stderr)
    if show:
        QMessageBox.critical(None, "readerapp cannot start", str(error))
    return 2


def run_window(session: Session, library_arg: str | None, *, smoke_test: bool = False) -> int:
    started = time.perf_counter()
    app = make_app()
    if smoke_test:
        root = sample_library()
    else:
        try:
            root = session.library_root(library_arg, sample_fallback=True)
        except UserError as error:
            return _cannot_start(error, show=True)
    apply_theme(app, effective_theme(session.settings.get("theme")))
    try:
        window = MainWindow(session, root, start_indexing=not smoke_test)
    except UserError as error:  # e.g. a state file from a newer readerapp: say so, in a dialog
        return _cannot_start(error, show=not smoke_test)
    if smoke_test:
        window.library.update()
        window.refresh_tree()
        window.restore_position()
        QTimer.singleShot(300, lambda: _smoke_check(window, started))
        QTimer.singleShot(
            SMOKE_TIMEOUT_MS, lambda: (print("smoke test timed out", file=sys.stderr), app.exit(1))
        )
    window.show()
    return app.exec()
