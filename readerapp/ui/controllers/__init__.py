"""One controller per window feature. Each owns its commands (`@command` next to the handler)
and is given the window as a WindowContext; the main window composes them and calls
`library_changed()` on each when another library is opened or the index changed."""

from __future__ import annotations

from readerapp.ui.context import WindowContext


class Controller:
    def __init__(self, ctx: WindowContext) -> None:
        self.ctx = ctx

    def library_changed(self) -> None:
        """The library was opened or re-indexed (nothing to do by default)."""

    def view_changed(self) -> None:
        """The filter or the search changed (nothing to do by default)."""
