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
    retry: bool = True  # fetching again may help (False after a 404, an HTML page...)


class ImageLookup(Protocol):
    def __call__(self, url: str, base: Path | None) -> ImageInfo: ...


def is_remote(url: str) -> bool:
    return url.lower().startswith(("http://", "https://", "//"))


def _inside(path: Path, folders: list[Path]) -> bool:
    resolved = path.resolve()
    return any(resolved.is_relative_to(folder.resolve()) for folder in folders)


def local_file(url: str, base: Path | None, root: Path | None = None) -> Path | None:
    """An image next to the post: a path relative to the post's folder, or `/x.png` relative
    to the library root (Hexo's site-relative form). Never an absolute path, a `file:` URL or
    `../` out of those folders: a post must not make the viewer read other files."""
    if is_remote(url) or url.startswith("data:"):
        return None
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    raw = unquote(parts.path)
    if not raw or "\x00" in raw:
        return None
    allowed = [folder for folder in (base, root) if folder is not None]
    if raw.startswith("/"):
        candidate = root / raw.lstrip("/") if root is not None else None
    else:
        candidate = base / raw if base is not None else None
    if candidate is None or not _inside(candidate, allowed):
        return None
    return candidate if candidate.is_file() else None


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
