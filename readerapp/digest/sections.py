"""Recognise the labelled parts of an entry: labels, list items and links (screenshots:
screenshots.py)."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from readerapp.digest.values import Link

# `**Summary**`, `**Summary:**`, `**Summary**：text`, `**关键要点：**`, `### 摘要`, `Summary: text`
# `\s*(?:[:：]\s*)?`, never `\s*[:：]?\s*`: two runs of spaces with nothing required between
# them split a long run of spaces every possible way (quadratic time on a line of spaces).
_BOLD_LABEL = re.compile(r"^\s*\*\*\s*([^*\n]{1,40}?)\s*(?:[:：]\s*)?\*\*\s*(?:[:：]\s*)?(.*)$")
_HEADING_LABEL = re.compile(r"^\s*#{2,6}\s*([^#\n]{1,40}?)\s*(?:[:：]\s*)?$")
_PLAIN_LABEL = re.compile(r"^\s*([^\s:：*#][^:：*\n]{0,30}?)\s*[:：]\s*(.*)$")

_TAKEAWAY_WORDS = (
    "takeaway",
    "key point",
    "keypoint",
    "highlight",
    "key finding",
    "key insight",
    "main point",
    "conclusion",
    "要点",
    "结论",
    "见解",
    "主要内容",
    "关键",
    "重点",
    "亮点",
    "要旨",
    "收获",
    "启示",
)
_SUMMARY_WORDS = (
    "summary",
    "tl;dr",
    "tldr",
    "overview",
    "摘要",
    "概述",
    "总结",
    "简介",
    "概要",
    "简述",
    "概括",
    "一句话",
)

# `1.xxx` counts as an item too (a digit after the dot does not: `2.5 times faster`).
_ITEM = re.compile(
    r"^\s*(?:[-*+]\s+|[•·●▪◦►]\s*|\d{1,3}[.)．](?:\s+|(?=[^\d\s]))|\d{1,3}、\s*"
    r"|[（(]\d{1,3}[)）]\s*)(.*)$"
)
_MARKER = re.compile(r"^\s*\*\*\s*\[[^\]]+\]\([^)]*\)\s*\*\*\s*$")
# Braces end a URL too: LaTeX's `\href{url}{text}` comes through in abstracts.
_URL = re.compile(r"https?://[^\s<>(){}\[\]\"'，。；、）（】【]+")
# Chinese punctuation after a URL, percent-encoded into a link's target by the digest's
# writer (`[https://a.io/x。](https://a.io/x%E3%80%82)`): 。，、；：）】！？
_ENCODED_PUNCTUATION = tuple(
    "".join(f"%{byte:02X}" for byte in mark.encode()) for mark in "。，、；：）】！？"
)
_CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "gitee.com", "codeberg.org")
_SKIP_HOSTS = ("arxiv.org", "zhimg.com", "ai.google.dev")
_IMAGE_SUFFIXES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")


def label_kind(text: str) -> str | None:
    """Classify a label's text as "summary" or "takeaways" (None when unknown)."""
    lowered = text.lower()
    if any(word in lowered for word in _TAKEAWAY_WORDS):
        return "takeaways"
    if any(word in lowered for word in _SUMMARY_WORDS):
        return "summary"
    return None


def match_label(line: str) -> tuple[str, str] | None:
    """(label text, text after the label) for a label line, else None."""
    if line.lstrip().startswith("**["):  # a bold link, not a label
        return None
    bold = _BOLD_LABEL.match(line) if line.count("**") >= 2 else None
    match = bold or _HEADING_LABEL.match(line)
    if match:
        rest = match.group(2) if match.re is _BOLD_LABEL else ""
        return match.group(1).strip(), rest.strip()
    match = _PLAIN_LABEL.match(line)
    if match and label_kind(match.group(1)):
        return match.group(1).strip(), match.group(2).strip()
    return None


def is_marker(line: str) -> bool:
    """The bold link alone on a line (`**[ChatPaperFree](...)**`) that opens the analysis."""
    return bool(_MARKER.match(line))


def list_item(line: str) -> str | None:
    match = _ITEM.match(line)
    return match.group(1) if match else None


def host_of(url: str) -> str:
    """The URL's host, lower-cased ("" when it has none or is malformed)."""
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def _trimmed(url: str) -> str:
    """The URL without the punctuation of the sentence it ends."""
    while True:
        url = url.rstrip(".,;:!?*_`")
        upper = url.upper()  # %e3%80%82 is the same 。
        end = next((mark for mark in _ENCODED_PUNCTUATION if upper.endswith(mark)), "")
        if not end:
            return url
        url = url[: -len(end)]


def find_links(texts: list[str], skip: str = "") -> list[Link]:
    """Project pages and code repositories mentioned in the given texts, first seen first."""
    seen: set[str] = set()  # without a trailing `/`: `a.io/x` and `a.io/x/` are one page
    links: list[Link] = []
    for text in texts:
        for match in _URL.finditer(text):
            url = _trimmed(match.group(0))
            host = host_of(url)
            if not host or url.rstrip("/") in seen or (skip and url.startswith(skip)):
                continue
            if any(host == h or host.endswith("." + h) for h in _SKIP_HOSTS):
                continue
            if host == "huggingface.co" and "/spaces/" in url and "chatpaper" in url.lower():
                continue
            if url.lower().rsplit("?", 1)[0].endswith(_IMAGE_SUFFIXES):
                continue  # a picture, not a project page
            seen.add(url.rstrip("/"))
            if any(host == h or host.endswith("." + h) for h in _CODE_HOSTS):
                kind = "code"
            elif host.endswith("huggingface.co"):
                kind = "other"
            else:
                kind = "project"
            links.append(Link(url, kind))
    return links
