"""Where the renderer gets images from: local files only, never the network."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol
from urllib.parse import unquote, urlsplit

from readerapp.images.probe import sniff_file


@dataclass(frozen=True)
class ImageInfo:
    """A screenshot as the viewer can show it: a local file, or the reason there is none."""

    path: Path | None
    width: int | None = None
    height: int | None = None
    reason: str = "not downloaded yet"


class ImageLookup(Protocol):
    def __call__(self, url: str, base: Path | None) -> ImageInfo: ...


def is_remote(url: str) -> bool:
    return url.lower().startswith(("http://", "https://", "//"))


def local_file(url: str, base: Path | None, root: Path | None = None) -> Path | None:
    """A relative path (to the post's folder, or Hexo's `source/` for `/images/x.png`) or a
    file: URL, when the file exists."""
    if is_remote(url) or url.startswith("data:"):
        return None
    parts = urlsplit(url)
    if parts.scheme and parts.scheme != "file":
        return None
    raw = unquote(parts.path)
    candidates: list[Path] = []
    if parts.scheme == "file" or Path(raw).is_absolute():
        candidates.append(Path(raw))
        if root is not None:
            candidates += [root / raw.lstrip("/"), root.parent / raw.lstrip("/")]
    elif base is not None:
        candidates.append(base / raw)
    return next((c for c in candidates if c.is_file()), None)


class LocalImages:
    """Images next to the posts (the sample library, Hexo asset folders); remote ones are
    reported as not downloaded."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root

    def __call__(self, url: str, base: Path | None) -> ImageInfo:
        path = local_file(url, base, self.root)
        if path is None:
            reason = "not downloaded yet" if is_remote(url) else "file not found"
            return ImageInfo(None, reason=reason)
        kind = sniff_file(path)
        if kind is None:
            return ImageInfo(None, reason="not an image")
        return ImageInfo(path, kind.width, kind.height)
