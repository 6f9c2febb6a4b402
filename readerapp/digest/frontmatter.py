"""Decode a post's bytes and split off its YAML front matter, leniently."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import yaml
from frontmatter.default_handlers import YAMLHandler

_BOUNDARY = re.compile(r"^-{3,}\s*$")
_LOOSE_DATE = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?"
)
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _FastYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler with libyaml's loader when it is there (10x faster)."""

    def load(self, fm: str, **kwargs: object) -> Any:
        return yaml.load(fm, Loader=_Loader)


_HANDLER = _FastYAMLHandler()


@dataclass
class Decoded:
    text: str
    warnings: list[tuple[int, str]] = field(default_factory=list)  # (line, message)


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def decode(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM); invalid bytes become U+FFFD and are reported once."""
    warnings: list[tuple[int, str]] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        warnings.append((line, f"invalid UTF-8 byte 0x{data[error.start]:02x}; replaced with �"))
        text = data.decode("utf-8", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return Decoded(text, warnings)


@dataclass
class FrontMatter:
    meta: dict[str, Any]
    body_lines: list[str]
    body_start: int  # 1-based line number of the first body line
    error: tuple[int, str] | None = None  # broken YAML: (line, message)
    missing: bool = False


def split(lines: list[str]) -> FrontMatter:
    """Find `---` ... `---` after optional blank lines; parse the YAML between."""
    first = 0
    while first < len(lines) and not lines[first].strip():
        first += 1
    if first >= len(lines) or not _BOUNDARY.match(lines[first]):
        return FrontMatter({}, lines, 1, missing=True)
    end = next((i for i in range(first + 1, len(lines)) if _BOUNDARY.match(lines[i])), None)
    if end is None:
        return FrontMatter({}, lines, 1, error=(first + 1, "front matter is not closed by '---'"))
    source = "\n".join(lines[first + 1 : end])
    body = lines[end + 1 :]
    try:
        meta = _HANDLER.load(source) if source.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = first + 2 + (mark.line if mark else 0)
        reason = getattr(error, "problem", None) or str(error).splitlines()[0]
        return FrontMatter({}, body, end + 2, error=(line, f"broken YAML front matter: {reason}"))
    if not isinstance(meta, dict):
        return FrontMatter({}, body, end + 2, error=(first + 2, "front matter is not a mapping"))
    return FrontMatter(meta, body, end + 2)


def as_text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return ", ".join(as_text(v) for v in value)
    return str(value).strip()


def as_list(value: Any) -> list[str]:
    """Hexo accepts a string, a list, or a nested list for tags and categories."""
    if value is None:
        return []
    if isinstance(value, list):
        items: list[str] = []
        for item in value:
            items.extend(as_list(item))
        return items
    text = str(value).strip()
    return [text] if text else []


def as_datetime(value: Any) -> datetime | None:
    """YAML dates and datetimes, and loose strings (`2024-01-1 01:01:01`, `2024-03-03 21:20`)."""
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if value is None:
        return None
    return parse_loose_date(str(value))


def parse_loose_date(text: str) -> datetime | None:
    match = _LOOSE_DATE.search(text)
    if not match:
        return None
    parts = [int(p) if p else 0 for p in match.groups()]
    try:
        return datetime(*parts)
    except ValueError:
        return None
