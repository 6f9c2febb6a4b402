"""An entry's screenshots: the `<details>` blocks of images the digests put in their entries.
Its own module, with its patterns compiled at their first use: a paper's page reads its
analysis again (reread.py) and needs this, not the label rules of the whole entry parser."""

from __future__ import annotations

import functools
import re


@functools.cache
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    # Each stops at the next `<` or `[` instead of scanning to the end of the text, so a run
    # of `<img ` or `![` without an end costs linear time, not quadratic.
    return (
        re.compile(r"""<img\b[^<>]*?\bsrc\s*=\s*["']?([^"'\s<>]+)""", re.IGNORECASE),
        re.compile(r"!\[[^\[\]]*\]\(\s*<?([^)\s<>]+)"),
    )


def image_urls(text: str) -> list[str]:
    """The images of an HTML or Markdown text, in the order they appear."""
    img_tag, md_image = _patterns()
    found = [(m.start(), m.group(1)) for m in img_tag.finditer(text)]
    found += [(m.start(), m.group(1)) for m in md_image.finditer(text)]
    return [url for _, url in sorted(found)]


class Split:
    """Lines of an entry with their screenshot blocks taken out."""

    def __init__(self) -> None:
        self.text: list[str] = []  # the lines left
        self.urls: list[str] = []  # the screenshots, in order
        self.unclosed = False  # a block runs to the end without `</details>`
        self.removed: list[tuple[int, int]] = []  # (first, last) line of each block taken out

    def line_of(self, kept: int) -> int:
        """Where text line `kept` (or the end, for len(text)) is among the lines given."""
        line = kept
        for first, last in self.removed:
            if first > line:
                break
            line += last - first + 1
        return line


def split_screenshots(lines: list[str]) -> Split:
    """Take the `<details>` blocks that hold images out of the lines (a block without one stays,
    it is text)."""
    split = Split()
    copied = 0  # lines before this one are in `text` or in a block
    # The lines that open a block, found first: the loop below then runs once per block, not
    # once per line of the (long) analysis.
    opening = [i for i, line in enumerate(lines) if "<" in line and "<details" in line.lower()]
    for start in opening:
        if start < copied:
            continue  # inside the block just taken
        end = start
        while end < len(lines) and "</details>" not in lines[end].lower():
            end += 1
        split.unclosed = end >= len(lines)
        block = lines[start : end + 1]
        split.text.extend(lines[copied:start])
        found = image_urls("\n".join(block))
        if found:
            split.urls.extend(found)
            split.removed.append((start, min(end, len(lines) - 1)))
        else:
            split.text.extend(block)
        copied = end + 1
    split.text.extend(lines[copied:])
    return split
