"""Watch rules (issue 17): after an index update, each rule's action on the papers that are new
to the library and match its saved search. The first time, every paper already there counts
as seen: rules act on what arrives later, never on the existing library."""

from __future__ import annotations

from dataclasses import dataclass

from readerapp.lighttyping import TYPE_CHECKING

if TYPE_CHECKING:
    from readerapp.library.library import Library
    from readerapp.store import StateStore


def action_done(action: str) -> str:
    """`starred`, `tagged queue`: what an action does, as a sentence says it."""
    done = {"star": "starred", "read": "marked read", "highlight": "highlighted"}
    return done.get(action, f"tagged {action[4:]}")


@dataclass(frozen=True)
class Applied:
    rule: str
    action: str
    papers: list[str]

    def describe(self) -> str:
        count = len(self.papers)
        papers = f"{count} new paper{'' if count == 1 else 's'}"
        return f"rule {self.rule}: {action_done(self.action)} {papers}"


def matching(library: Library, query: str) -> list[str]:
    """The papers a saved search finds, most relevant first."""
    return library.search(query)


def apply_rules(library: Library, store: StateStore) -> list[Applied]:
    """Apply every rule to the papers not seen before; remember them as seen."""
    ids = library.paper_ids()
    if store.seen_count() == 0:
        store.mark_seen(ids)  # the library as it is when rules first look: nothing is new
        return []
    new = store.unseen(ids)
    if not new:
        return []
    fresh = set(new)
    applied = []
    for rule in store.saved_searches():
        if not rule.action:
            continue
        hits = [paper_id for paper_id in matching(library, rule.query) if paper_id in fresh]
        if hits:
            changed = store.apply_rule(rule, hits)
            if changed:
                applied.append(Applied(rule.name, rule.action, changed))
    store.mark_seen(new)
    return applied
