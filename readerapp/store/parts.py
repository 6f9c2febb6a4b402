"""What the StateStore gives its mixins (tags, keys, saved searches): the connection and the
transaction helpers, declared once for the type checker."""

from __future__ import annotations

import sqlite3
from contextlib import AbstractContextManager

from readerapp.lighttyping import TYPE_CHECKING


class StoreParts:
    conn: sqlite3.Connection
    if TYPE_CHECKING:

        def _write(self) -> AbstractContextManager[sqlite3.Connection]: ...
        def _now(self) -> int: ...
        def _next_batch(self, conn: sqlite3.Connection) -> int: ...
