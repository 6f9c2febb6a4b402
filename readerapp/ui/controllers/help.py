"""Finding things: the search box, the command palette, the key list, problems, about."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from readerapp import __version__
from readerapp.ui.commands import Command, command
from readerapp.ui.controllers import Controller
from readerapp.ui.dialogs import CommandPalette, KeysDialog


class HelpController(Controller):
    palette_dialog: CommandPalette | None = None  # the last one opened
    keys_dialog: KeysDialog | None = None

    @command("edit.palette", "Command Palette…", ["Ctrl+K", "Ctrl+Shift+P"])
    def command_palette(self) -> None:
        """Find and run any command by name"""
        dialog = CommandPalette(self.ctx.registry, self.ctx.palette_places(), self.ctx.widget())
        self.palette_dialog = dialog

        def finished(result: int) -> None:
            chosen = dialog.chosen
            if result and isinstance(chosen, Command):
                chosen.action.trigger() if chosen.action else chosen.handler()
            elif result and callable(chosen):
                chosen()  # a place: go there

        dialog.finished.connect(finished)
        dialog.open()

    @command("help.keys", "Keyboard Shortcuts", ["?", "F1"])
    def show_keys(self) -> None:
        """List every command and its keys"""
        self.keys_dialog = KeysDialog(self.ctx.registry, self.ctx.widget())
        self.keys_dialog.open()

    @command("help.problems", "Library Problems…")
    def show_problems(self) -> None:
        """Posts that could not be read, and why"""
        library = self.ctx.library
        problems = library.stored_problems()
        text = "\n".join(str(p) for p in problems[:200]) or "Every post was read without problems."
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Library problems",
            f"{len(problems)} problem(s) in {library.root}",
            parent=self.ctx.widget(),
        )
        box.setDetailedText(text)
        box.open()

    @command("help.about", "About readerapp")
    def show_about(self) -> None:
        """Version and folders"""
        ctx = self.ctx
        QMessageBox.about(
            ctx.widget(),
            "About readerapp",
            f"<h3>readerapp {__version__}</h3><p>A keyboard-first reading list for daily arXiv"
            f" paper digests.</p><p>Library: {ctx.library.root}<br>Data: "
            f"{ctx.session.locations.data_dir}</p><p>Press <b>?</b> for every key.</p>",
        )
