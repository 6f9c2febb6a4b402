"""Find the posts of a library folder: stat calls only, nothing is read."""

import os
from collections.abc import Iterator
from pathlib import Path

from readerapp.digest.values import Problem
from readerapp.lighttyping import NamedTuple

POST_SUFFIXES = (".md", ".markdown")
_SKIP_DIRS = {"node_modules", "__pycache__"}


class FileStat(NamedTuple):
    path: str  # relative to the library root, "/" separators
    mtime_ns: int
    size: int


class Scan:
    """What a scan found (a plain class: see digest/values.py for why not a dataclass)."""

    def __init__(self) -> None:
        self.files: dict[str, FileStat] = {}
        self.problems: list[Problem] = []
        self.unreadable: list[str] = []  # folder prefixes ("" is the root)

    def hides(self, path: str) -> bool:
        """True when `path` lies in a folder that could not be listed this time."""
        return any(path.startswith(prefix) for prefix in self.unreadable)


def _utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # bytes that are not UTF-8, kept by Python as surrogates
        return False
    return True


def _shown(name: str) -> str:
    return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")


def _walk(root: str, prefix: str, found: Scan) -> Iterator[FileStat]:
    try:
        entries = list(os.scandir(root))
    except OSError as error:
        found.unreadable.append(prefix)
        reason = error.strerror or str(error)
        where = prefix.rstrip("/") or "."
        found.problems.append(
            Problem(where, 0, f"cannot list this folder ({reason}); its posts are kept", "error")
        )
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue  # .git, .obsidian, editor swap files
        try:
            is_dir = entry.is_dir(follow_symlinks=False)
            if not is_dir and not name.lower().endswith(POST_SUFFIXES):
                continue
            if not _utf8(name):
                found.problems.append(
                    Problem(
                        prefix + _shown(name),
                        0,
                        "the name is not valid UTF-8; rename it to have it indexed",
                        "error",
                    )
                )
                continue
            if is_dir:
                if name not in _SKIP_DIRS:
                    yield from _walk(entry.path, prefix + name + "/", found)
            elif entry.is_file():
                info = entry.stat()
                yield FileStat(prefix + name, info.st_mtime_ns, info.st_size)
        except OSError:
            continue  # vanished or unreadable while we looked: the next scan sees it


def scan(folders: list[tuple[str, Path]]) -> Scan:
    """Every post under each (path prefix, folder)."""
    found = Scan()
    for prefix, folder in folders:
        found.files.update((stat.path, stat) for stat in _walk(str(folder), prefix, found))
    return found
