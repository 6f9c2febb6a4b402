"""Tags in the window (issue 15): `t` edits the current paper's tags; the viewer shows them as
chips and the tree before the title (tree_model.py, render/page.py); a Tags node on top of the
tree lists each tag with its papers, renamed (F2) or deleted from its context menu; the
palette jumps to a tag."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QInputDialog, QMenu, QMessageBox

from readerapp.render.page import plural
from readerapp.store import PaperState
from readerapp.ui import navigation
from readerapp.ui.commands import command
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers.virtual_lists import VirtualListsController
from readerapp.ui.tag_editor import TagEditor
from readerapp.ui.tree_items import PostItem, virtual_post
from readerapp.ui.virtual_nodes import TAG_PATH, TAGS, tags_topic

ASK_ABOVE = 5  # papers: deleting a tag used by more asks first


class TagsController(VirtualListsController):
    slot, node, place_label = "tags", TAGS, "Tag"

    editor: TagEditor | None = None
    dialog: QInputDialog | QMessageBox | None = None  # the rename or delete question open
    menu: QMenu | None = None

    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx)
        ctx.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        ctx.view.customContextMenuRequested.connect(self._context_menu)

    # -- the Tags node -------------------------------------------------------------------------

    def library_changed(self) -> None:
        self.refresh()

    def states_changed(self, ids: list[str], before: dict[str, PaperState]) -> None:
        """A change of these papers' tags (the editor, undo) shows in the Tags node."""
        listed: dict[str, list[str]] = {}
        topic = self.topic()
        for post in topic.posts if topic else ():
            for paper_id, _ in post.papers:
                listed.setdefault(paper_id, []).append(post.title)
        now = self.ctx.store.tags_of(ids)
        if any(sorted(now.get(i, [])) != sorted(listed.get(i, [])) for i in ids):
            self.refresh()

    def refresh(self) -> None:
        """Read the tags again; reload the tree (keeping the place) when the node changed."""
        ctx = self.ctx
        tagged = ctx.store.papers_by_tag()
        ids = list({paper_id for _, papers in tagged for paper_id in papers})
        titles = {i: row[0] for i, row in ctx.library.list_rows(ids).items()}
        self.show_topic(tags_topic(tagged, titles))

    def search_for(self, title: str) -> str:
        return f'tag:"{title}"'

    def current_tag(self) -> tuple[str, int] | None:
        """The tag (name, papers) whose list is selected, or holds the selected paper."""
        post = virtual_post(self.ctx.current_item())
        if post is None or not post.node.path.startswith(TAG_PATH):
            return None
        return post.node.title, post.node.papers

    def _context_menu(self, point: QPoint) -> None:
        item = self.ctx.model.item(self.ctx.view.indexAt(point))
        if not (isinstance(item, PostItem) and item.node.path.startswith(TAG_PATH)):
            return
        navigation.select(self.ctx.view, self.ctx.model.index_of(item))
        self.menu = QMenu(self.ctx.view)
        self.menu.addAction("Rename Tag…", self.rename)
        self.menu.addAction("Delete Tag…", self.delete)
        self.menu.popup(self.ctx.view.viewport().mapToGlobal(point))

    # -- commands ------------------------------------------------------------------------------

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

    @command("paper.rename-tag", "Rename Tag…", "F2")
    def rename(self) -> None:
        """Rename the selected tag on every paper (into an existing one: they merge)"""
        tag = self._tag_or_say()
        if tag is None:
            return
        name, count = tag
        dialog = QInputDialog(self.ctx.widget())
        dialog.setWindowTitle("Rename tag")
        dialog.setLabelText(f"New name for “{name}” ({plural(count, 'paper')}):")
        dialog.setTextValue(name)
        dialog.textValueSelected.connect(lambda new: self._renamed(name, new))
        self.dialog = dialog
        dialog.open()

    def _renamed(self, old: str, new: str) -> None:
        from readerapp.store.tags import TagError, tag_key

        ctx = self.ctx
        ids = sorted(ctx.store.ids_tagged(old))
        try:
            changed = ctx.change_state(ids, lambda: ctx.store.rename_tag(old, new))
        except TagError as error:
            ctx.flash(str(error))
            return
        if changed:
            papers = plural(len(ids), "paper")
            ctx.flash(f"Renamed tag {old} to {new.strip()} on {papers} (z undoes)")
            index = ctx.model.post_index(TAGS, TAG_PATH + tag_key(new))
            navigation.select(ctx.view, index)
        ctx.focus_tree()

    @command("paper.delete-tag", "Delete Tag…")
    def delete(self) -> None:
        """Take the selected tag off every paper (asks first when more than 5 have it)"""
        tag = self._tag_or_say()
        if tag is None:
            return
        name, count = tag
        if count <= ASK_ABOVE:
            self._delete(name)
            return
        box = QMessageBox(
            QMessageBox.Icon.Question,
            "Delete tag",
            f"Take the tag “{name}” off {plural(count, 'paper')}?",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self.ctx.widget(),
        )
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)

        def answered(_result: int) -> None:
            if box.standardButton(box.clickedButton()) == QMessageBox.StandardButton.Yes:
                self._delete(name)

        box.finished.connect(answered)
        self.dialog = box
        box.open()

    def _delete(self, name: str) -> None:
        ctx = self.ctx
        ids = sorted(ctx.store.ids_tagged(name))
        ctx.change_state(ids, lambda: ctx.store.delete_tag(name))
        ctx.flash(f"Took the tag {name} off {plural(len(ids), 'paper')} (z undoes)")
        ctx.show_current()
        ctx.focus_tree()

    def _tag_or_say(self) -> tuple[str, int] | None:
        tag = self.current_tag()
        if tag is None:
            self.ctx.flash("Select a tag in the Tags node first")
        return tag
