"""User state per paper: read, starred, notes; durable, migratable, with undo and backups."""

from readerapp.store.exchange import StateFileError, export_state, import_state
from readerapp.store.store import Change, PaperState, StateStore, StoreError

__all__ = [
    "Change",
    "PaperState",
    "StateFileError",
    "StateStore",
    "StoreError",
    "export_state",
    "import_state",
]
