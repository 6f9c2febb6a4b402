"""Top-level nodes of the tree that are not topics of the library: For you (the interest
model's picks), Tags (one list per tag) and Saved searches (one list per search). Each is a
topic of lists ("virtual posts", with negative ids, which the index never uses) of papers that
are listed elsewhere too."""

from __future__ import annotations

from dataclasses import dataclass

from readerapp.store.tags import tag_key

FOR_YOU = "For you"
FOR_YOU_POST = -1  # the id of the For you node's post (real posts count from 1)
TAGS = "Tags"
TAG_PATH = "tag:"  # a tag list's path: how a saved place finds it again
SAVED = "Saved searches"
SAVED_PATH = "saved:"
SAVED_FIRST_ID = -100_000  # the saved searches' lists count down from here (tags: from -2)
SAVED_MAX = 500  # papers listed per saved search (the most relevant)
# The virtual nodes' slots in TreeModel.virtual, in the order the tree shows them.
SLOTS = ("for-you", "tags", "saved")


@dataclass(frozen=True)
class VirtualPost:
    id: int  # negative
    path: str  # unique among the virtual posts
    title: str  # its row in the tree
    papers: tuple[tuple[str, str], ...]  # (paper id, the row's text) as listed


@dataclass(frozen=True)
class VirtualTopic:
    name: str
    posts: tuple[VirtualPost, ...]


def for_you_topic(picks: list[tuple[str, str, float]]) -> VirtualTopic | None:
    """The picks (paper id, title, score), best first, under their scores."""
    if not picks:
        return None
    papers = tuple((paper_id, f"{score:.0f}%  {title}") for paper_id, title, score in picks)
    return VirtualTopic(FOR_YOU, (VirtualPost(FOR_YOU_POST, "", "Best unread papers", papers),))


def tags_topic(tagged: list[tuple[str, list[str]]], titles: dict[str, str]) -> VirtualTopic | None:
    """One list per tag (name, its papers in the order tagged); papers not in the library
    (a tag imported from another machine) are left out."""
    posts: list[VirtualPost] = []
    for name, paper_ids in tagged:
        papers = tuple((i, titles[i]) for i in paper_ids if i in titles)
        if papers:
            path = TAG_PATH + tag_key(name)
            posts.append(VirtualPost(-2 - len(posts), path, name, papers))
    return VirtualTopic(TAGS, tuple(posts)) if posts else None


def saved_topic(found: list[tuple[str, list[str]]], titles: dict[str, str]) -> VirtualTopic | None:
    """One list per saved search (name, the papers it finds, most relevant first)."""
    posts = [
        VirtualPost(
            SAVED_FIRST_ID - number,
            SAVED_PATH + name.casefold(),
            name,
            tuple((i, titles[i]) for i in paper_ids[:SAVED_MAX] if i in titles),
        )
        for number, (name, paper_ids) in enumerate(found)
    ]
    return VirtualTopic(SAVED, tuple(posts)) if posts else None
