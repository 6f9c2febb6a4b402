"""For you and similar papers: ranked lists in place of the tree, learned from the stars.

The model is refitted in the background after each star or unstar (and when the library
changes); until it exists, or with fewer than three stars, For you lists the newest unread
papers and says why. The viewer shows, for a ranked paper, the words that weigh most.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from PySide6.QtCore import QModelIndex, QTimer
from PySide6.QtWidgets import QStackedWidget

from readerapp.store import PaperState
from readerapp.ui import tree_state
from readerapp.ui.commands import command
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers.list_pane import ListPane
from readerapp.ui.virtual_nodes import for_you_topic
from readerapp.ui.workers import Job, JobContext

if TYPE_CHECKING:
    from readerapp.library.records import PaperRecord
    from readerapp.rank.ranking import Interest

T = TypeVar("T")
FOR_YOU = 50  # papers in For you
SLOT = "for-you"  # its place among the tree's virtual nodes (TreeModel.virtual)
SIMILAR = 10
REFIT_DELAY_MS = 600  # after the last star of a burst


def _in_another_process(function: Callable[..., T], *args: object) -> T:
    """`function(*args)` in a new process (work that would hold the GIL for long: the window
    stays responsive). Falls back to this thread if no process can start."""
    try:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        context = multiprocessing.get_context("spawn")
        with ProcessPoolExecutor(1, mp_context=context) as pool:
            return pool.submit(function, *args).result()
    except (ImportError, RuntimeError, OSError) as error:  # incl. BrokenProcessPool
        if isinstance(error, RuntimeError) and "shutdown" in str(error):
            raise  # the window is closing
        return function(*args)


@dataclass(frozen=True)
class Fitted:
    """What a background fit returns: the model and the For you node's papers."""

    interest: Interest
    picks: list[tuple[str, str, float]]


