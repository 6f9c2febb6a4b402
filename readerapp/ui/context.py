"""What a window part may use of the window: this protocol, never the main window's class.
The main window implements it; controllers, the presenter and the persistence helpers are
written against it, so nothing under ui/ imports the main window back."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractContextManager
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtCore import QUrl

if TYPE_CHECKING:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QSplitter, QStackedWidget, QWidget

    from readerapp.library.library import Library
    from readerapp.library.tree import TopicNode, Tree, View
    from readerapp.render.images import ImageLookup
    from readerapp.session import Session
    from readerapp.settings import Settings
    from readerapp.store import StateStore
    from readerapp.ui.commands import CommandRegistry
    from readerapp.ui.navigation import Place
    from readerapp.ui.note_pane import NotePane
    from readerapp.ui.pending_reads import PendingReads
    from readerapp.ui.search_box import SearchBox
    from readerapp.ui.tree_model import Item, TreeModel
    from readerapp.ui.tree_view import PaperTree
    from readerapp.ui.viewer import Viewer
    from readerapp.ui.workers import JobRunner

UrlOpener = Callable[[QUrl], object]
PalettePlace = tuple[str, Callable[[], None]]  # where the palette can jump: (label, go there)


class WindowContext(Protocol):
    """The window as its parts see it."""

    session: Session
    settings: Settings
    store: StateStore
    library: Library
    tree_query: Tree
    model: TreeModel
    view: PaperTree
    viewer: Viewer
    note: NotePane
    search: SearchBox
    registry: CommandRegistry
    runner: JobRunner
    open_url: UrlOpener
    read_timer: QTimer
    pending_reads: PendingReads
    prerender_timer: QTimer
    main_split: QSplitter
    right_split: QSplitter
    left_stack: QStackedWidget  # the tree or the flat list
    theme: str
    last_place: Place | None  # where the user was, saved on close
    is_sample: bool  # the built-in sample library is open

    @property
    def images(self) -> ImageLookup:
        """Where the viewer's images come from (read-only: the window replaces it)."""
        ...

    def widget(self) -> QWidget:
        """The window as the parent of dialogs."""
        ...

    def flash(self, message: str, milliseconds: int = 4000) -> None: ...
    def current_item(self) -> Item | None: ...
    def current_paper_id(self) -> str | None: ...
    def change_state(self, paper_ids: list[str], change: Callable[[], object]) -> object: ...
    def state_changed(self, paper_ids: list[str]) -> None: ...
    def mark_read(self, paper_id: str) -> None: ...
    def show_current(self, keep_scroll: bool = False) -> None: ...
    def focus_tree(self) -> None: ...
    def keep_current(self, view: View) -> View: ...
    def reset_model(
        self, view: View, keep_expanded: bool, topics: list[TopicNode] | None = None
    ) -> bool: ...
    def invalidate_current(self) -> None: ...
    def forget_rendered(self) -> None: ...
    def update_counts(self) -> None: ...
    def job_failed(self, message: str) -> None: ...
    def set_view(self, **changes: object) -> None: ...
    def fetch_images(
        self, urls: list[str], *, automatic: bool, retry_failed: bool = False
    ) -> None: ...
    def reindex(self, *, asked: bool = False) -> None: ...
    def refresh_tree(self) -> None: ...
    def restore_position(self) -> None:
        """Select the last place (or the first paper), as the app's selection."""
        ...

    def selecting_for_the_user(self) -> AbstractContextManager[None]: ...
    def view_changed(self) -> None:
        """Tell every window part that the filter changed."""
        ...

    def switch_library(self, root: Path) -> None: ...
    def set_theme(self, setting: str) -> None: ...
    def sync_checkable_actions(self) -> None: ...
    def palette_places(self) -> list[PalettePlace]:
        """Places to jump to from the command palette, from every window part."""
        ...

    def close(self) -> bool: ...
