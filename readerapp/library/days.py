"""The library by day, newest first (the date-first view): the blog publishes one post per
topic per day, so one day is read in one place; a paper listed in several topics of a day is
one row of that day."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from readerapp.library.tree import Tree, View


@dataclass(frozen=True)
class DayNode:
    day: str  # YYYY-MM-DD
    papers: int  # distinct papers of the day (under the view)
    unread: int


@dataclass(frozen=True)
class DayEntry:
    day: str
    paper_id: str
    title: str
    topic: str
    path: str  # the post it is shown from: its first topic of the day
    index: int


def day_label(day: str, today: date) -> str:
    """`Today`, `Yesterday`, else `Mon 2024-08-23`."""
    try:
        moment = date.fromisoformat(day)
    except ValueError:
        return day or "No date"
    if moment == today:
        return "Today"
    if moment == today - timedelta(days=1):
        return "Yesterday"
    return f"{moment:%a} {day}"


class Days:
    def __init__(self, tree: Tree) -> None:
        self.tree = tree

    def days(self, view: View = View()) -> list[DayNode]:
        condition, params = self.tree.condition(view)
        extra = f" AND {condition}" if condition else ""
        rows = self.tree.safe(
            "SELECT substr(p.date, 1, 10) AS day, count(DISTINCT e.paper_id),"
            " count(DISTINCT e.paper_id) FILTER (WHERE s.read IS NOT 1)"
            " FROM posts p JOIN entries e ON e.post_id = p.id"
            " LEFT JOIN st.paper_state s ON s.paper_id = e.paper_id"
            f" WHERE p.skipped = 0{extra} GROUP BY day ORDER BY day DESC",
            params,
        )
        return [DayNode(*row) for row in rows]

    def entries(self, day: str, view: View = View()) -> list[DayEntry]:
        """The day's papers, by topic then position; each paper once (its first topic)."""
        condition, params = self.tree.condition(view)
        extra = f" AND {condition}" if condition else ""
        rows = self.tree.safe(
            "SELECT e.paper_id, e.title, p.topic, p.path, e.idx"
            " FROM posts p JOIN entries e ON e.post_id = p.id"
            f" WHERE p.skipped = 0 AND p.date >= ? AND p.date < ?{extra}"
            " ORDER BY p.topic_key, p.topic, p.date DESC, p.path, e.idx",
            [day, f"{day}\uffff", *params],
        )
        seen: set[str] = set()
        found: list[DayEntry] = []
        for paper_id, title, topic, path, index in rows:
            if paper_id not in seen:
                seen.add(paper_id)
                found.append(DayEntry(day, paper_id, title, topic, path, index))
        return found
