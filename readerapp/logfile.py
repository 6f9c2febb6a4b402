"""The log file's handler (see logsetup.py): loaded with the first message logged."""

from __future__ import annotations

import logging
from pathlib import Path

_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


class _LazyFileHandler(logging.Handler):
    """A rotating file (1 MB, 3 old files kept) opened at the first message: most commands log
    nothing and should not pay for `logging.handlers` (it imports sockets) or a file."""

    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path
        self.target: logging.Handler | None = None
        self.setFormatter(logging.Formatter(_FORMAT))

    def emit(self, record: logging.LogRecord) -> None:
        if self.target is None:
            from logging.handlers import RotatingFileHandler

            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.target = RotatingFileHandler(
                    self.path, maxBytes=2**20, backupCount=3, encoding="utf-8"
                )
            except OSError:
                self.target = logging.NullHandler()
            self.target.setFormatter(self.formatter)
        self.target.emit(record)

    def flush(self) -> None:
        if self.target is not None:
            self.target.flush()

    def close(self) -> None:
        if self.target is not None:
            self.target.close()
        super().close()


def install(path: Path, level: str) -> Path | None:
    """Send the `readerapp` loggers to `path` (replacing what was there before)."""
    logger = logging.getLogger("readerapp")
    logger.setLevel(getattr(logging, level.upper(), logging.INFO))
    logger.propagate = False
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError:
        logger.addHandler(logging.NullHandler())
        return None
    logger.addHandler(_LazyFileHandler(path))
    return path
