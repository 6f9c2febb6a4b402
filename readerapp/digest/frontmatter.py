"""Split a post's YAML front matter off its text (decoding.py made the text), leniently."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import yaml
from frontmatter.default_handlers import YAMLHandler

from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from typing import Any

_BOUNDARY = re.compile(r"^-{3,}\s*$")
_LOOSE_DATE = re.compile(
    r"(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T]+(\d{1,2}):(\d{1,2})(?::(\d{1,2}))?)?"
)
_BaseLoader: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: 10x faster

# Front matter is a handful of keys. Anything far larger is damage or an attack (a "billion
# laughs" of aliases expands a few lines into gigabytes): bound the text, the depth and the
# number of values, so reading one post is always quick.
MAX_SOURCE = 256 * 1024
MAX_DEPTH = 32
MAX_VALUES = 20_000


class FrontMatterError(ValueError):
    """The front matter cannot be used; the message says why."""


class _Loader(_BaseLoader):
    """Safe YAML where a timestamp that is not a real date (`0000-00-00`, `2024-02-30`) stays
    text instead of raising: the post keeps its other fields and takes its date elsewhere."""

    def construct_yaml_timestamp(self, node: yaml.Node) -> Any:
        try:
            return super().construct_yaml_timestamp(node)
        except (ValueError, OverflowError):
            return self.construct_scalar(node)


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _Loader.construct_yaml_timestamp)


def _plain(value: Any) -> Any:
    """A copy with no shared or cyclic parts, or FrontMatterError when it is too big or deep."""
    budget = [MAX_VALUES]

    def copy(item: Any, depth: int, parents: tuple[int, ...]) -> Any:
        budget[0] -= 1
        if budget[0] < 0:
            raise FrontMatterError("front matter has too many values (aliases expanding?)")
        if depth > MAX_DEPTH:
            raise FrontMatterError(f"front matter is nested more than {MAX_DEPTH} levels deep")
        if isinstance(item, dict | list):
            if id(item) in parents:
                raise FrontMatterError("front matter refers to itself (a YAML alias loop)")
            inside = (*parents, id(item))
            if isinstance(item, dict):
                return {k: copy(v, depth + 1, inside) for k, v in item.items()}
            return [copy(v, depth + 1, inside) for v in item]
        return item

    return copy(value, 0, ())


class _FastYAMLHandler(YAMLHandler):
    """python-frontmatter's YAML handler with our bounded, lenient loader."""

    def load(self, fm: str, **kwargs: object) -> Any:
        if len(fm) > MAX_SOURCE:
            raise FrontMatterError(f"front matter is larger than {MAX_SOURCE // 1024} KB")
        try:
            loaded = yaml.load(fm, Loader=_Loader)
        except RecursionError as error:
            raise FrontMatterError("front matter is nested too deeply") from error
        return _plain(loaded)


_HANDLER = _FastYAMLHandler()


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
    except FrontMatterError as error:
        return FrontMatter({}, body, end + 2, error=(first + 2, str(error)))
    except (yaml.YAMLError, ValueError, TypeError) as error:
        mark = getattr(error, "problem_mark", None)
        line = first + 2 + (mark.line if mark else 0)
        reason = getattr(error, "problem", None) or (str(error).splitlines() or ["?"])[0]
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
    year, month, day, hour, minute, second = (int(p) if p else 0 for p in match.groups())
    try:
        return datetime(year, month, day, hour, minute, second)
    except ValueError:
        return None
