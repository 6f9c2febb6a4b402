"""Export all state as versioned JSON; import it back by merging (the newer change wins)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from readerapp.store.store import FIELDS, PaperState, StateStore, iso, to_micros
from readerapp.store.tags import TagError, clean, tag_rows

FORMAT = "readerapp-state"
VERSION = 2  # 2: tags (a version 1 file has none and imports as before)


class StateFileError(ValueError):
    """A malformed state file; the message says where and why."""


def export_state(store: StateStore) -> dict[str, Any]:
    tags: dict[str, list[dict[str, Any]]] = {}
    for paper_id, _key, name, present, at in tag_rows(store.conn):
        tags.setdefault(paper_id, []).append(
            {"name": name, "present": bool(present), "at": iso(at)}
        )
    states = store.all_states()
    papers = []
    for paper_id in sorted(set(states) | set(tags)):
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
    return {
        "format": FORMAT,
        "version": VERSION,
        "exported_at": iso(to_micros(store.clock())),
        "papers": papers,
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


def _rows(data: Any) -> tuple[list[tuple[str, str, object, int]], list[tuple[str, str, bool, int]]]:
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
    rows: list[tuple[str, str, object, int]] = []
    tags: list[tuple[str, str, bool, int]] = []
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
    return rows, tags


def import_state(store: StateStore, data: Any) -> int:
    """Merge an export into the store; returns how many fields changed. Raises StateFileError
    (and changes nothing) when the document is malformed."""
    rows, tags = _rows(data)
    return store.merge(rows, tags)
