"""Where log messages go: a rotating file in the data folder, so what went wrong in a background
job or a damaged file can be looked at afterwards (stderr stays for messages to the user)."""

from __future__ import annotations

import logging
from logging.handlers import RotatingFileHandler
from pathlib import Path

LEVELS = ("debug", "info", "warning", "error")
_FORMAT = "%(asctime)s %(process)d %(levelname)s %(name)s: %(message)s"


def setup(log_dir: Path, level: str = "info") -> Path | None:
    """Log the `readerapp` loggers to `log_dir/readerapp.log` (1 MB, 3 old files kept).
    Returns the file, or None when it cannot be written (then nothing is logged)."""
    logger = logging.getLogger("readerapp")
    logger.setLevel(getattr(logging, level.upper(), logging.INFO))
    logger.propagate = False
    for old in list(logger.handlers):
        logger.removeHandler(old)
        old.close()
    path = log_dir / "readerapp.log"
    try:
        log_dir.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = RotatingFileHandler(
            path, maxBytes=2**20, backupCount=3, encoding="utf-8", delay=True
        )
    except OSError:
        logger.addHandler(logging.NullHandler())
        return None
    handler.setFormatter(logging.Formatter(_FORMAT))
    logger.addHandler(handler)
    return path
