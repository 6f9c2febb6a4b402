"""Changing a paper's state: read, starred, the whole post read, undo, the note."""

from __future__ import annotations

from readerapp.ui.commands import command
from readerapp.ui.controllers import Controller
from readerapp.ui.tree_items import is_for_you

_WORDS = {
    ("read", True): "Marked read",
    ("read", False): "Marked unread",
    ("starred", True): "Starred",
    ("starred", False): "Star removed",
}


class StateController(Controller):
    def toggle(self, field: str) -> None:
        ctx = self.ctx
        paper_id = ctx.current_paper_id()
        if paper_id is None:
            ctx.flash("Select a paper first")
            return
        if field == "read":
            ctx.read_timer.stop()
        value = ctx.change_state([paper_id], lambda: ctx.store.toggle(paper_id, field))
        ctx.flash(_WORDS[(field, bool(value))])
        ctx.state_changed([paper_id])

    @command("edit.undo", "Undo", ["Z", "Ctrl+Z"])
    def undo(self) -> None:
        """Undo the last change of read, star or note (again: the one before)"""
        ctx = self.ctx
        ctx.note.flush()
        pending = ctx.store.last_undo_ids()
        changes = ctx.change_state(pending, ctx.store.undo)
        if not changes:
            ctx.flash("Nothing to undo")
            return
        done: list = changes  # type: ignore[assignment]
        ctx.flash(f"Undid {len(done)} change(s)")
        ctx.state_changed([change.paper_id for change in done])

    @command("edit.note", "Edit Note", "E")
    def edit_note(self) -> None:
        """Write a note on the current paper (Esc returns)"""
        if self.ctx.current_paper_id() is None:
            self.ctx.flash("Select a paper to write a note on it")
            return
        self.ctx.note.show()
        self.ctx.note.editor.setFocus()

    @command("paper.toggle-read", "Toggle Read", "M")
    def toggle_read(self) -> None:
        """Mark read / unread"""
        self.toggle("read")

    @command("paper.toggle-star", "Toggle Star", "S")
    def toggle_star(self) -> None:
        """Star / unstar"""
        self.toggle("starred")

    @command("paper.mark-post-read", "Mark Post Read", "Shift+A")
    def mark_post_read(self) -> None:
        """Mark every paper of the current post read"""
        ctx = self.ctx
        post = self.current_post()
        if post is None:
            return
        if is_for_you(post) and post.entries is not None:  # the papers it lists
            ids = [entry.node.paper_id for entry in post.entries]
        else:
            ids = [row.paper_id for row in ctx.library.entries_of(post.node.id)]
        changes: list = ctx.change_state(ids, lambda: ctx.store.set_read(ids, True))  # type: ignore[assignment]
        ctx.flash(f"Marked {len(changes)} paper(s) of this post read (z undoes)")
        ctx.state_changed(ids)
