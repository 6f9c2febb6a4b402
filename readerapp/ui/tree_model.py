"""A lazy item model over the index: topics > posts > papers. Children are queried when a node
is first opened; nothing holds a copy of the library, and a state change repaints only the rows
it touches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from readerapp.library.tree import EntryNode, PostNode, TopicNode, Tree, View
from readerapp.render.latex import latex_to_text
from readerapp.render.page import plural
from readerapp.store import PaperState, StateStore
from readerapp.ui.row_text import paper_row

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 2
PAPER_ID_ROLE = Qt.ItemDataRole.UserRole + 3
PATH_ROLE = Qt.ItemDataRole.UserRole + 4

AnyIndex = QModelIndex | QPersistentModelIndex
LARGE_LIBRARY = 20_000  # entries; above this, counting unread papers per topic is done off-thread


@dataclass(eq=False)
class TopicItem:
    node: TopicNode
    row: int
    uid: int = 0
    posts: list[PostItem] | None = None


@dataclass(eq=False)
class PostItem:
    node: PostNode
    row: int
    parent: TopicItem
    uid: int = 0
    entries: list[EntryItem] | None = None


@dataclass(eq=False)
class EntryItem:
    node: EntryNode
    row: int
    parent: PostItem
    uid: int = 0


Item = TopicItem | PostItem | EntryItem


@dataclass
class _Index:
    """Bookkeeping of the items created so far (ids for QModelIndex, reverse lookups)."""

    items: dict[int, Item] = field(default_factory=dict)
    by_paper: dict[str, list[EntryItem]] = field(default_factory=dict)
    by_post: dict[int, PostItem] = field(default_factory=dict)
    next_uid: int = 1

    def register(self, item: Item) -> None:
        item.uid = self.next_uid
        self.next_uid += 1
        self.items[item.uid] = item
        if isinstance(item, EntryItem):
            self.by_paper.setdefault(item.node.paper_id, []).append(item)
        elif isinstance(item, PostItem):
            self.by_post[item.node.id] = item


FOR_YOU = "For you"
FOR_YOU_POST = -1  # the id of the For you node's post (real posts count from 1)


def is_for_you(item: Item | None) -> bool:
    """The For you node, its post or one of its papers."""
    if isinstance(item, EntryItem):
        return item.node.post_id == FOR_YOU_POST
    if isinstance(item, PostItem):
        return item.node.id == FOR_YOU_POST
    return (
        isinstance(item, TopicItem)
        and item.posts is not None
        and any(p.node.id == FOR_YOU_POST for p in item.posts)
    )


class TreeModel(QAbstractItemModel):
    def __init__(self, tree: Tree, store: StateStore, parent=None) -> None:
        super().__init__(parent)
        self.tree = tree
        self.store = store
        self.view = View()
        self._states: dict[str, PaperState] = {}
        self._tags: dict[str, list[str]] = {}
        self._topics: list[TopicItem] = []
        self._index = _Index()
        self._bold = QFont()
        self._bold.setBold(True)
        # The order of a post's papers when not the post's own (interest): the navigation
        # then walks the rows as shown (NavigationController).
        self.entry_order: Callable[[list[EntryNode]], list[EntryNode]] | None = None
        # The "For you" node on top: (paper id, title, score) best first; empty: no node.
        self.picks: list[tuple[str, str, float]] = []
        self._load_topics()

    # -- loading ---------------------------------------------------------------------------------

    def _load_topics(self, topics: list[TopicNode] | None = None) -> None:
        """Topics with their counts; in a large library the unfiltered tree first shows the
        topics alone and `counts_pending` asks the window to count in the background."""
        self._index = _Index()
        self._states.clear()
        self._tags.clear()
        self._topics = []
        self.large = self.tree.size() > LARGE_LIBRARY
        self.counts_pending = topics is None and not self.view.filtered and self.large
        if topics is not None:
            nodes = topics
        elif self.counts_pending:
            nodes = self.tree.topic_names()
        else:
            nodes = self.tree.topics(self.view)
        if self.picks and not self.view.filtered:  # a filter or a search shows only its papers
            self._add_picks()
        for node in nodes:
            item = TopicItem(node, len(self._topics))
            self._index.register(item)
            self._topics.append(item)

    def _add_picks(self) -> None:
        """The For you node: one topic holding one post (not in the index: id FOR_YOU_POST)
        whose papers are the picks, each listed under its title with its score."""
        count = len(self.picks)
        topic = TopicItem(TopicNode(FOR_YOU, count, 1), 0)
        self._index.register(topic)
        node = PostNode(
            FOR_YOU_POST, "", "Best unread papers", FOR_YOU, "", 0, True, count, count, count
        )
        post = PostItem(node, 0, topic)
        self._index.register(post)
        topic.posts = [post]
        post.entries = []
        for row, (paper_id, title, score) in enumerate(self.picks):
            entry = EntryItem(
                EntryNode(FOR_YOU_POST, row, paper_id, f"{score:.0f}%  {title}", 0), row, post
            )
            self._index.register(entry)
            post.entries.append(entry)
        self._states.update(self.store.states([p for p, _, _ in self.picks]))
        self._topics.append(topic)

    def apply_topic_counts(self, nodes: list[TopicNode]) -> None:
        """Counts computed in the background arrive (for the view they were computed for)."""
        counted = {node.name: node for node in nodes}
        for item in self._topics:
            node = counted.get(item.node.name)
            if node is not None and item.node.unread != node.unread:
                item.node = node
                index = self.index_of(item)
                self.dataChanged.emit(index, index)
        self.counts_pending = False

    def _posts_of(self, topic: TopicItem) -> list[PostItem]:
        if topic.posts is None:
            topic.posts = []
            for row, node in enumerate(self.tree.posts(topic.node.name, self.view)):
                item = PostItem(node, row, topic)
                self._index.register(item)
                topic.posts.append(item)
        return topic.posts

    def _entries_of(self, post: PostItem) -> list[EntryItem]:
        if post.entries is None:
            post.entries = []
            nodes = self.tree.entries(post.node.id, self.view) if post.node.is_digest else []
            if self.entry_order is not None:
                nodes = self.entry_order(nodes)
            for row, node in enumerate(nodes):
                item = EntryItem(node, row, post)
                self._index.register(item)
                post.entries.append(item)
            missing = [n.paper_id for n in nodes if n.paper_id not in self._states]
            found = self.store.states(missing)
            for paper_id in missing:
                self._states[paper_id] = found.get(paper_id, PaperState())
            tagged = self.store.tags_of(missing)  # one query for the post, not one per row
            for paper_id in missing:
                self._tags[paper_id] = tagged.get(paper_id, [])
        return post.entries

    def set_view(self, view: View, topics: list[TopicNode] | None = None) -> None:
        """Show `view`; `topics` when they were already counted (in the background)."""
        self.beginResetModel()
        self.view = view
        self._load_topics(topics)
        self.endResetModel()

    # -- lookups ---------------------------------------------------------------------------------

    def item(self, index: AnyIndex) -> Item | None:
        if not index.isValid():
            return None
        return self._index.items.get(index.internalId())

    def index_of(self, item: Item) -> QModelIndex:
        return self.createIndex(item.row, 0, item.uid)

    def post_item(self, post_id: int) -> PostItem | None:
        return self._index.by_post.get(post_id)

    def topic_items(self) -> list[TopicItem]:
        return list(self._topics)

    def tags(self, paper_id: str) -> list[str]:
        """The paper's tags (read once, then kept until its state changes)."""
        if paper_id not in self._tags:
            self._tags[paper_id] = self.store.tags_of([paper_id]).get(paper_id, [])
        return self._tags[paper_id]

    def state(self, paper_id: str) -> PaperState:
        if paper_id not in self._states:
            self._states[paper_id] = self.store.get(paper_id)
        return self._states[paper_id]

    def topic_index(self, name: str) -> QModelIndex:
        item = next((t for t in self._topics if t.node.name == name), None)
        return self.index_of(item) if item else QModelIndex()

    def post_index(self, topic: str, path: str) -> QModelIndex:
        item = next((t for t in self._topics if t.node.name == topic), None)
        if item is None:
            return QModelIndex()
        post = next((p for p in self._posts_of(item) if p.node.path == path), None)
        return self.index_of(post) if post else QModelIndex()

    def entry_index(self, topic: str, path: str, entry_index: int) -> QModelIndex:
        post_index = self.post_index(topic, path)
        post = self.item(post_index)
        if not isinstance(post, PostItem):
            return QModelIndex()
        entry = next((e for e in self._entries_of(post) if e.node.index == entry_index), None)
        return self.index_of(entry) if entry else QModelIndex()

    # -- state changes ---------------------------------------------------------------------------

    def papers_changed(
        self, paper_ids: list[str], before: dict[str, PaperState] | None = None
    ) -> None:
        """Repaint the rows of these papers; with their state `before` the change, adjust the
        unread counts of the posts and topics holding them (no query over the whole tree)."""
        ids = list(dict.fromkeys(paper_ids))
        fresh = self.store.states(ids)
        flipped: dict[str, int] = {}  # paper id -> change of its unread count (+1 / -1)
        for paper_id in ids:
            new = fresh.get(paper_id, PaperState())
            old = (before or {}).get(paper_id, PaperState()) if before is not None else new
            if old.read != new.read:
                flipped[paper_id] = -1 if new.read else 1
            self._states[paper_id] = new
            self._tags.pop(paper_id, None)  # read again when shown (a tag may have changed)
            for entry in self._index.by_paper.get(paper_id, []):
                index = self.index_of(entry)
                self.dataChanged.emit(index, index)
        if not flipped:
            return
        holding = self.tree.posts_holding(list(flipped))
        loaded = [post_id for post_id in holding if post_id in self._index.by_post]
        for post_id, (unread, shown) in self.tree.post_counts(loaded, self.view).items():
            post = self._index.by_post[post_id]
            post.node = replace(post.node, unread=unread, papers=shown)
            index = self.index_of(post)
            self.dataChanged.emit(index, index)
        for paper_id, delta in flipped.items():
            topics = set(self.tree.topics_holding(paper_id))
            for item in self._topics:
                if item.node.name in topics and item.node.unread >= 0:
                    item.node = replace(item.node, unread=max(0, item.node.unread + delta))
                    index = self.index_of(item)
                    self.dataChanged.emit(index, index)

    # -- QAbstractItemModel ----------------------------------------------------------------------

    def index(self, row: int, column: int, parent: AnyIndex = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        owner = self.item(parent)
        if owner is None:
            children: list = self._topics
        elif isinstance(owner, TopicItem):
            children = self._posts_of(owner)
        elif isinstance(owner, PostItem):
            children = self._entries_of(owner)
        else:
            return QModelIndex()
        if row >= len(children):
            return QModelIndex()
        return self.createIndex(row, 0, children[row].uid)

    def parent(self, index: AnyIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        item = self.item(index)
        if isinstance(item, PostItem | EntryItem):
            return self.index_of(item.parent)
        return QModelIndex()

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:
        owner = self.item(parent)
        if owner is None:
            return len(self._topics) if not parent.isValid() else 0
        if isinstance(owner, TopicItem):
            return len(self._posts_of(owner))
        if isinstance(owner, PostItem):
            return len(self._entries_of(owner))
        return 0

    def hasChildren(self, parent: AnyIndex = QModelIndex()) -> bool:
        owner = self.item(parent)
        if owner is None:
            return not parent.isValid() and bool(self._topics)
        if isinstance(owner, TopicItem):
            return owner.node.posts > 0
        if isinstance(owner, PostItem):
            return owner.node.is_digest and owner.node.papers > 0
        return False

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:
        return 1

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable

    def data(self, index: AnyIndex, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.item(index)
        if item is None:
            return None
        if isinstance(item, TopicItem):
            return self._topic_data(item.node, role)
        if isinstance(item, PostItem):
            return self._post_data(item.node, role)
        return self._entry_data(item.node, role)

    def _topic_data(self, node: TopicNode, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            return node.name
        if role == UNREAD_ROLE:
            return max(node.unread, 0)  # -1: not counted yet
        if role == KIND_ROLE:
            return "topic"
        if role == Qt.ItemDataRole.FontRole and node.unread > 0:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            unread = "counting…" if node.unread < 0 else f"{node.unread} unread papers"
            return f"{node.name}: {plural(node.posts, 'post')}, {unread}"
        return None

    def _post_data(self, node: PostNode, role: int) -> object:
        if role == Qt.ItemDataRole.DisplayRole:
            day = node.date[:10]
            if not node.is_digest:
                return node.title
            if not day:  # the For you node's post has no day
                return node.title
            return day if node.title == node.topic else f"{day} · {node.title}"
        if role == UNREAD_ROLE:
            return node.unread if node.is_digest else 0
        if role == KIND_ROLE:
            return "post"
        if role == PATH_ROLE:
            return node.path
        if role == Qt.ItemDataRole.FontRole and node.unread:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{node.path}\n{plural(node.papers, 'paper')}, {node.unread} unread"
        return None

    def _entry_data(self, node: EntryNode, role: int) -> object:
        state = self.state(node.paper_id)
        if role == Qt.ItemDataRole.DisplayRole:
            return paper_row(node.title, state, self.tags(node.paper_id))
        if role == Qt.ItemDataRole.FontRole and not state.read:
            return self._bold
        if role == KIND_ROLE:
            return "paper"
        if role == PAPER_ID_ROLE:
            return node.paper_id
        if role == Qt.ItemDataRole.ToolTipRole:
            flags = ["unread" if not state.read else "read"]
            if state.starred:
                flags.append("starred")
            if state.note.strip():
                flags.append("has a note")
            return f"{latex_to_text(node.title)}\n{node.paper_id} · {', '.join(flags)}"
        return None
