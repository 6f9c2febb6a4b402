"""What the viewer shows for the selected node: a paper, a post or a topic. Keeps a small cache
of rendered pages and renders the next and previous papers ahead, so j and k are instant."""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Callable
from html import escape
from typing import TYPE_CHECKING, Protocol

from readerapp.library.records import Occurrence, PaperRecord
from readerapp.library.tree import EntryNode
from readerapp.logsetup import get_logger
from readerapp.render import RenderContext, render_message, render_paper, render_post
from readerapp.render.page import plural, render_topic
from readerapp.rules import action_done
from readerapp.store import PaperState
from readerapp.ui import navigation
from readerapp.ui.tree_items import EntryItem, Item, PostItem, TopicItem, is_for_you, is_virtual
from readerapp.ui.virtual_nodes import FOR_YOU, FOR_YOU_POST, SAVED

if TYPE_CHECKING:
    from readerapp.ui.context import WindowContext

log = get_logger(__name__)
CACHE_SIZE = 24


class Explainer(Protocol):
    """Why a paper ranks where it does for the reader (the interest controller)."""

    model_number: int  # changes with each new model: cached pages then show the new reason

    def explain(self, paper: PaperRecord) -> str: ...


TAGS_HELP = (
    "<p>Papers in the order you tagged them; <b>j</b> walks them, <b>t</b> changes a paper's"
    " tags. <b>F2</b> renames the selected tag and its context menu deletes it (<b>z</b>"
    " undoes both); <b>Ctrl+K</b> jumps to a tag by name.</p>"
)
SAVED_HELP = (
    "<p>The papers each saved search finds, most relevant first (at most 500); <b>j</b> walks"
    " them."
    " <code>readerapp search save NAME QUERY [--then star|read|tag:NAME|highlight]</code>"
    " saves one (with <code>--then</code>, a rule for each new paper it finds) and"
    " <code>readerapp search remove NAME</code> forgets it.</p>"
)


class PdfStatus(Protocol):
    """Whether a paper's PDF is saved for offline reading (the PDF controller)."""

    def status(self, paper_id: str) -> str: ...


