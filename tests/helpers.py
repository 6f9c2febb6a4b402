"""Builders for small synthetic posts in the digest format, written for these tests."""

from __future__ import annotations

from pathlib import Path

# The developers' real posts, read in place (never copied into the project).
CORPUS = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "posts"

FRONT = """---
title: {topic}
date: {date}
categories: Paper
tags:
    - {topic}
---

> Generated digest for tests.

# {day} update

"""


def entry(
    title: str = "A Study of Things",
    arxiv: str | None = "2401.00001v1",
    authors: str = "Ada Lovelace, Alan Turing",
    comment: str = "",
    summary_label: str = "**Summary**",
    summary: str = "One line about the paper.",
    takeaways_label: str = "**Key Takeaways**",
    takeaways: tuple[str, ...] = ("- First point.", "- Second point."),
    analysis: str = "1. Title: A study\n\n2. Summary: it works.",
    screenshots: tuple[str, ...] = ("https://img.example/a.jpg",),
) -> str:
    parts = [f"## {title}", "", f"**Authors:{authors}**", "", f"Abstract of {title}.", ""]
    if arxiv:
        parts += [f"[PDF](http://arxiv.org/abs/{arxiv}) {comment}".rstrip(), ""]
    parts += [summary_label, summary, "", takeaways_label, *takeaways, ""]
    parts += ["**[ChatPaperFree](https://huggingface.co/spaces/Kedreamix/ChatPaperFree)**", ""]
    parts += [analysis, ""]
    if screenshots:
        parts += ["<details>", "  <summary>screenshots</summary>"]
        parts += [f'<img src="{url}" align="middle">' for url in screenshots]
        parts += ["</details>", "", ""]
    return "\n".join(parts)


def digest(
    topic: str = "3DGS", date: str = "2024-08-23 18:17:11", entries: list[str] | None = None
) -> str:
    text = FRONT.format(topic=topic, date=date, day=date[:10])
    return text + "\n".join(entries if entries is not None else [entry()])


def note_post(
    title: str = "A note", category: str = "Note", date: str = "2024-01-25 17:24:11"
) -> str:
    front = f"---\ntitle: {title}\ndate: {date}\ncategories: {category}\n---\n"
    return front + "\nSome text.\n\n## A heading\n\nMore text.\n"


def write(root: Path, relative: str, text: str | bytes) -> Path:
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(text, str):
        path.write_text(text, encoding="utf-8")
    else:
        path.write_bytes(text)
    return path


def write_digest(root: Path, topic: str, when: str, entries: list[str]) -> Path:
    """A digest post at Paper/<day>/<topic>.md, as the blog lays them out."""
    return write(root, f"Paper/{when[:10]}/{topic}.md", digest(topic, when, entries))


def build_blog(root: Path) -> Path:
    write_digest(
        root,
        "3DGS",
        "2024-08-23 18:00:00",
        [
            entry(title="Alpha Splats", arxiv="2408.00001v1", comment="Accepted to CVPR 2024"),
            entry(title="Beta Fields", arxiv="2408.00002v2", summary="Beta is about fields."),
            entry(title="Gamma Rays", arxiv="2408.00003v1"),
        ],
    )
    write_digest(
        root,
        "3DGS",
        "2024-08-22 18:00:00",
        [
            entry(title="Delta Volumes", arxiv="2408.00004v1", summary="说话人脸生成。"),
        ],
    )
    write_digest(
        root,
        "NeRF",
        "2024-08-23 09:00:00",
        [
            entry(title="Alpha Splats", arxiv="2408.00001v1"),
            entry(title="Epsilon Radiance", arxiv="2408.00005v1"),
        ],
    )
    write(root, "notes/linux.md", note_post("Shell tips", "Linux"))
    return root  # fmt: skip


def write_two_subjects(root: Path, avatars: int, proteins: int) -> Path:
    """A blog of two unrelated subjects, for what is learnt from stars: papers 2408.00001...
    (Gaussian avatars, in an older post) and 2408.00100... (protein folding, in a newer one)."""
    write_digest(
        root,
        "Avatars",
        "2024-08-20 10:00:00",
        [
            entry(title=f"Gaussian splatting head avatar {n}", arxiv=f"2408.{n:05d}v1")
            for n in range(1, avatars + 1)
        ],
    )
    write_digest(
        root,
        "Proteins",
        "2024-08-23 10:00:00",
        [
            entry(title=f"Protein folding kinetics {n}", arxiv=f"2408.{100 + n:05d}v1")
            for n in range(proteins)
        ],
    )
    return root


def run_cli(capsys, *args: str) -> tuple[int, str, str]:
    """The command line, in-process: (exit code, stdout, stderr)."""
    from readerapp.cli import main

    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def listed_ids(out: str | list[str]) -> list[str]:
    """The paper ids of `readerapp papers` output (its text, or its lines), in order."""
    lines = out.splitlines() if isinstance(out, str) else out
    return [line.split()[0] for line in lines]
