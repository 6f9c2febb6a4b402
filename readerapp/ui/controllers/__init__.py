"""One controller per window feature. Each owns its commands (`@command` next to the handler)
and is given the window as a WindowContext; the main window composes them and calls
`library_changed()` on each when another library is opened or the index changed."""

from __future__ import annotations

from readerapp.store import PaperState
from readerapp.ui.context import PalettePlace, WindowContext
from readerapp.ui.tree_items import EntryItem, PostItem


class Controller:
    def __init__(self, ctx: WindowContext) -> None:
        self.ctx = ctx

    def library_changed(self) -> None:
        """The library was opened or re-indexed (nothing to do by default)."""

    def states_changed(self, ids: list[str], before: dict[str, PaperState]) -> None:
        """These papers' state (read, star, note, tags) changed from `before` (nothing to do
        by default)."""

    def palette_places(self) -> list[PalettePlace]:
        """Places the command palette offers besides the commands (none by default)."""
        return []

    def view_changed(self) -> None:
        """The filter or the search changed (nothing to do by default)."""

    def toggle_setting(self, key: str, said_on: str, said_off: str) -> bool:
        """Flip a yes/no setting, update its check mark, say what it means now."""
        value = not self.ctx.settings.get(key)
        self.ctx.settings.set(key, value)
        self.ctx.sync_checkable_actions()
        self.ctx.flash(said_on if value else said_off)
        return value

    def current_post(self) -> PostItem | None:
        """The selected post, or the post of the selected paper; says so when there is none."""
        item = self.ctx.current_item()
        post = item.parent if isinstance(item, EntryItem) else item
        if not isinstance(post, PostItem):
            self.ctx.flash("Select a post or one of its papers first")
            return None
        return post
