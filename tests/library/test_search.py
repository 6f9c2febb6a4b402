"""Full-text search: English words, prefixes, phrases, authors and Chinese queries."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from readerapp.library.cjk import SEPARATOR, bigram_text, bigrams
from readerapp.library.fold import fold, fold_with_points
from readerapp.library.library import Library
from readerapp.library.query import Query, Term, parse
from tests.helpers import entry, write_digest


def test_cjk_runs_become_bigrams() -> None:
    assert bigram_text("3D高斯溅射 and 高").split() == ["3D", "高斯", "斯溅", "溅射", "and", "高"]


def bigram_texts(texts: list[str]) -> list[str]:
    """Many texts through the array version at once, as the indexer passes them."""
    return bigrams(SEPARATOR.join(texts)).split(SEPARATOR) if texts else []


def test_many_texts_at_once_give_the_same_bigrams() -> None:
    texts = ["3D高斯溅射 and 高", "", "a", "高", "x高y斯z", "\U00020001\U00020002", "说话人。脸"]
    assert bigram_texts(texts) == [bigram_text(t) for t in texts]


# CJK of every range, the characters just outside them, ASCII and other letters.
_CHARS = st.sampled_from(
    list("高斯溅射かカ한\u3400\u4dbf\u9fff\uf900\U00020000\U0002ffff\u33ff\ua000\U00030000 a1.é")
)


@given(st.lists(st.text(_CHARS, max_size=12), max_size=6))
def test_array_bigrams_are_the_character_by_character_ones(texts: list[str]) -> None:
    assert bigram_texts(texts) == [bigram_text(t) for t in texts]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("gaussian", Query((Term("gaussian", prefix=True),), ())),
        ("novel view", Query((Term("novel", prefix=True), Term("view", prefix=True)), ())),
        ('"novel view"', Query((Term("novel view"),), ())),
        ("说话人", Query((Term("说话 话人"),), ())),
        ("高", Query((Term("高", prefix=True),), ())),
        ("author:Nießner", Query((Term("Nießner", "authors", prefix=True),), ())),
        ("-nerf splat", Query((Term("splat", prefix=True),), (Term("nerf", prefix=True),))),
        ("   ", Query((), ())),
        ('"', Query((), ())),
        ("foo:bar", Query((Term("foo bar", prefix=True),), ())),
        ("NeRF-W", Query((Term("NeRF W", prefix=True),), ())),
        ("gauss gauss", Query((Term("gauss", prefix=True),), ())),
    ],
)
def test_parse_query(text: str, expected: Query) -> None:
    assert parse(text) == expected


@pytest.fixture
def library(tmp_path: Path) -> Library:
    root = tmp_path / "blog"
    write_digest(
        root,
        "3DGS",
        "2024-08-23 18:00:00",
        [
            entry(
                title="Subsurface Scattering for 3D Gaussian Splatting",
                arxiv="2408.12282v1",
                authors="Jan-Niklas Dihlmann, Matthias Nießner",
                summary="散射材料的三维重建与重照提出了挑战。",
                takeaways=("- 3D高斯光斑技术能够以实时速度实现高质量的新视图合成。",),
            ),
            entry(
                title="Novel View Synthesis in the Wild",
                arxiv="2408.11697v1",
                authors="Paul Ungermann",
                summary="We synthesise novel views of scenes.",
                analysis="说话人脸生成的分析。",
            ),
            entry(
                title="A Survey of Everything",
                arxiv="2408.00003v1",
                authors="Someone Else",
                summary="Gaussian mentioned once in the summary only.",
            ),
        ],
    )
    lib = Library(root, tmp_path / "index.sqlite3")
    lib.update()
    return lib


def test_english_word_prefix_and_stem(library: Library) -> None:
    assert set(library.search("gaussian")) == {"2408.12282", "2408.00003"}
    assert library.search("splat") == ["2408.12282"]  # prefix of "Splatting"
    assert library.search("synthesis") == ["2408.11697"]


def test_title_matches_rank_above_summary_matches(library: Library) -> None:
    assert library.search("gaussian") == ["2408.12282", "2408.00003"]


def test_a_match_in_what_is_read_first_ranks_above_one_only_in_the_analysis(
    tmp_path: Path,
) -> None:
    """A short analysis that repeats the phrase would outscore, by relevance alone, a long
    summary that has it once, and the phrase in six more summaries makes it commoner there."""
    summaries = [f"2408.0001{i}" for i in range(6)]
    write_digest(
        tmp_path / "blog",
        "3DGS",
        "2024-08-23 18:00:00",
        [
            entry(
                title="Deep in the analysis",
                arxiv="2408.00001v1",
                summary="无关。",
                analysis="扩散模型。扩散模型。扩散模型。diffusion diffusion",
            ),
            entry(
                title="Once in a long summary",
                arxiv="2408.00002v1",
                summary="一个扩散模型" + "，以及很多其他的内容" * 20 + "。",
            ),
            entry(title="Diffusion in the title", arxiv="2408.00003v1", summary="无关。"),
            *(entry(title="Filler", arxiv=f"{i}v1", summary="扩散模型的总结。") for i in summaries),
        ],
    )
    lib = Library(tmp_path / "blog", tmp_path / "index.sqlite3")
    lib.update()
    found = lib.search("扩散模型")
    assert found[-1] == "2408.00001" and set(found) == {"2408.00001", "2408.00002", *summaries}
    assert "2408.00001" not in lib.search("扩散模型", limit=7)
    assert lib.search("diffusion") == ["2408.00003", "2408.00001"]
    assert lib.search("diffusion", limit=1) == ["2408.00003"]


def test_phrase(library: Library) -> None:
    assert library.search('"novel view synthesis"') == ["2408.11697"]
    assert library.search('"view novel"') == []


def test_author_names(library: Library) -> None:
    assert library.search("Nießner") == ["2408.12282"]
    assert library.search("author:ungermann") == ["2408.11697"]
    assert library.search("title:ungermann") == []


def test_chinese_two_and_three_characters(library: Library) -> None:
    assert library.search("高斯") == ["2408.12282"]  # inside 3D高斯光斑
    assert library.search("说话人") == ["2408.11697"]  # in the analysis
    assert library.search("重建") == ["2408.12282"]
    assert library.search("高斯光斑技术") == ["2408.12282"]
    assert library.search("斑高") == []


def test_accents_case_and_full_width_forms_match_plain_letters(tmp_path: Path) -> None:
    """The Chinese fields are folded by the app, not by tantivy (fold.py): a name with an
    accent, full-width letters and circled digits in them match as plain letters, both ways."""
    write_digest(
        tmp_path / "blog",
        "3DGS",
        "2024-08-23 18:00:00",
        [
            entry(
                title="Relighting",
                arxiv="2408.00001v1",
                summary="与Nießner团队的工作相比，本文在Ｐｌａｙ３Ｄ上更快。",
                takeaways=("- ① Café 数据集上的结果",),
                analysis="在ÉCOLE的实验中，方法表现良好。",
            ),
            entry(title="Other", arxiv="2408.00002v1", summary="无关的论文。"),
        ],
    )
    lib = Library(tmp_path / "blog", tmp_path / "index.sqlite3")
    lib.update()
    for query in ("niessner", "NIEßNER", "summary:niessner", "play3d", "Ｐｌａｙ", "cafe", "CAFÉ"):
        assert lib.search(query) == ["2408.00001"], query
    assert lib.search("ecole") == ["2408.00001"]  # in the analysis
    assert lib.search('"1 cafe"') == ["2408.00001"]  # ① is a 1, in a phrase too
    assert lib.search("团队") == ["2408.00001"]
    assert lib.search("coffee") == []


def test_fold_keeps_chinese_and_folds_what_has_a_plain_form() -> None:
    assert fold("Matthias NIEẞNER, Ｇａｕｓｓｉａｎ ① ﬁne x² 高斯，溅射") == (
        "matthias niessner, gaussian 1 fine x2 高斯，溅射"
    )


# Every range that folds, with the characters just outside each, CJK, ASCII and case.
_FOLDING = st.sampled_from(
    list("ªµ¾ÀéɏẞỿẀ⁰₟①⓿ﬀﬆ０９ＡＺａｚ©¿ɐ᷿ἀ⁯₠⑟─") + list("﫿﬇／：＠［｀｛高斯 aZ.𠀀")
)


@given(st.text(_FOLDING, max_size=40))
def test_a_batch_is_folded_as_each_character_would_be(text: str) -> None:
    folded, points = fold_with_points(text)  # and the code points handed on to the bigrams
    assert folded == fold(text)
    if points is None:
        assert folded.isascii()
    else:
        assert points.tolist() == [ord(char) for char in folded]
        assert bigrams(folded, points) == bigrams(folded)


def test_mixed_and_negated_queries(library: Library) -> None:
    assert library.search("3D 高斯") == ["2408.12282"]
    assert library.search("gaussian -scattering") == ["2408.00003"]


def test_id_search_and_unranked_matches(library: Library) -> None:
    assert library.search("2408.11697v1") == ["2408.11697"]
    assert library.matching_ids("gaussian") == {"2408.12282", "2408.00003"}
    assert library.matching_ids('"') == set()


def test_top_results_agree_with_the_full_ranking(library: Library) -> None:
    for query in ("gaussian", "novel", "高斯", "Alan"):
        full = library.search(query)
        assert library.search(query, limit=1) == full[:1]
        assert library.search(query, limit=2) == full[:2]
