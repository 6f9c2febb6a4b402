"""Watch the library folder: after posts are added or edited (a `git pull` of the blog), ask for
a background re-index once things settle."""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from readerapp.library.scanner import POST_SUFFIXES

MAX_FOLDERS = 4000  # inotify watches are limited; beyond this, F5 reloads by hand
MAX_FILES = 3000  # posts watched one by one (in-place edits do not touch their folder)
SETTLE_MS = 1200


def watch_list(root: Path) -> tuple[list[str], list[str]]:
    """(folders, post files) to watch; posts only while there are few enough of them."""
    folders = [str(root)]
    files: list[str] = []
    for current, dirs, names in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d != "node_modules")
        folders += [os.path.join(current, d) for d in dirs]
        files += [os.path.join(current, n) for n in names if n.lower().endswith(POST_SUFFIXES)]
        if len(folders) >= MAX_FOLDERS:
            break
    return folders[:MAX_FOLDERS], (files if len(files) <= MAX_FILES else [])


class LibraryWatcher(QObject):
    changed = Signal()

    def clear(self) -> None:
        for paths in (self._watcher.directories(), self._watcher.files()):
            if paths:
                self._watcher.removePaths(paths)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = QFileSystemWatcher(self)
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self.changed.emit)
        self._watcher.directoryChanged.connect(lambda _path: self._timer.start())
        self._watcher.fileChanged.connect(lambda _path: self._timer.start())

    def watch(self, folders: list[str], files: list[str]) -> None:
        """Watch these folders and posts (listed off the UI thread by the index job)."""
        wanted = set(folders) | set(files)
        current = set(self._watcher.directories()) | set(self._watcher.files())
        gone = sorted(current - wanted)
        if gone:
            self._watcher.removePaths(gone)
        new = sorted(wanted - current)
        if new:
            self._watcher.addPaths(new)
