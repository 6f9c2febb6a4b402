"""The main window: the tree (left), the viewer and the note (right), search, status bar."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from PySide6.QtCore import QModelIndex, Qt, QTimer, QUrl
from PySide6.QtGui import QCloseEvent, QDesktopServices, QGuiApplication
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QLabel,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from readerapp.images.cache import CachedImages
from readerapp.library.library import Library
from readerapp.library.tree import TopicNode, Tree, View
from readerapp.render import RenderContext
from readerapp.resources import sample_library
from readerapp.session import Session
from readerapp.ui import navigation, persistence, tree_state
from readerapp.ui.commands import CommandRegistry
from readerapp.ui.context import PalettePlace, UrlOpener
from readerapp.ui.controllers import Controller
from readerapp.ui.controllers.counts import CountsController
from readerapp.ui.controllers.days import DaysController
from readerapp.ui.controllers.export import ExportController
from readerapp.ui.controllers.files import FilesController
from readerapp.ui.controllers.help import HelpController
from readerapp.ui.controllers.indexing import IndexingController
from readerapp.ui.controllers.interest import InterestController
from readerapp.ui.controllers.links import LinksController
from readerapp.ui.controllers.navigation import NavigationController
from readerapp.ui.controllers.paper_list import PaperListController
from readerapp.ui.controllers.pdfs import PdfController
from readerapp.ui.controllers.post_counts import PostCountsController
from readerapp.ui.controllers.saved_searches import SavedSearchesController
from readerapp.ui.controllers.screenshots import ScreenshotsController
from readerapp.ui.controllers.search import SearchController
from readerapp.ui.controllers.sources import SourcesController
from readerapp.ui.controllers.state import StateController
from readerapp.ui.controllers.state_sync import StateSyncController
from readerapp.ui.controllers.tags import TagsController
from readerapp.ui.controllers.view import ViewController
from readerapp.ui.note_pane import NotePane
from readerapp.ui.pending_reads import PendingReads
from readerapp.ui.presenter import Presenter
from readerapp.ui.search_box import SearchBox
from readerapp.ui.theme import apply_theme, effective_theme
from readerapp.ui.tree_items import EntryItem, PostItem, TopicItem
from readerapp.ui.tree_model import TreeModel
from readerapp.ui.tree_view import PaperTree
from readerapp.ui.viewer import Viewer
from readerapp.ui.watcher import LibraryWatcher
from readerapp.ui.workers import (
    JobRunner,
)

PRERENDER_DELAY_MS = 30  # after the frame that shows the paper


class MainWindow(QMainWindow):
    def __init__(
        self,
        session: Session,
        root: Path,
        *,
        open_url: UrlOpener | None = None,
        start_indexing: bool = True,
    ) -> None:
        super().__init__()
        self.setObjectName("main-window")
        self.session = session
        self.settings = session.settings
        self.open_url: UrlOpener = QDesktopServices.openUrl if open_url is None else open_url
        self.store = session.open_store()
        self.image_cache = session.open_image_cache()
        self.last_place: navigation.Place | None = None
        self.presenter = Presenter(self)
        self.library: Library
        self.tree_query: Tree
        self.model: TreeModel

        self._build_widgets()
        self.registry = CommandRegistry()
        self._build_controllers()
        problems = self.registry.load_keymap(session.locations.keymap_path)
        self.menus = self.registry.build(self, self.menuBar(), self.pending_reads.flush)
        self.theme = effective_theme(self.settings.get("theme"))
        hints = QGuiApplication.styleHints()
        if hasattr(hints, "colorSchemeChanged"):
            hints.colorSchemeChanged.connect(self._system_scheme_changed)
        self.watcher = LibraryWatcher(self)
        self.watcher.changed.connect(self.reindex)
        self.indexing = IndexingController(self, self.watcher)
        self.controllers.append(self.indexing)
        self._open_library(root)
        persistence.restore_layout(self)
        self.sync_checkable_actions()
        for message in [*session.messages, *problems]:
            self.flash(message, 10000)
        session.messages.clear()
        if start_indexing:
            self.start_timer = QTimer(self, singleShot=True, interval=0)
            self.start_timer.timeout.connect(self.reindex)
            self.start_timer.timeout.connect(self.sources.pull_if_due)
            self.start_timer.start()

    # -- building --------------------------------------------------------------------------------

    def _build_controllers(self) -> None:
        """Each window feature is a controller with its own commands; menus follow this order."""
        self.counts = CountsController(self, self.counts_label)
        self.post_counts = PostCountsController(self)
        self.search_control = SearchController(self, self.filter_label)
        self.files = FilesController(self)
        self.sources: SourcesController = SourcesController(self)
        self.export = ExportController(self)
        self.state = StateController(self)
        self.help = HelpController(self)
        self.view_options = ViewController(self)
        self.screenshots = ScreenshotsController(self)
        self.paper_list = PaperListController(self, self.left_stack)
        self.days = DaysController(self, self.left_stack)
        self.interest = InterestController(self, self.left_stack)
        self.tags = TagsController(self)
        self.saved = SavedSearchesController(self)
        self.navigation = NavigationController(self, [self.paper_list, self.days, self.interest])
        self.links = LinksController(self, self.screenshots)
        self.pdfs = PdfController(self, self.links)
        self.state_sync = StateSyncController(self)
        self.controllers: list[Controller] = [
            self.counts,
            self.search_control,
            self.files,
            self.sources,
            self.screenshots,
            self.export,
            self.state,
            self.help,
            self.view_options,
            self.navigation,
            self.paper_list,
            self.days,
            self.interest,
            self.tags,
            self.saved,
            self.links,
            self.pdfs,
            self.state_sync,
        ]
        for controller in self.controllers:
            self.registry.collect(controller)
        self.presenter.explainer = self.interest
        self.presenter.pdfs = self.pdfs
        self.view_options.register(self.registry)
        self.screenshots.register(self.registry)

    def widget(self) -> QWidget:
        return self

    def palette_places(self) -> list[PalettePlace]:
        return [place for part in self.controllers for place in part.palette_places()]

    def _build_widgets(self) -> None:
        self.search = SearchBox(self)
        self.search.setObjectName("search")
        self.search.setPlaceholderText("Search papers and notes  ( / )")
        self.search.setClearButtonEnabled(True)

        self.view = PaperTree(self)
        self.viewer = Viewer(self)
        self.viewer.link_activated.connect(self.follow_link)
        self.viewer.escape_pressed.connect(self.focus_tree)
        self.note = NotePane(self.save_note, self)
        self.note.editor.escape_pressed.connect(self.focus_tree)
        self.note.saved.connect(lambda paper_id: self.model.papers_changed([paper_id]))

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 0)
        left_layout.setSpacing(6)
        left_layout.addWidget(self.search)
        self.left_stack = QStackedWidget(left)  # the tree, or the flat list of papers
        self.left_stack.addWidget(self.view)
        left_layout.addWidget(self.left_stack)

        self.right_split = QSplitter(Qt.Orientation.Vertical, self)
        self.right_split.setObjectName("right-splitter")
        self.right_split.addWidget(self.viewer)
        self.right_split.addWidget(self.note)
        self.right_split.setStretchFactor(0, 4)
        self.right_split.setStretchFactor(1, 1)
        self.right_split.setCollapsible(0, False)

        self.main_split = QSplitter(Qt.Orientation.Horizontal, self)
        self.main_split.setObjectName("main-splitter")
        self.main_split.addWidget(left)
        self.main_split.addWidget(self.right_split)
        self.main_split.setStretchFactor(0, 2)
        self.main_split.setStretchFactor(1, 5)
        self.setCentralWidget(self.main_split)

        bar = self.statusBar()
        self.filter_label = QLabel(self)
        self.filter_label.setObjectName("filter-label")
        self.position_label = QLabel(self)
        self.counts_label = QLabel(self)
        self.counts_label.setObjectName("counts-label")
        self.runner = JobRunner(self)
        bar.setStyleSheet("QStatusBar QLabel { padding: 0px 10px; }")
        for widget in (self.filter_label, self.position_label, self.runner, self.counts_label):
            bar.addPermanentWidget(widget)

        self.pending_reads = PendingReads(self, self._mark_read_now)
        self.read_timer = QTimer(self, singleShot=True)
        self.read_timer.timeout.connect(self._mark_current_read)
        # Timers owned by the window: they die with it, so no callback outlives the widgets.
        # The neighbours are rendered once this paper is on screen (a 0 ms timer could come
        # before the paint), and not at all while j is held down: each step restarts it.
        self.prerender_timer = QTimer(self, singleShot=True, interval=PRERENDER_DELAY_MS)
        self.prerender_timer.timeout.connect(lambda: self.presenter.prerender_neighbours())
        self.resize_timer = QTimer(self, singleShot=True, interval=150)
        self.resize_timer.timeout.connect(lambda: self.show_current(keep_scroll=True))

    # -- the library -----------------------------------------------------------------------------

    def _open_library(self, root: Path) -> None:
        self.library = self.session.open_library(root)
        # Known once per library: every change of state asks (each j's read mark), and the
        # sample's path is resolved on disk.
        self.is_sample = self.library.root == sample_library().resolve()
        self.library.tag_lookup = self.store.ids_tagged  # `tag:NAME` in a search
        self.tree_query = Tree(self.library, self.store.path)
        self.model = TreeModel(self.tree_query, self.store, self)
        self.post_counts.attach(self.model)
        self.model.counts_arrived.connect(self._counts_arrived)
        old = self.view.selectionModel()
        self.view.setModel(self.model)
        if old is not None:
            old.deleteLater()
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        self.images = CachedImages(self.image_cache, self.library.root)
        self.presenter.clear()
        self.watcher.clear()  # the index job lists the folders to watch, off this thread
        title = "readerapp — sample library" if self.is_sample else f"readerapp — {root.name}"
        self.setWindowTitle(title)
        self.restore_position()
        self._library_changed()
        if self.is_sample:
            self.flash(
                "This is the sample library. Open your own posts with File › Open Folder…"
                " (Ctrl+O).",
                15000,
            )

    def switch_library(self, root: Path) -> None:
        self.note.flush()
        self.cancel_job()
        self.settings.set("library", str(root.resolve()))
        self.settings.set("last_position", None)
        self.library.close()
        self._open_library(root)
        self.reindex()

    def reindex(self, *, asked: bool = False) -> None:
        self.indexing.reindex(asked=asked)

    def job_failed(self, message: str) -> None:
        self.flash(message, 15000)

    def cancel_job(self) -> None:
        self.runner.cancel_all()

    def fetch_images(self, urls: list[str], *, automatic: bool, retry_failed: bool = False) -> None:
        self.screenshots.fetch(urls, automatic=automatic, retry_failed=retry_failed)

    def forget_rendered(self) -> None:
        self.presenter.clear()

    def view_changed(self) -> None:
        for controller in self.controllers:
            controller.view_changed()

    def _library_changed(self) -> None:
        for controller in self.controllers:
            controller.library_changed()

    def refresh_tree(self) -> None:
        """After re-indexing: query the tree again, keeping selection, open nodes and scroll."""
        self.reset_model(self.model.view, keep_expanded=True)
        self.presenter.clear()
        self._library_changed()
        self.show_current(keep_scroll=True)

    def keep_current(self, view: View) -> View:
        return tree_state.keep_current(view, self.current_item())

    def reset_model(
        self, view: View, keep_expanded: bool, topics: list[TopicNode] | None = None
    ) -> bool:
        return tree_state.reset_model(self.view, self.model, view, keep_expanded, topics)

    # -- showing ---------------------------------------------------------------------------------

    def current_item(self) -> TopicItem | PostItem | EntryItem | None:
        return self.model.item(self.view.currentIndex())

    def current_paper_id(self) -> str | None:
        item = self.current_item()
        return item.node.paper_id if isinstance(item, EntryItem) else None

    def render_context(self) -> RenderContext:
        return self.presenter.render_context()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        self.show_current()

    def show_current(self, keep_scroll: bool = False) -> None:
        """Show the selected node. Called on every change of selection and to refresh."""
        item = self.current_item()
        self.presenter.show(item, keep_scroll)
        self._remember_position(item)
        self.update_position_label(item)

    def _counts_arrived(self) -> None:
        """A topic's page lists its posts' counts: shown again when they arrive."""
        if isinstance(self.current_item(), TopicItem):
            self.show_current(keep_scroll=True)

    def invalidate_current(self) -> None:
        self.presenter.shown_key = None

    # -- state -----------------------------------------------------------------------------------

    def change_state(self, paper_ids: list[str], change: Callable[[], object]) -> object:
        """Run a change of read/starred/note state and bring every count and row up to date
        by the difference (cheap at any library size)."""
        self.pending_reads.flush()  # first what the reader did before this
        ids = list(dict.fromkeys(paper_ids))
        before = self.store.states(ids)
        result = change()
        self.model.papers_changed(ids, before)
        for controller in self.controllers:
            controller.states_changed(ids, before)
        return result

    def mark_read(self, paper_id: str) -> None:
        self._mark_read_now([paper_id])

    def _mark_read_now(self, paper_ids: list[str]) -> None:
        self.change_state(paper_ids, lambda: self.store.set_read(paper_ids, True))

    def _mark_current_read(self) -> None:
        paper_id = self.current_paper_id()
        if paper_id:
            self.mark_read(paper_id)
            self.show_current(keep_scroll=True)

    def save_note(self, paper_id: str, text: str) -> None:
        self.store.set_note(paper_id, text)

    def state_changed(self, paper_ids: list[str]) -> None:
        """After a change (made through change_state): refresh the note and the viewer."""
        if not paper_ids:
            return
        current = self.current_paper_id()
        if current in paper_ids:
            state = self.store.get(current)
            if self.note.paper_id == current and state.note != self.note.editor.toPlainText():
                self.note.show_paper(current, state.note, self.note.title.text()[7:])
        self.show_current(keep_scroll=True)

    # -- status ----------------------------------------------------------------------------------

    def flash(self, message: str, milliseconds: int = 4000) -> None:
        self.statusBar().showMessage(message, milliseconds)

    def update_counts(self) -> None:
        self.counts.update()

    def update_position_label(self, item) -> None:
        if isinstance(item, EntryItem):
            post = item.parent.node
            where = " › ".join(part for part in (post.topic, post.date[:10]) if part)
            self.position_label.setText(f"{where} › {item.node.index + 1}/{post.entries}")
        elif isinstance(item, PostItem):
            where = " › ".join(part for part in (item.node.topic, item.node.date[:10]) if part)
            self.position_label.setText(where)
        elif isinstance(item, TopicItem):
            self.position_label.setText(item.node.name)
        else:
            self.position_label.setText("")

    def set_view(self, **changes: object) -> None:
        self.search_control.set_view(**changes)

    def focus_tree(self) -> None:
        """The keyboard back on the list of papers: the tree, or the flat list when shown."""
        self.note.flush()
        (self.left_stack.currentWidget() or self.view).setFocus()

    # -- links -----------------------------------------------------------------------------------

    def follow_link(self, url: QUrl) -> None:
        self.links.follow(url)

    # -- layout and position persistence ---------------------------------------------------------

    def _remember_position(self, item) -> None:
        place = navigation.place_of(item)
        if place is not None:
            self.last_place = place

    def restore_position(self) -> None:
        """Select the last place; that selection is the app's, so it marks nothing read."""
        with self.selecting_for_the_user():
            persistence.restore_position(self)

    @contextmanager
    def selecting_for_the_user(self) -> Iterator[None]:
        """Selections made inside are the app's (a restored place, a view's first row): the
        paper is shown, not marked read; only the user's own moves read papers."""
        self.presenter.automatic = True
        try:
            yield
        finally:
            self.presenter.automatic = False

    def save_layout(self) -> None:
        persistence.save_layout(self)

    def sync_checkable_actions(self) -> None:
        checked = self.view_options.checked()
        checked["view.paper-list"] = self.paper_list.active
        checked["view.by-date"] = self.days.active
        checked["view.for-you"] = self.interest.active and self.interest.similar_to is None
        checked["view.sort-interest"] = bool(self.settings.get("sort_by_interest"))
        checked["view.auto-fetch"] = bool(self.settings.get("auto_fetch_images"))
        for name, value in checked.items():
            command = self.registry.commands.get(name)
            if command and command.action:
                command.action.setChecked(value)

    def set_theme(self, setting: str) -> None:
        self.settings.set("theme", setting)
        self.theme = effective_theme(setting)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            apply_theme(app, self.theme)
        self.sync_checkable_actions()
        self.show_current(keep_scroll=True)

    def _system_scheme_changed(self, _scheme: object) -> None:
        if self.settings.get("theme") == "system":
            self.set_theme("system")

    # -- Qt events -------------------------------------------------------------------------------

    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not getattr(self, "_shown_once", False):
            self._shown_once = True
            self.view.setFocus()
            current = self.view.currentIndex()
            if current.isValid():
                self.view.scrollTo(current, QAbstractItemView.ScrollHint.PositionAtCenter)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self.resize_timer.start()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.pending_reads.flush()
        self.note.flush()
        self.save_layout()
        self.runner.wait(3000)
        super().closeEvent(event)
