"""Find the posts of a library folder: stat calls only, nothing is read."""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

POST_SUFFIXES = (".md", ".markdown")
_SKIP_DIRS = {"node_modules", "__pycache__"}


@dataclass(frozen=True)
class FileStat:
    path: str  # relative to the library root, "/" separators
    mtime_ns: int
    size: int


def _walk(root: str, prefix: str) -> Iterator[FileStat]:
    try:
        entries = list(os.scandir(root))
    except OSError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue  # .git, .obsidian, editor swap files
        try:
            if entry.is_dir(follow_symlinks=False):
                if name not in _SKIP_DIRS:
                    yield from _walk(entry.path, prefix + name + "/")
            elif name.lower().endswith(POST_SUFFIXES) and entry.is_file():
                info = entry.stat()
                yield FileStat(prefix + name, info.st_mtime_ns, info.st_size)
        except OSError:
            continue  # vanished or unreadable while we looked: the next scan sees it


def scan(root: Path) -> dict[str, FileStat]:
    return {stat.path: stat for stat in _walk(str(root), "")}