class InterestController(ListPane):
    def __init__(self, ctx: WindowContext, stack: QStackedWidget) -> None:
        super().__init__(ctx, stack)
        self.interest: Interest | None = None
        self.generation = 0
        self.picks: list[tuple[str, str, float]] = []  # the For you node: id, title, score
        self.model_number = 0  # the generation of the model in use (the viewer's cache key)
        self.fitting = False  # a fit is running: a new request waits for it (one at a time)
        self.refit_wanted = False
        self.similar_to: str | None = None  # None: the list is For you
        self.refit_timer = QTimer(ctx.widget())
        self.refit_timer.setSingleShot(True)
        self.refit_timer.setInterval(REFIT_DELAY_MS)
        self.refit_timer.timeout.connect(self.refit)
        self.list.activated.connect(self._open)

    # -- the model -------------------------------------------------------------------------------

    def library_changed(self) -> None:
        self.refit()
        super().library_changed()

    def states_changed(self, ids: list[str], before: dict[str, PaperState]) -> None:
        """After a state change: refit when a star changed (once per burst of changes)."""
        super().states_changed(ids, before)
        now = self.ctx.store.states(ids)  # one query, whatever the number of papers
        default = PaperState()
        if any(now.get(i, default).starred != before.get(i, default).starred for i in ids):
            self.refit_timer.start()

    def refit(self, asked: bool = False) -> None:
        """Vectors (a cache) and the model, in the background: never on the UI thread. Only
        when there are stars enough to learn from, or a list is `asked` for."""
        ctx = self.ctx
        if self.fitting:
            self.refit_wanted = True
            return
        if not asked and not self._needed():
            return
        self.fitting = True
        self.generation += 1
        generation = self.generation
        conn_paths = (ctx.library.root, ctx.library.index_path)
        starred = ctx.store.ids_where("starred")
        read = ctx.store.ids_where("read")
        previous = self.interest.vectors if self.interest else None

        def work(_context: JobContext) -> Fitted:
            from readerapp.library.library import Library
            from readerapp.rank import vectors
            from readerapp.rank.learning import learn

            learnt = _in_another_process(learn, *conn_paths, starred, read, FOR_YOU)
            library = Library(*conn_paths)
            try:  # the matrix from the cache file the other process brought up to date
                paper_vectors = vectors.for_library(library, previous)
                paper_vectors.by_term()  # here, so that `r` answers at once
            finally:
                library.close()
            return Fitted(learnt.interest(paper_vectors), learnt.picks)

        ctx.runner.start(
            f"interest-{generation}",
            Job("Learning from your stars", work),
            lambda fitted: self._fitted(generation, fitted),
            self._failed,
        )

    def _needed(self) -> bool:
        """A model is worth learning: enough stars to learn from, or a list asks for one."""
        from readerapp.rank.ranking import MIN_STARS

        return len(self.ctx.store.ids_where("starred")) >= MIN_STARS or self.active

    def _failed(self, message: str) -> None:
        self.fitting = False
        self.ctx.job_failed(message)

    def _fitted(self, generation: int, fitted: Fitted) -> None:
        self.fitting = False
        interest, self.picks = fitted.interest, fitted.picks
        if self.refit_wanted:  # stars changed while fitting: learn again, show this meanwhile
            self.refit_wanted = False
            self.refit()
        self.interest = interest
        self.model_number = generation
        self.apply_sort()
        if self.active:
            self.reload()
        self.ctx.show_current(keep_scroll=True)

    def explain(self, paper: PaperRecord) -> str:
        """One line for the viewer: the words that weigh most in this paper's score."""
        interest = self.interest
        if interest is None or not interest.trained:
            return ""
        from readerapp.rank.ranking import readable

        words = readable(interest.why(paper.id), f"{paper.title}\n{paper.abstract}")
        return f"For you because of: {', '.join(words)}" if words else ""

    # -- a post's papers, best first ----------------------------------------------------------

    @command("view.sort-interest", "Sort a Post's Papers by Interest", "Shift+I", checkable=True)
    def toggle_sort(self) -> None:
        """Each post's papers most like your starred ones first; j/k follow that order"""
        on = self.toggle_setting(
            "sort_by_interest",
            "Each post's papers: best first (learned from your stars)",
            "Each post's papers: in the post's order",
        )
        self.apply_sort()
        if on and not (self.interest and self.interest.trained):
            from readerapp.rank.ranking import MIN_STARS

            self.ctx.flash(f"Sorting by interest needs at least {MIN_STARS} starred papers")

    def apply_sort(self) -> None:
        """The tree as the current model has it: each post's papers best first (when the
        setting is on) and the For you node on top; the selected paper stays selected."""
        ctx = self.ctx
        model = ctx.model
        interest = self.interest
        trained = interest is not None and interest.trained
        order = None
        if trained and interest is not None and ctx.settings.get("sort_by_interest"):
            scores = interest.scores
            order = lambda nodes: sorted(  # noqa: E731 (a key per call, kept with the model)
                nodes, key=lambda n: -scores.get(n.paper_id, float("-inf"))
            )
        picks = for_you_topic(self.picks if trained else [])
        if order is None and model.entry_order is None and picks == model.virtual.get(SLOT):
            return
        model.entry_order = order
        model.virtual[SLOT] = picks
        tree_state.reload_virtual(ctx.view, model)

    # -- the lists -------------------------------------------------------------------------------

    @command("view.for-you", "For You: Best Unread Papers", "Shift+R", checkable=True)
    def for_you(self) -> None:
        """The 50 unread papers most like your starred ones, best first (toggle)"""
        if self.active and self.similar_to is not None:
            self.similar_to = None
            self.reload()
            self.ctx.sync_checkable_actions()
            return
        self.similar_to = None
        self.switch()

    @command("paper.similar", "Papers Similar to This One", "R")
    def similar(self) -> None:
        """The 10 papers nearest to the current one by their words; Enter opens one"""
        paper_id = self.ctx.current_paper_id()
        if paper_id is None:
            self.ctx.flash("Select a paper first")
            return
        self.similar_to = paper_id
        if self.active:
            self.reload()
        else:
            self.switch()

    def reload(self) -> None:
        ctx = self.ctx
        if self.interest is None:
            self.refit(asked=True)  # the first time a list is asked for: shown when ready
        if self.similar_to is None:
            ids, scores, note = self._best_unread()
        else:
            ids, scores, note = self._similar(self.similar_to)
        self.model.set_ids(ids, ctx.library, scores)
        # For you: the share of all papers each ranks above; similar papers: their cosine.
        self.model.score_format = "{:.0f}%" if self.similar_to is None else "{:.2f}"
        self.list.show_scores(bool(scores))
        ctx.flash(note)
        if ids:
            with ctx.selecting_for_the_user():
                self._select_row(0)

    def _best_unread(self) -> tuple[list[str], dict[str, float], str]:
        ctx = self.ctx
        read = ctx.store.ids_where("read")
        starred = ctx.store.ids_where("starred")
        interest = self.interest
        candidates = [i for i in ctx.library.paper_ids() if i not in read and i not in starred]
        if interest is None or not interest.trained:
            from readerapp.rank.ranking import MIN_STARS

            rows = ctx.library.list_rows(candidates)
            newest = sorted(candidates, key=lambda i: rows[i][1] if i in rows else "")[::-1]
            stars = interest.stars if interest else len(starred)
            return (
                newest[:FOR_YOU],
                {},
                f"For you: newest unread papers; star at least {MIN_STARS} (starred: {stars})"
                " to rank by what you like",
            )
        best = interest.best(candidates, FOR_YOU)
        scores = {i: interest.percentile(i) for i in best}
        return best, scores, "For you: best unread papers first (score: the share they rank above)"

    def _similar(self, paper_id: str) -> tuple[list[str], dict[str, float], str]:
        from readerapp.rank import ranking

        interest = self.interest
        if interest is None or interest.vectors is None:
            return [], {}, "Still reading the papers' words: try again in a moment"
        found = ranking.similar(interest.vectors, paper_id, SIMILAR)
        title = self.ctx.library.list_rows([paper_id]).get(paper_id, ("this paper",))[0]
        return [i for i, _ in found], dict(found), f"Papers similar to {title[:60]}"

    def _open(self, index: QModelIndex) -> None:
        """Enter: back to the tree, at the paper chosen."""
        if index.isValid() and self.active:
            self.switch()
