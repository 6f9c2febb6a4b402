"""Audit of the parser on real posts (issue 18): every entry of the corpus (or the folder given)
is parsed and each field is checked against what a careful reader would see; suspicious
fields are listed by kind. Run: `.venv/bin/python tests/benchmarks/bench_parser_audit.py
[POSTS_DIR]`.

The checks: an empty field the post seems to have (no authors, no summary, no takeaways, no
abstract, no arXiv id), a summary still in bold, a takeaway that is a label (`**...**` alone)
or announces the list (ends with a colon), takeaways run together (`1.xxx 2.yyy`)."""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from pathlib import Path

from readerapp.digest import parse_post

DEFAULT = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "posts"


def audit(root: Path) -> tuple[int, dict[str, list[tuple[str, str, str]]]]:
    flagged: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
    entries = 0
    for path in sorted(root.rglob("*.md")):
        result = parse_post(path.read_bytes(), path.relative_to(root).as_posix())
        if result.post is None:
            continue
        for e in result.post.entries:
            entries += 1
            where = (path.relative_to(root).as_posix(), e.title[:50])

            def flag(kind: str, detail: str = "") -> None:
                flagged[kind].append((*where, detail[:80]))  # noqa: B023 (used at once)

            for name, value in (("authors", e.authors), ("summary", e.summary),
                                ("takeaways", e.takeaways), ("abstract", e.abstract),
                                ("arXiv id", e.arxiv_id)):  # fmt: skip
                if not value:
                    flag(f"no {name}")
            if e.summary.startswith("**") and e.summary.endswith("**"):
                flag("summary in bold", e.summary)
            for t in e.takeaways:
                if re.fullmatch(r"\*\*[^*]+\*\*", t):
                    flag("takeaway is a label", t)
                if t.rstrip().endswith((":", "：")):
                    flag("takeaway announces the list", t)
                if re.match(r"1[.、]\S", t) and re.search(r"\s2[.、]\S", t):
                    flag("takeaways run together", t)
    return entries, flagged


def main() -> None:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT
    entries, flagged = audit(root)
    suspicious = {(f, t) for items in flagged.values() for f, t, _ in items}
    print(f"{entries} entries in {root}; {len(suspicious)} with a suspicious field")
    for kind, items in sorted(flagged.items()):
        print(f"  {kind}: {len(items)}")
        for path, title, detail in items[:5]:
            print(f"    {path} | {title} | {detail}")


if __name__ == "__main__":
    main()
