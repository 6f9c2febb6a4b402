"""The library's sources besides its own folder: git repositories (cloned into the data
folder, pulled for new posts) and other folders. Kept in `sources.json` in the config folder,
written atomically; a source's clone is `<data>/sources/<name>/`."""

from __future__ import annotations

import json
import re
import time
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from readerapp import storage
from readerapp.errors import UserError
from readerapp.library.roots import MAIN

GIT = "git"
FOLDER = "folder"
_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$")
# git's own URL forms: scheme://..., and scp-like user@host:path (not a Windows drive letter).
_URL = re.compile(r"^(?:[a-z][a-z0-9+.-]*://|[^/:@\s]+@[^/:\s]+:)", re.IGNORECASE)


def is_git_url(text: str) -> bool:
    return bool(_URL.match(text))


@dataclass(frozen=True)
class Source:
    name: str
    kind: str  # GIT or FOLDER
    location: str  # the URL, or the folder's absolute path
    subdir: str = ""  # the posts folder inside it ("source/_posts"), "" for the top
    added: float = 0.0
    last_pull: float | None = None  # when the clone was last brought up to date
    commit: str = ""  # the commit checked out after that pull


def default_name(location: str) -> str:
    """`blog` for https://host/me/blog.git, /home/me/blog or me@host:blog.git."""
    tail = re.split(r"[/:]", location.rstrip("/"))[-1]
    tail = tail.removesuffix(".git")
    cleaned = re.sub(r"[^A-Za-z0-9._-]+", "-", tail).strip("-._")
    return cleaned[:40] or "source"


def _clean_subdir(subdir: str) -> str:
    parts = [p for p in subdir.replace("\\", "/").split("/") if p not in ("", ".")]
    if any(p == ".." for p in parts):
        raise UserError(f"--path must stay inside the source: {subdir}")
    return "/".join(parts)


class Sources:
    def __init__(self, config_path: Path, clones_dir: Path) -> None:
        self.path = config_path
        self.clones_dir = clones_dir
        self.warning = ""  # set when a damaged file was set aside
        self.items: list[Source] = self._load()

    def _load(self) -> list[Source]:
        if not self.path.exists():
            return []
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
            return [Source(**item) for item in raw["sources"]]
        except (OSError, ValueError, KeyError, TypeError) as error:
            aside = storage.set_aside(self.path)
            self.warning = f"the sources file was damaged ({error}); moved to {aside}"
            return []

    def save(self) -> None:
        text = json.dumps(
            {"version": 1, "sources": [asdict(s) for s in self.items]}, indent=2, ensure_ascii=False
        )
        storage.write_atomic(self.path, (text + "\n").encode("utf-8"))

    # -- reading ---------------------------------------------------------------------------------

    def get(self, name: str) -> Source:
        for source in self.items:
            if source.name == name:
                return source
        known = ", ".join(s.name for s in self.items) or "none yet"
        raise UserError(f"no source named {name!r} (sources: {known})")

    def clone_of(self, source: Source) -> Path:
        return self.clones_dir / source.name

    def posts_folder(self, source: Source) -> Path:
        base = self.clone_of(source) if source.kind == GIT else Path(source.location)
        return base / source.subdir if source.subdir else base

    def library_sources(self) -> tuple[tuple[str, Path], ...]:
        """(name, posts folder) of each source whose folder exists, for the Library."""
        return tuple(
            (s.name, folder) for s in self.items if (folder := self.posts_folder(s)).is_dir()
        )

    # -- changing --------------------------------------------------------------------------------

    def new(self, location: str, subdir: str = "", name: str | None = None) -> Source:
        """The source `location` names (checked, not yet added)."""
        name = name or default_name(location)
        if not _NAME.match(name) or name == MAIN:
            raise UserError(
                f"a source name is letters, digits, '.', '_' or '-' (not {MAIN!r}): {name!r}"
            )
        if any(s.name == name for s in self.items):
            raise UserError(f"there is already a source named {name!r}; pass --name")
        subdir = _clean_subdir(subdir)
        if is_git_url(location):
            kind, where = GIT, location
        else:
            folder = Path(location).expanduser()
            if not folder.is_dir():
                raise UserError(f"not a folder nor a git URL: {location}")
            kind, where = FOLDER, str(folder.resolve())
            if subdir and not (folder / subdir).is_dir():
                raise UserError(f"no folder {subdir} in {where}")
        if any(s.location == where and s.subdir == subdir for s in self.items):
            raise UserError(f"{location} is already a source")
        return Source(name, kind, where, subdir, added=time.time())

    def add(self, source: Source) -> None:
        self.items.append(source)
        self.save()

    def update(self, source: Source, **changes: object) -> Source:
        new = replace(source, **changes)  # type: ignore[arg-type]
        self.items = [new if s.name == source.name else s for s in self.items]
        self.save()
        return new

    def remove(self, name: str) -> Source:
        """Forget the source and delete its clone (never the user's state)."""
        source = self.get(name)
        if source.kind == GIT:
            import shutil  # only here: every command reads the sources, few remove one

            shutil.rmtree(self.clone_of(source), ignore_errors=True)
        self.items = [s for s in self.items if s.name != name]
        self.save()
        return source
