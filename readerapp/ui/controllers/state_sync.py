"""One truth with the command line: state changed by another process (`readerapp star ID`
while the window is open) shows up in the rows, the counts and the viewer within a second."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from readerapp.ui.context import WindowContext
from readerapp.ui.controllers import Controller

POLL_MS = 1000  # PRAGMA data_version is one cheap read: once a second costs nothing


class StateSyncController(Controller):
    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx)
        self.version = ctx.store.data_version()
        self.timer = QTimer(ctx.widget(), interval=POLL_MS)
        self.timer.timeout.connect(self.check)
        self.timer.start()

    def check(self) -> bool:
        """Refresh when another process changed the state; True when it did."""
        version = self.ctx.store.data_version()
        if version == self.version:
            return False
        self.version = version
        self.ctx.note.flush()
        self.ctx.refresh_tree()
        current = self.ctx.current_paper_id()
        if current:
            self.ctx.state_changed([current])
        return True
