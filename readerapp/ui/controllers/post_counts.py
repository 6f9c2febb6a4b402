"""The unread counts of a large library's posts, counted off the window's thread: opening a
topic of 6,000 posts lists them at once (one indexed query) and their counts follow, where
counting them first held the window for 150 ms (every entry of the topic against the state)."""

from __future__ import annotations

from readerapp.library.tree import PostNode
from readerapp.ui.context import WindowContext
from readerapp.ui.controllers import Controller
from readerapp.ui.tree_model import TreeModel
from readerapp.ui.workers import post_counts_job


class PostCountsController(Controller):
    def __init__(self, ctx: WindowContext) -> None:
        super().__init__(ctx)
        self.requests = 0  # one job name per request: the runner holds a name's job till done

    def attach(self, model: TreeModel) -> None:
        """Count the posts of this model's topics as they are opened (a new model per library,
        set before anything of it is opened)."""
        model.count_posts = lambda topic: self._count(model, topic)

    def _count(self, model: TreeModel, topic: str) -> None:
        ctx = self.ctx
        library, loads = ctx.library, model.loads
        job = post_counts_job(library.root, library.index_path, ctx.store.path, topic)

        def counted(nodes: list[PostNode]) -> None:
            model.apply_post_counts(topic, nodes, loads)

        self.requests += 1
        ctx.runner.start(f"post-counts-{self.requests}", job, counted, ctx.job_failed)
