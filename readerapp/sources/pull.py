"""Bringing git sources up to date: the first pull clones, later ones fetch and fast-forward.
A failure leaves the clone as it was (the library keeps its posts) and is one line."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

from readerapp.library.roots import MARK
from readerapp.library.scanner import POST_SUFFIXES
from readerapp.sources.git import Git, GitError
from readerapp.sources.registry import GIT, Source, Sources
from readerapp.words import plural


@dataclass
class Pulled:
    name: str
    new_posts: list[str] = field(default_factory=list)  # paths inside the source's posts folder
    changed: int = 0
    removed: int = 0
    error: str = ""  # one line when the pull failed (nothing changed then)
    first: bool = False  # this pull cloned the repository

    @property
    def ok(self) -> bool:
        return not self.error

    def indexed_paths(self) -> list[str]:
        """The new posts' paths as the index has them."""
        return [f"{MARK}{self.name}/{path}" for path in self.new_posts]


def _is_post(path: str) -> bool:
    return path.lower().endswith(POST_SUFFIXES) and not any(
        part.startswith(".") for part in path.split("/")
    )


def pull_source(
    sources: Sources,
    source: Source,
    *,
    reset: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
) -> Pulled:
    """Clone or update one git source and record the pull; never raises for git's failures."""
    result = Pulled(source.name)
    git = Git(source.location, cancelled)
    repo = sources.clone_of(source)
    try:
        if not (repo / ".git").exists():
            commit = git.clone(repo, source.subdir)
            folder = sources.posts_folder(source)
            result.first = True
            result.new_posts = sorted(
                p.relative_to(folder).as_posix()
                for p in folder.rglob("*")
                if p.is_file() and _is_post(p.relative_to(folder).as_posix())
            )
        else:
            old = git.head(repo)
            commit = git.fetch(repo)
            if commit != old:
                if not reset and not git.is_ancestor(repo, old, commit):
                    raise GitError(
                        f"the history of {source.location} was rewritten since the last pull"
                        " (it diverged); nothing changed. `readerapp pull --reset` takes the"
                        " remote's version"
                    )
                changes = git.changed_files(repo, old, commit, source.subdir)
                git.move_to(repo, commit, reset=reset)
                posts = {path: status for path, status in changes.items() if _is_post(path)}
                result.new_posts = sorted(p for p, s in posts.items() if s == "A")
                result.changed = sum(s == "M" for s in posts.values())
                result.removed = sum(s == "D" for s in posts.values())
    except GitError as error:
        result.error = str(error)
        return result
    sources.update(source, last_pull=time.time(), commit=commit)
    return result


def pull_all(
    sources: Sources,
    *,
    reset: bool = False,
    cancelled: Callable[[], bool] = lambda: False,
    progress: Callable[[int, int], None] | None = None,
) -> list[Pulled]:
    """Every git source, one after the other."""
    git_sources = [s for s in sources.items if s.kind == GIT]
    results = []
    for done, source in enumerate(git_sources):
        if progress:
            progress(done, len(git_sources))
        if cancelled():
            break
        results.append(pull_source(sources, source, reset=reset, cancelled=cancelled))
    return results


def is_due(sources: Sources, hours: float, now: float | None = None) -> bool:
    """A git source was never pulled, or not for `hours`."""
    now = time.time() if now is None else now
    return any(
        s.kind == GIT and (s.last_pull is None or now - s.last_pull > hours * 3600)
        for s in sources.items
    )


def describe(pulled: Pulled, new_papers: int) -> str:
    """`blog: 72 new posts, 540 new papers` (or what failed)."""
    if not pulled.ok:
        return f"{pulled.name}: failed: {pulled.error}"
    if not pulled.new_posts and not pulled.changed and not pulled.removed:
        return f"{pulled.name}: up to date"
    parts = [plural(len(pulled.new_posts), "new post"), plural(new_papers, "new paper")]
    if pulled.changed:
        parts.append(f"{pulled.changed} changed")
    if pulled.removed:
        parts.append(f"{pulled.removed} removed")
    return f"{pulled.name}: {', '.join(parts)}"
