"""Paper, post and note pages as HTML for the viewer (QTextBrowser's HTML subset).

Names are loaded on first use (PEP 562): the image cache needs `render.images` without the
Markdown and LaTeX machinery of the pages."""

from __future__ import annotations

from importlib import import_module

from readerapp.lighttyping import TYPE_CHECKING

_WHERE = {
    "ImageInfo": "images",
    "ImageLookup": "images",
    "LocalImages": "images",
    "RenderContext": "page",
    "render_message": "page",
    "render_note_post": "page",
    "render_paper": "page",
    "render_post": "page",
}
__all__ = [
    "ImageInfo",
    "ImageLookup",
    "LocalImages",
    "RenderContext",
    "render_message",
    "render_note_post",
    "render_paper",
    "render_post",
]

if TYPE_CHECKING:
    from typing import Any

    from readerapp.render.images import ImageInfo, ImageLookup, LocalImages
    from readerapp.render.page import (
        RenderContext,
        render_message,
        render_note_post,
        render_paper,
        render_post,
    )


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    return getattr(import_module(f"{__name__}.{_WHERE[name]}"), name)
