"""A lazy item model over the index: topics > posts > papers. Children are queried when a node
is first opened; nothing holds a copy of the library, and a state change repaints only the rows
it touches."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtGui import QFont

from readerapp.library.tree import EntryNode, PostNode, TopicNode, Tree, View
from readerapp.render.latex import latex_to_text
from readerapp.render.page import plural
from readerapp.store import PaperState, StateStore
from readerapp.ui.row_text import paper_row
from readerapp.ui.tree_items import EntryItem, Index, Item, PostItem, TopicItem
from readerapp.ui.virtual_nodes import SLOTS, TAG_PATH, VirtualTopic

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
UNREAD_ROLE = Qt.ItemDataRole.UserRole + 2
PAPER_ID_ROLE = Qt.ItemDataRole.UserRole + 3
PATH_ROLE = Qt.ItemDataRole.UserRole + 4

AnyIndex = QModelIndex | QPersistentModelIndex
LARGE_LIBRARY = 20_000  # entries; above this, counting unread papers per topic is done off-thread


class TreeModel(QAbstractItemModel):
    # Unread counts made in the background have arrived (a topic's page shows them too).
    counts_arrived = Signal()

    def __init__(self, tree: Tree, store: StateStore, parent=None) -> None:
        super().__init__(parent)
        self.tree = tree
        self.store = store
        self.view = View()
        self._states: dict[str, PaperState] = {}
        self._tags: dict[str, list[str]] = {}
        self._highlighted: set[str] = set()  # by a watch rule
        self._topics: list[TopicItem] = []
        self._index = Index()
        self._bold = QFont()
        self._bold.setBold(True)
        # The order of a post's papers when not the post's own (interest): the navigation
        # then walks the rows as shown (NavigationController).
        self.entry_order: Callable[[list[EntryNode]], list[EntryNode]] | None = None
        # The nodes on top that are not the library's (For you, Tags), in this order; None:
        # no node. Set by their controllers, shown at the next reset (set_view).
        self.virtual: dict[str, VirtualTopic | None] = dict.fromkeys(SLOTS)
        # In a large library a topic's posts are listed at once and counted in the background:
        # `count_posts(topic)` asks for it (set by PostCountsController), `apply_post_counts`
        # brings the counts for the tree as loaded then (`loads` counts the loadings).
        self.count_posts: Callable[[str], None] | None = None
        self.loads = 0
        self._load_topics()

    # -- loading ---------------------------------------------------------------------------------

    def _load_topics(self, topics: list[TopicNode] | None = None) -> None:
        """Topics with their counts; in a large library the unfiltered tree first shows the
        topics alone and `counts_pending` asks the window to count in the background."""
        self.loads += 1
        self._index = Index()
        self._states.clear()
        self._tags.clear()
        self._highlighted = self.store.highlighted()
        self._topics = []
        self.large = self.tree.size() > LARGE_LIBRARY
        self.counts_pending = topics is None and not self.view.filtered and self.large
        if topics is not None:
            nodes = topics
        elif self.counts_pending:
            nodes = self.tree.topic_names()
        else:
            nodes = self.tree.topics(self.view)
        if not self.view.query.strip():  # a search shows only the library's papers
            for topic in self.virtual.values():
                if topic is not None:
                    self._add_virtual(topic)
        for node in nodes:
            item = TopicItem(node, len(self._topics))
            self._index.register(item)
            self._topics.append(item)

    def _add_virtual(self, virtual: VirtualTopic) -> None:
        """A topic of lists of papers listed elsewhere too; each paper under its row text.
        The unread / starred / noted filters apply; a list left empty is not shown."""
        ids = list(dict.fromkeys(p for post in virtual.posts for p, _ in post.papers))
        found = self.store.states(ids)
        self._states.update({i: found.get(i, PaperState()) for i in ids})
        self._tags.update(self.store.tags_of(ids))
        topic = TopicItem(TopicNode(virtual.name, 0, 0), len(self._topics))
        topic.posts = []
        for post in virtual.posts:
            # An entry's index is its place in the whole list, as a post's is in the post.
            shown = [(i, p) for i, p in enumerate(post.papers) if self._shows(p[0])]
            if not shown:
                continue
            count = len(post.papers)
            node = PostNode(post.id, post.path, post.title, virtual.name, "", 0, True, 0, count)
            item = PostItem(
                replace(node, papers=len(shown), entries=count), len(topic.posts), topic
            )
            item.entries = []
            for row, (index, (paper_id, text)) in enumerate(shown):
                entry = EntryItem(EntryNode(post.id, index, paper_id, text, 0), row, item)
                item.entries.append(entry)
            topic.posts.append(item)
        if not topic.posts:
            return
        topic.node = replace(topic.node, posts=len(topic.posts))
        entries = [entry for post_item in topic.posts for entry in post_item.entries or []]
        items: list[Item] = [topic, *topic.posts, *entries]
        for each in items:
            self._index.register(each)
        self._topics.append(topic)
        self._count_virtual(topic)

    def _shows(self, paper_id: str) -> bool:
        """Whether the view's filters let this paper be listed (kept ones always are)."""
        view, state = self.view, self._states[paper_id]
        if paper_id in view.keep:
            return True
        return (
            not (view.unread_only and state.read)
            and not (view.starred_only and not state.starred)
            and not (view.noted_only and not state.note.strip())
        )

    def _count_virtual(self, topic: TopicItem) -> None:
        """The unread counts of a virtual topic and its lists, from the states held."""
        unread_ids: set[str] = set()
        for post in topic.posts or []:
            unread = {e.node.paper_id for e in post.entries or [] if not self.state_read(e)}
            post.node = replace(post.node, unread=len(unread))
            unread_ids |= unread
        topic.node = replace(topic.node, unread=len(unread_ids))

    def state_read(self, entry: EntryItem) -> bool:
        return self.state(entry.node.paper_id).read

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
        self.counts_arrived.emit()

    def _posts_of(self, topic: TopicItem) -> list[PostItem]:
        if topic.posts is None:
            topic.posts = []
            name = topic.node.name
            later = self.large and not self.view.filtered and self.count_posts is not None
            nodes = self.tree.post_places(name) if later else self.tree.posts(name, self.view)
            for row, node in enumerate(nodes):
                item = PostItem(node, row, topic)
                self._index.register(item)
                topic.posts.append(item)
            if later and self.count_posts is not None:
                self.count_posts(name)
        return topic.posts

    def apply_post_counts(self, topic: str, nodes: list[PostNode], loads: int) -> None:
        """Counts of a topic's posts made in the background arrive, for the posts still
        without theirs: a post whose paper changed since was counted again by papers_changed
        (and the counts of the others are what they were when counted). Counts asked for
        before the tree was loaded again are dropped: its posts, opened again, ask again."""
        if loads != self.loads:
            return
        counted = {node.id: node for node in nodes}
        item = next((t for t in self._topics if t.node.name == topic), None)
        changed: list[PostItem] = []
        for post in (item.posts or []) if item is not None else []:
            node = counted.get(post.node.id)
            if node is not None and post.node.unread < 0:
                post.node = node
                changed.append(post)
        if changed:  # one signal for the rows: one per row took 300 ms for 6,000 posts
            self.dataChanged.emit(self.index_of(changed[0]), self.index_of(changed[-1]))
            self.counts_arrived.emit()

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

    def post_nodes(self, topic: TopicItem) -> list[PostNode]:
        """The topic's posts as the tree lists them (loading them; counts may be pending)."""
        return [post.node for post in self._posts_of(topic)]

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
        self._highlighted = self.store.highlighted()  # an undo may take a highlight off
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
        self._recount_virtual(flipped)
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

    def _recount_virtual(self, paper_ids: dict[str, int]) -> None:
        touched = {
            entry.parent.parent.uid
            for paper_id in paper_ids
            for entry in self._index.by_paper.get(paper_id, [])
            if entry.node.post_id < 0
        }
        for topic in self._topics:
            if topic.uid in touched:
                self._count_virtual(topic)
                items: list[Item] = [topic, *(topic.posts or [])]
                for item in items:
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

    # No flags(): Qt's own gives every valid row enabled and selectable, as the tree wants.

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
            if not day:  # a virtual node's list (For you, a tag) has no day
                return node.title
            return day if node.title == node.topic else f"{day} · {node.title}"
        if role == UNREAD_ROLE:
            return max(node.unread, 0) if node.is_digest else 0  # -1: not counted yet
        if role == KIND_ROLE:
            return "post"
        if role == PATH_ROLE:
            return node.path
        if role == Qt.ItemDataRole.FontRole and node.unread > 0:
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            unread = "counting…" if node.unread < 0 else f"{node.unread} unread"
            return f"{node.path}\n{plural(node.papers, 'paper')}, {unread}"
        return None

    def _entry_data(self, node: EntryNode, role: int) -> object:
        state = self.state(node.paper_id)
        if role == Qt.ItemDataRole.DisplayRole:
            tags = self.tags(node.paper_id)
            listed = self._index.by_post[node.post_id].node if node.post_id < 0 else None
            if listed is not None and listed.path.startswith(TAG_PATH):  # its other tags only
                tags = [tag for tag in tags if tag.casefold() != listed.title.casefold()]
            return paper_row(node.title, state, tags, node.paper_id in self._highlighted)
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
