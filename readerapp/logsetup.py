"""Where log messages go: a rotating file in the data folder, so what went wrong in a background
job or a damaged file can be looked at afterwards (stderr stays for messages to the user).

`logging` itself takes 13 ms to import, a fifth of a warm command's budget, and most commands
log nothing: modules take their logger from `get_logger`, which loads logging (and applies the
setup) at the first message."""

from __future__ import annotations

from pathlib import Path

from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    import logging
    from typing import Any

FILE_NAME = "readerapp.log"
_pending: tuple[Path, str] | None = None


class _Logger:
    """Stands for `logging.getLogger(name)` until it is first used."""

    __slots__ = ("_name",)

    def __init__(self, name: str) -> None:
        self._name = name

    def __getattr__(self, attribute: str) -> Any:
        import logging

        _apply_pending()
        return getattr(logging.getLogger(self._name), attribute)


def get_logger(name: str) -> logging.Logger:
    return _Logger(name)  # type: ignore[return-value]  # it stands for one


def _apply_pending() -> None:
    global _pending
    if _pending is not None:
        log_dir, level = _pending
        _pending = None
        setup(log_dir, level)


def setup(log_dir: Path, level: str = "info", *, lazily: bool = False) -> Path | None:
    """Log the `readerapp` loggers to `log_dir/readerapp.log`. Returns the file (None when its
    folder cannot be made: then nothing is logged). `lazily`: at the first message."""
    global _pending
    if lazily:
        _pending = (log_dir, level)
        return log_dir / FILE_NAME
    _pending = None
    from readerapp.logfile import install

    return install(log_dir / FILE_NAME, level)
