"""Interest ranking and similar papers, learned offline from the user's stars (issue 14)."""

from __future__ import annotations

from pathlib import Path

import pytest

from readerapp.library.library import Library
from readerapp.rank import ranking, vectors
from tests.helpers import entry, write_digest, write_two_subjects

TALKING_HEADS = "Talking Head Generation"


@pytest.fixture(scope="module")
def corpus_library(tmp_path_factory: pytest.TempPathFactory) -> Library:
    from tests.helpers import CORPUS

    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/posts is not present")
    library = Library(CORPUS, tmp_path_factory.mktemp("index") / "index.sqlite3")
    library.update()
    return library


def _topics(library: Library) -> dict[str, set[str]]:
    ids = library.paper_ids()
    return {p.id: {o.topic for o in p.posts} for p in library.papers(ids)}


def test_fifteen_stars_of_one_topic_rank_that_topic_first(corpus_library: Library) -> None:
    topics = _topics(corpus_library)
    ids = corpus_library.paper_ids()
    heads = [i for i in ids if topics[i] == {TALKING_HEADS}]
    others = [i for i in ids if TALKING_HEADS not in topics[i]]
    stars, read = set(heads[::4][:15]), set(others[::5][:40])
    assert len(stars) == 15 and len(read) == 40

    interest = ranking.fit(vectors.for_library(corpus_library), stars)
    unread = [i for i in ids if i not in stars and i not in read]
    top = interest.ranked(unread)[:20]
    assert sum(TALKING_HEADS in topics[i] for i in top) >= 14
    assert interest.why(top[0])  # a reason in words
    assert all(term in interest.vectors.terms for term in interest.why(top[0]))


def test_similar_papers_share_a_topic_and_leave_the_paper_out(corpus_library: Library) -> None:
    topics = _topics(corpus_library)
    paper_vectors = vectors.for_library(corpus_library)
    shared = []
    for paper_id in corpus_library.paper_ids()[:120]:
        found = ranking.similar(paper_vectors, paper_id, 10)
        assert paper_id not in [i for i, _ in found]
        assert [s for _, s in found] == sorted((s for _, s in found), reverse=True)
        shared += [bool(topics[paper_id] & topics[i]) for i, _ in found]
    assert sum(shared) / len(shared) >= 0.6  # a random paper shares a topic 19% of the time


def _tiny(tmp_path: Path) -> Library:
    library = Library(write_two_subjects(tmp_path / "blog", 4, 5), tmp_path / "index.sqlite3")
    library.update()
    return library


def test_fewer_than_three_stars_train_nothing(tmp_path: Path) -> None:
    library = _tiny(tmp_path)
    interest = ranking.fit(vectors.for_library(library), {"2408.00001", "2408.00002"})
    assert not interest.trained and interest.stars == 2
    assert interest.why("2408.00003") == []


def test_the_vectors_are_a_cache_rebuilt_when_stale_or_damaged(tmp_path: Path) -> None:
    library = _tiny(tmp_path)
    cache = library.index_path.with_suffix(".vectors.npz")
    first = vectors.for_library(library)
    assert cache.exists() and len(first.ids) == 9
    assert vectors.load(cache) is not None and vectors.load(cache).ids == first.ids

    write_digest(
        library.root, "Later", "2024-08-24 18:00:00", [entry(title="New", arxiv="2408.09999v1")]
    )
    library.update()
    assert "2408.09999" in vectors.for_library(library).ids  # the index changed: rebuilt

    cache.write_bytes(b"PK\x03\x04 not a real archive")
    assert vectors.load(cache) is None
    assert len(vectors.for_library(library).ids) == 10


def test_a_learning_pass_picks_unread_unstarred_papers_like_the_stars(tmp_path: Path) -> None:
    from readerapp.rank.learning import learn

    library = _tiny(tmp_path)
    stars = {"2408.00001", "2408.00002", "2408.00003"}
    learnt = learn(library.root, library.index_path, stars, {"2408.00004"}, picks=3)
    picked = [paper_id for paper_id, _, _ in learnt.picks]
    assert learnt.stars == 3 and len(picked) == 3
    assert not (stars | {"2408.00004"}) & set(picked)
    assert all(0 <= score <= 100 for _, _, score in learnt.picks)
    interest = learnt.interest(vectors.for_library(library))
    assert interest.trained and interest.why("2408.00001")
    untrained = learn(library.root, library.index_path, {"2408.00001"}, set(), picks=3)
    assert untrained.picks == [] and untrained.stars == 1
