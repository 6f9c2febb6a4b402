"""Export all state as versioned JSON; import it back by merging (the newer change wins)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from datetime import UTC, datetime

from readerapp.lighttyping import TYPE_CHECKING
from readerapp.store.keys import key_rows
from readerapp.store.searches import SearchError, check_action, check_name, search_rows
from readerapp.store.store import FIELDS, PaperState, StateStore, iso, to_micros
from readerapp.store.tags import TagError, clean, tag_rows

if TYPE_CHECKING:
    from typing import Any

FORMAT = "readerapp-state"
VERSION = 3  # 2: tags; 3: pinned citation keys, saved searches (older files import as before)


class StateFileError(ValueError):
    """A malformed state file; the message says where and why."""


def export_state(store: StateStore) -> dict[str, Any]:
    tags: dict[str, list[dict[str, Any]]] = {}
    for paper_id, _key, name, present, at in tag_rows(store.conn):
        tags.setdefault(paper_id, []).append(
            {"name": name, "present": bool(present), "at": iso(at)}
        )
    states = store.all_states()
    pins = key_rows(store.conn)
    papers = []
    for paper_id in sorted(set(states) | set(tags) | set(pins)):
        state = states.get(paper_id, PaperState())
        papers.append(
            {
                "id": paper_id,
                "read": state.read,
                "read_at": iso(state.read_at),
                "starred": state.starred,
                "starred_at": iso(state.starred_at),
                "note": state.note,
                "note_at": iso(state.note_at),
                "tags": tags.get(paper_id, []),
            }
        )
        if paper_id in pins:
            key, at = pins[paper_id]
            papers[-1]["citation_key"] = {"key": key, "at": iso(at)}
    searches = [
        {"name": n, "query": q, "action": a, "present": p, "at": iso(at)}
        for n, q, a, p, at in search_rows(store.conn)
    ]
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(to_micros(store.clock())),
        "papers": papers,
        "saved_searches": searches,
    }


def _parse_time(value: Any, where: str) -> int | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise StateFileError(f"{where}: a time must be an ISO 8601 string or null")
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError as error:
        raise StateFileError(f"{where}: not an ISO 8601 time: {value!r}") from error
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return to_micros(moment.timestamp())


def _tags(paper: dict[str, Any], where: str) -> list[tuple[str, str, bool, int]]:
    found = paper.get("tags", [])
    if not isinstance(found, list):
        raise StateFileError(f"{where}: 'tags' must be a list")
    rows = []
    for number, tag in enumerate(found):
        place = f"{where}.tags[{number}]"
        if not isinstance(tag, dict) or not isinstance(tag.get("name"), str):
            raise StateFileError(f"{place}: must be an object with a 'name' string")
        try:
            name = clean(tag["name"])
        except TagError as error:
            raise StateFileError(f"{place}: {error}") from error
        present = tag.get("present", True)
        if not isinstance(present, bool):
            raise StateFileError(f"{place}: 'present' must be true or false")
        at = _parse_time(tag.get("at"), f"{place}.at")
        if at is None:
            raise StateFileError(f"{place}: 'at' (when it was set) is needed")
        rows.append((paper["id"], name, present, at))
    return rows


@dataclass
class _Parsed:
    rows: list[tuple[str, str, object, int]] = dataclasses.field(default_factory=list)
    tags: list[tuple[str, str, bool, int]] = dataclasses.field(default_factory=list)
    keys: list[tuple[str, str, int]] = dataclasses.field(default_factory=list)
    searches: list[tuple[str, str, str, bool, int]] = dataclasses.field(default_factory=list)


def _key(paper: dict[str, Any], where: str) -> list[tuple[str, str, int]]:
    pin = paper.get("citation_key")
    if pin is None:
        return []
    if not isinstance(pin, dict) or not isinstance(pin.get("key"), str) or not pin["key"]:
        raise StateFileError(f"{where}.citation_key: must be an object with a 'key' string")
    at = _parse_time(pin.get("at"), f"{where}.citation_key.at")
    return [(paper["id"], pin["key"], at or 0)]


def _searches(data: dict[str, Any]) -> list[tuple[str, str, str, bool, int]]:
    found = data.get("saved_searches", [])
    if not isinstance(found, list):
        raise StateFileError("'saved_searches' must be a list")
    rows = []
    for number, search in enumerate(found):
        where = f"saved_searches[{number}]"
        if not isinstance(search, dict) or not isinstance(search.get("query"), str):
            raise StateFileError(f"{where}: must be an object with 'name' and 'query' strings")
        try:
            name = check_name(str(search.get("name", "")))
            action = check_action(str(search.get("action", "")))
        except SearchError as error:
            raise StateFileError(f"{where}: {error}") from error
        at = _parse_time(search.get("at"), f"{where}.at")
        if at is None:
            raise StateFileError(f"{where}: 'at' (when it was saved) is needed")
        rows.append((name, search["query"], action, bool(search.get("present", True)), at))
    return rows


def _rows(data: Any) -> _Parsed:
    """Validate the whole document before anything is written (all-or-nothing)."""
    if not isinstance(data, dict):
        raise StateFileError("not a readerapp state export (expected a JSON object)")
    if data.get("format") != FORMAT:
        raise StateFileError(f"not a readerapp state export (format is {data.get('format')!r})")
    version = data.get("version")
    if not isinstance(version, int) or version < 1:
        raise StateFileError(f"bad version {version!r}")
    if version > VERSION:
        raise StateFileError(f"written by a newer readerapp (version {version}); upgrade first")
    papers = data.get("papers")
    if not isinstance(papers, list):
        raise StateFileError("'papers' must be a list")
    parsed = _Parsed(searches=_searches(data))
    rows, tags = parsed.rows, parsed.tags
    for number, paper in enumerate(papers):
        where = f"papers[{number}]"
        if not isinstance(paper, dict):
            raise StateFileError(f"{where}: must be an object")
        paper_id = paper.get("id")
        if not isinstance(paper_id, str) or not paper_id.strip():
            raise StateFileError(f"{where}: 'id' must be a non-empty string")
        for field in FIELDS:
            value = paper.get(field, "" if field == "note" else False)
            expected = str if field == "note" else bool
            if not isinstance(value, expected):
                raise StateFileError(
                    f"{where} ({paper_id}): '{field}' must be a {expected.__name__}"
                )
            changed_at = _parse_time(paper.get(f"{field}_at"), f"{where} ({paper_id}).{field}_at")
            if changed_at is not None:
                rows.append((paper_id, field, int(value) if field != "note" else value, changed_at))
        tags += _tags(paper, f"{where} ({paper_id})")
        parsed.keys += _key(paper, f"{where} ({paper_id})")
    return parsed


def import_state(store: StateStore, data: Any) -> int:
    """Merge an export into the store; returns how many fields changed. Raises StateFileError
    (and changes nothing) when the document is malformed."""
    parsed = _rows(data)
    return store.merge(parsed.rows, parsed.tags, parsed.keys, parsed.searches)
