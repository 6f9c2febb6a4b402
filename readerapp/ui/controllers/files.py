"""The library as a whole: open another folder, quit (F5 is the sources')."""

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

    @command("file.quit", "Quit", "Ctrl+Q")
    def quit(self) -> None:
        """Save and quit"""
        self.ctx.close()
