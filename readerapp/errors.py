"""The one exception that means "the user can fix this": shown as one line, never a traceback."""

from __future__ import annotations


class UserError(Exception):
    """A mistake the user can fix; shown as one line, never as a traceback."""
