"""A large synthetic library: the real corpus copied N times with shifted arXiv ids and dates."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from pathlib import Path

_ARXIV = re.compile(r"arxiv\.org/abs/(\d{4}\.\d{4,5})(v\d+)?")
_DATE = re.compile(r"^date:\s*(.+)$", re.MULTILINE)
_PATH_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


class _IdShifter:
    """Gives every (copy, original id) pair its own id; repeats within a copy stay repeats."""

    def __init__(self) -> None:
        self.ids: dict[tuple[int, str], str] = {}

    def __call__(self, copy: int, original: str) -> str:
        key = (copy, original)
        if key not in self.ids:
            n = len(self.ids)
            month = n // 90000
            self.ids[key] = f"{10 + month // 12:02d}{1 + month % 12:02d}.{10000 + n % 90000:05d}"
        return self.ids[key]


def _shift_date(text: str, days: int) -> str:
    def repl(match: re.Match[str]) -> str:
        value = match.group(1).strip()
        for fmt in ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d"):
            try:
                moment = datetime.strptime(value, fmt) + timedelta(days=days)
            except ValueError:
                continue
            return f"date: {moment:%Y-%m-%d %H:%M:%S}"
        return match.group(0)

    return _DATE.sub(repl, text, count=1)


def build(corpus: Path, target: Path, copies: int) -> int:
    """Write `copies` shifted copies of the corpus under `target`; return the number of posts."""
    shifter = _IdShifter()
    sources = sorted(corpus.rglob("*.md"))
    texts = {path: path.read_text(encoding="utf-8") for path in sources}
    count = 0
    for copy in range(copies):
        for path, text in texts.items():
            shifted = _ARXIV.sub(
                lambda m, c=copy: f"arxiv.org/abs/{shifter(c, m.group(1))}{m.group(2) or ''}",
                text,
            )
            shifted = _shift_date(shifted, copy)
            relative = path.relative_to(corpus).as_posix()
            relative = _PATH_DAY.sub(lambda m, c=copy: f"{m.group(0)}-c{c:03d}", relative)
            out = target / f"copy{copy:03d}" / relative
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_text(shifted, encoding="utf-8")
            count += 1
    return count
