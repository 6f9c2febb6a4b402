"""Tags in the window (issue 15): `t` edits the current paper's tags; the viewer shows them as
chips and the tree after the title (tree_model.py, render/page.py)."""

from __future__ import annotations

from readerapp.ui.commands import command
from readerapp.ui.controllers import Controller
from readerapp.ui.tag_editor import TagEditor


class TagsController(Controller):
    editor: TagEditor | None = None

    @command("paper.tags", "Edit Tags…", "T")
    def edit(self) -> None:
        """Add or take off the current paper's tags (Enter adds, Backspace removes, Esc closes)"""
        ctx = self.ctx
        paper_id = ctx.current_paper_id()
        if paper_id is None:
            ctx.flash("Select a paper first")
            return
        store = ctx.store

        def change(add: list[str], remove: list[str]) -> list[str]:
            from readerapp.store.tags import TagError

            try:
                ctx.change_state([paper_id], lambda: store.change_tags([paper_id], add, remove))
            except TagError as error:
                ctx.flash(str(error))
            ctx.state_changed([paper_id])
            return store.tags_of([paper_id]).get(paper_id, [])

        title = ctx.library.list_rows([paper_id]).get(paper_id, ("",))[0]
        known = [name for name, _ in store.all_tags()]
        current = store.tags_of([paper_id]).get(paper_id, [])
        self.editor = TagEditor(title, current, known, change, ctx.widget())
        self.editor.finished.connect(lambda _result: ctx.focus_tree())
        self.editor.open()