class Presenter:
    def __init__(self, window: WindowContext) -> None:
        self.window = window
        self.cache: OrderedDict[tuple, str] = OrderedDict()
        self.shown_key: tuple | None = None
        self.opened_place: tuple[str, int] | None = None
        self.automatic = False  # the selection is the app's, not the user's (see show)
        self.explainer: Explainer | None = None  # the interest model's reasons, once it is set
        self.pdfs: PdfStatus | None = None  # whether a paper's PDF is saved

    def render_context(self) -> RenderContext:
        w = self.window
        size = 15 + int(w.settings.get("zoom") or 0)
        width = w.viewer.image_width()
        return RenderContext(w.theme, width, size, w.images, w.library.root, w.library.roots)

    def clear(self) -> None:
        self.cache.clear()
        self.shown_key = None

    # -- showing ---------------------------------------------------------------------------------

    def show(self, item: Item | None, keep_scroll: bool) -> None:
        w = self.window
        scroll = w.viewer.verticalScrollBar().value() if keep_scroll else 0
        place = (item.parent.node.path, item.node.index) if isinstance(item, EntryItem) else None
        opened = place != self.opened_place
        if opened:
            w.read_timer.stop()
            self.opened_place = place
        if isinstance(item, EntryItem):
            # Selected by the app (restoring the last place, a new library): shown, not read.
            self._show_paper(item, opened and not self.automatic)
        else:
            w.note.show_paper(None, "")
            if is_for_you(item):
                self._show(("for-you",), self._for_you)
            elif isinstance(item, TopicItem | PostItem) and is_virtual(item):
                self._show_virtual(item)
            elif isinstance(item, PostItem):
                self._show_post(item)
            elif isinstance(item, TopicItem):
                self._show_topic(item)
            elif w.model.view.filtered and not w.model.topic_items():
                self._show(("nothing", w.model.view), self._nothing_matches)
            else:
                self._show(
                    ("empty",),
                    lambda: render_message(
                        self.render_context(),
                        "No paper selected",
                        "<p>Pick a paper in the list, or press <b>j</b>.</p>",
                    ),
                )
        if keep_scroll:  # the same item again (a star, a note): where the reader was
            w.viewer.complete()
            w.viewer.verticalScrollBar().setValue(scroll)

    def _show(self, key: tuple, build: Callable[[], str]) -> None:
        ctx = self.render_context()
        full_key = (*key, ctx.theme, ctx.width, ctx.font_size)
        if full_key == self.shown_key:
            return
        html = self.cache.get(full_key)
        if html is None:
            try:
                html = build()
            except Exception as error:  # never leave the previous paper on screen
                log.exception("rendering %s failed", key)
                html = render_message(
                    ctx,
                    "This item could not be shown",
                    f"<p>{escape(type(error).__name__)}: {escape(str(error)[:300])}</p>",
                )
            self._remember(full_key, html)
        self.shown_key = full_key
        self.window.viewer.show_html(html)

    def _remember(self, key: tuple, html: str) -> None:
        self.cache[key] = html
        self.cache.move_to_end(key)
        while len(self.cache) > CACHE_SIZE:
            self.cache.popitem(last=False)

    def _for_you(self) -> str:
        return render_message(
            self.render_context(),
            FOR_YOU,
            "<p>The unread papers most like the ones you starred, best first; the score is the"
            " share of the library each ranks above. It is learnt again after each star.</p>"
            "<p><b>j</b> walks them; <b>Shift+R</b> shows them as a sortable list.</p>",
        )

    def _show_virtual(self, item: TopicItem | PostItem) -> None:
        """The Tags node (each tag and its counts) or one tag's list."""
        lists = (item.posts or []) if isinstance(item, TopicItem) else [item]
        node = item.node.name if isinstance(item, TopicItem) else item.node.topic
        counts = tuple(
            (p.node.title, p.node.papers, p.node.unread, self._rule_of(p.node.title, node))
            for p in lists
        )
        name = item.node.name if isinstance(item, TopicItem) else f"{node} › {item.node.title}"
        help_text = SAVED_HELP if node == SAVED else TAGS_HELP

        def page() -> str:
            rows = "".join(
                f"<li><b>{escape(title)}</b>: {plural(papers, 'paper')}, {unread} unread"
                f"{escape(rule)}</li>"
                for title, papers, unread, rule in counts
            )
            return render_message(self.render_context(), name, f"<ul>{rows}</ul>{help_text}")

        self._show(("virtual", name, counts), page)

    def _rule_of(self, title: str, node: str) -> str:
        """` · query: … · rule: starred` for a saved search's row, "" for a tag's."""
        saved = self.window.store.saved_search(title) if node == SAVED else None
        if saved is None:
            return ""
        rule = f" · each new paper it finds is {action_done(saved.action)}" if saved.action else ""
        return f" · {saved.query}{rule}"

    def _nothing_matches(self) -> str:
        filters = " · ".join(escape(part) for part in self.window.model.view.describe())
        return render_message(
            self.render_context(),
            "Nothing matches",
            f"<p>No paper matches <b>{filters}</b>.</p><p><b>u</b>, <b>Shift+S</b> and"
            " <b>Shift+N</b> turn their filter off again; <b>/</b> changes the search and"
            " <b>Esc</b> in the search box clears it.</p>",
        )

    # -- papers ----------------------------------------------------------------------------------

    def _paper_key(self, item: EntryItem, state: PaperState) -> tuple:
        path = item.parent.node.path
        paper_id = item.node.paper_id
        model = self.explainer.model_number if self.explainer else 0
        tags = tuple(self.window.model.tags(paper_id))
        pdf = self.pdfs.status(paper_id) if self.pdfs else ""
        marks = tuple(self.window.store.rule_marks([paper_id]).get(paper_id, []))
        return ("paper", paper_id, path, state.read, state.starred, model, tags, pdf, marks)

    def _paper_html(self, item: EntryItem, paper: PaperRecord, state: PaperState) -> str:
        post = item.parent.node
        here: Occurrence | None
        if post.id < 0:  # For you, a tag: where the paper is listed, its place in this list
            here = paper.posts[0] if paper.posts else None
            label = FOR_YOU if post.id == FOR_YOU_POST else f"{post.topic} › {post.title}"
            position = f"{label}: {item.node.index + 1} of {post.entries}"
        else:
            here = next((o for o in paper.posts if o.path == post.path), None)
            here = here or Occurrence(post.id, post.path, post.topic, post.date, item.node.index)
            position = f"paper {item.node.index + 1} of {post.entries}" if post.entries else ""
        why = self.explainer.explain(paper) if self.explainer else ""
        marks = self.window.store.rule_marks([paper.id]).get(paper.id, [])
        done = [f"{action_done(action).capitalize()} by rule {rule}" for rule, action in marks]
        why = " · ".join(part for part in [*done, why] if part)
        tags = self.window.model.tags(paper.id)
        pdf = self.pdfs.status(paper.id) if self.pdfs else ""
        ctx = self.render_context()
        return render_paper(paper, state, ctx, here, position, why, tags, pdf)

    def _show_paper(self, item: EntryItem, opened: bool) -> None:
        """`opened`: the user just moved to this paper (only then is it marked read)."""
        w = self.window
        paper_id = item.node.paper_id
        # Without its analysis (read from the post: 0.7 ms of each j): the page is most often
        # rendered already (prerender_neighbours); the analysis is read when it is not.
        found = w.library.papers([paper_id])
        if not found:
            return
        paper = found[0]
        mode = w.settings.get("mark_read")
        state = w.store.get(paper_id)
        if opened and mode == "immediately" and not state.read:
            w.pending_reads.add(paper_id)  # marked right after this frame
            state = state._replace(read=True)  # shown as it is a moment from now
        self._show(
            self._paper_key(item, state),
            lambda: self._paper_html(item, w.library.paper(paper_id) or paper, state),
        )
        if w.note.paper_id != paper_id:
            w.note.show_paper(paper_id, state.note, paper.title[:80])
        if opened and mode == "delay" and not state.read:
            w.read_timer.start(int(float(w.settings.get("mark_read_delay") or 2) * 1000))
        w.prerender_timer.start()

    def prerender_neighbours(self) -> None:
        """Render the next and previous papers now, so j and k show them at once."""
        w = self.window
        item = w.current_item()
        if not isinstance(item, EntryItem):
            return
        here = navigation.position_of(item, w.tree_query, True)
        ctx = self.render_context()
        for forward in (True, False):
            node = w.tree_query.step(here, forward, w.model.view)
            entry = self._entry_item_for(node) if node else None
            if entry is None:
                continue
            state = w.store.get(entry.node.paper_id)
            if w.settings.get("mark_read") == "immediately":
                state = state._replace(read=True)  # as it will be once opened
            key = (*self._paper_key(entry, state), ctx.theme, ctx.width, ctx.font_size)
            if key not in self.cache:
                paper = w.library.paper(entry.node.paper_id)
                if paper is not None:
                    self._remember(key, self._paper_html(entry, paper, state))
            if forward and key in self.cache:
                w.viewer.warm(self.cache[key])  # the likelier next key: its glyphs drawn now

    def _entry_item_for(self, node: EntryNode) -> EntryItem | None:
        model = self.window.model
        post = model.post_item(node.post_id)
        if post is None:
            return None
        item = model.item(model.entry_index(post.node.topic, post.node.path, node.index))
        return item if isinstance(item, EntryItem) else None

    # -- posts and topics ------------------------------------------------------------------------

    def _show_post(self, item: PostItem) -> None:
        w = self.window
        post = w.library.post(item.node.id)
        if post is None:
            return
        rows = w.library.entries_of(post.id)
        states = w.store.states([r.paper_id for r in rows])
        reads = tuple((states.get(r.paper_id) or PaperState()).read for r in rows)
        self._show(
            ("post", post.path, reads),
            lambda: render_post(
                post, [(r, states.get(r.paper_id)) for r in rows], self.render_context()
            ),
        )

    def _show_topic(self, item: TopicItem) -> None:
        w = self.window
        node = item.node
        posts = w.model.post_nodes(item)  # as listed: a large library's counts may follow
        key = ("topic", node.name, node.unread, len(posts), sum(p.unread < 0 for p in posts))
        self._show(key, lambda: render_topic(node.name, node.unread, posts, self.render_context()))
