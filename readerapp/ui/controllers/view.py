"""How the window shows things: filters, the note pane, text size, theme, when papers become
read."""

from __future__ import annotations

from functools import partial

from readerapp.ui.commands import CommandRegistry, command
from readerapp.ui.controllers import Controller

THEMES = (("system", "Follow the System"), ("light", "Light"), ("dark", "Dark"))
MARK_READ = (("immediately", "Immediately"), ("delay", "After a Few Seconds"), ("never", "Never"))


class ViewController(Controller):
    def register(self, registry: CommandRegistry) -> None:
        for name, title in THEMES:
            registry.add(
                f"view.theme-{name}",
                title,
                [],
                f"Theme: {title.lower()}",
                "View",
                partial(self.ctx.set_theme, name),
                checkable=True,
                submenu="Theme",
            )
        for mode, title in MARK_READ:
            registry.add(
                f"view.mark-read-{mode}",
                title,
                [],
                f"Mark papers read when opened: {title}",
                "View",
                partial(self.set_mark_read, mode),
                checkable=True,
                submenu="Mark Read When Opened",
            )

    def checked(self) -> dict[str, bool]:
        """The check marks of this controller's commands, from the settings and the view."""
        ctx = self.ctx
        view = ctx.model.view
        marks = {
            "view.unread-only": view.unread_only,
            "view.starred-only": view.starred_only,
            "view.noted-only": view.noted_only,
            "view.skip-seen": bool(ctx.settings.get("skip_seen_papers")),
            "view.note-pane": not ctx.note.isHidden(),
        }
        for name, _title in THEMES:
            marks[f"view.theme-{name}"] = ctx.settings.get("theme") == name
        for mode, _title in MARK_READ:
            marks[f"view.mark-read-{mode}"] = ctx.settings.get("mark_read") == mode
        return marks

    @command("view.unread-only", "Unread Only", "U", checkable=True)
    def unread_only(self) -> None:
        """Show only unread papers (toggle)"""
        self.ctx.set_view(unread_only=not self.ctx.model.view.unread_only)

    @command("view.starred-only", "Starred Only", "Shift+S", checkable=True)
    def starred_only(self) -> None:
        """Show only starred papers"""
        self.ctx.set_view(starred_only=not self.ctx.model.view.starred_only)

    @command("view.noted-only", "Papers with a Note", "Shift+N", checkable=True)
    def noted_only(self) -> None:
        """Show only papers that have a note (toggle)"""
        self.ctx.set_view(noted_only=not self.ctx.model.view.noted_only)

    @command("view.skip-seen", "Skip Papers Already Listed", checkable=True)
    def toggle_skip_seen(self) -> None:
        """j / k pass over a paper's second listing (in another topic or day)"""
        self.toggle_setting(
            "skip_seen_papers",
            "j / k skip papers listed earlier in the tree",
            "j / k stop at every listing of a paper",
        )

    @command("view.note-pane", "Note Pane", "Ctrl+Shift+N", checkable=True)
    def toggle_note_pane(self) -> None:
        """Show or hide the note pane"""
        note = self.ctx.note
        note.flush()
        note.setVisible(note.isHidden())
        self.ctx.sync_checkable_actions()
        if note.isHidden():
            self.ctx.focus_tree()

    def zoom(self, step: int) -> None:
        ctx = self.ctx
        value = 0 if step == 0 else int(ctx.settings.get("zoom") or 0) + step
        value = max(-6, min(16, value))
        ctx.settings.set("zoom", value)
        ctx.show_current(keep_scroll=True)
        ctx.flash(f"Text size {15 + value}px")

    @command("view.zoom-in", "Larger Text", ["Ctrl+=", "Ctrl++"])
    def zoom_in(self) -> None:
        """Zoom the viewer in"""
        self.zoom(1)

    @command("view.zoom-out", "Smaller Text", "Ctrl+-")
    def zoom_out(self) -> None:
        """Zoom the viewer out"""
        self.zoom(-1)

    @command("view.zoom-reset", "Normal Text Size", "Ctrl+0")
    def zoom_reset(self) -> None:
        """Reset the viewer's zoom"""
        self.zoom(0)

    @command("view.collapse", "Collapse All", "Shift+C")
    def collapse_all(self) -> None:
        """Fold every topic"""
        self.ctx.view.collapseAll()

    def set_mark_read(self, mode: str) -> None:
        ctx = self.ctx
        ctx.settings.set("mark_read", mode)
        ctx.read_timer.stop()
        ctx.sync_checkable_actions()
        delay = ctx.settings.get("mark_read_delay")
        words = {
            "immediately": "as soon as it opens",
            "delay": f"after {delay:g} seconds",
            "never": "never (press m)",
        }
        ctx.flash(f"Papers are marked read {words[mode]}")
