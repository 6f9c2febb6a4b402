"""The library as a whole: open another folder, re-read it, quit."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog

from readerapp.ui.commands import command
from readerapp.ui.controllers import Controller


class FilesController(Controller):
    @command("file.open-folder", "Open Folder…", "Ctrl+O")
    def open_folder(self) -> None:
        """Open a folder of posts"""
        ctx = self.ctx
        start = "" if ctx.is_sample else str(ctx.library.root)
        folder = QFileDialog.getExistingDirectory(ctx.widget(), "Open a folder of posts", start)
        if folder:
            ctx.switch_library(Path(folder))

    @command("file.reload", "Reload Library", ["F5", "Ctrl+R"])
    def reload(self) -> None:
        """Re-read changed posts now"""
        self.ctx.reindex(asked=True)

    @command("file.quit", "Quit", "Ctrl+Q")
    def quit(self) -> None:
        """Save and quit"""
        self.ctx.close()
