"""Small immutable values that the parser, the index and every command share: a problem found
in a post, a link of an entry. NamedTuples, not dataclasses: every command defines them, and a
dataclass costs a millisecond to define (plus 12 ms to import `dataclasses`)."""

from readerapp.lighttyping import NamedTuple


class Problem(NamedTuple):
    """Something wrong with a post: reported to the user, never raised."""

    path: str
    line: int
    message: str
    severity: str = "warning"  # "warning": post loaded; "error": post skipped

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.severity}: {self.message}"


class Link(NamedTuple):
    url: str
    kind: str  # "project", "code" or "other"
