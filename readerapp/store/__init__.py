"""User state per paper: read, starred, notes; durable, migratable, with undo and backups."""

from __future__ import annotations

from readerapp.lighttyping import TYPE_CHECKING
from readerapp.store.store import Change, PaperState, StateStore, StoreError

if TYPE_CHECKING:
    from typing import Any

    from readerapp.store.exchange import StateFileError, export_state, import_state

__all__ = [
    "Change",
    "PaperState",
    "StateFileError",
    "StateStore",
    "StoreError",
    "export_state",
    "import_state",
]
_EXCHANGE = ("StateFileError", "export_state", "import_state")


def __getattr__(name: str) -> Any:
    """The state file's reader and writer load when asked for: every command opens the store,
    one in a hundred exports or imports it (and it defines dataclasses: 15 ms)."""
    if name in _EXCHANGE:
        from readerapp.store import exchange

        return getattr(exchange, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
