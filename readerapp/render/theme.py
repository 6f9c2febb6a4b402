"""The viewer's stylesheet, within the CSS subset QTextDocument understands."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from functools import cache
from string import Template

from readerapp.resources import resource


@dataclass(frozen=True)
class Palette:
    text: str
    muted: str
    background: str
    accent: str
    link: str
    panel: str
    border: str
    star: str


LIGHT = Palette(
    text="#1f2328",
    muted="#59636e",
    background="#ffffff",
    accent="#0b5cad",
    link="#0a58ca",
    panel="#f3f5f8",
    border="#d0d7de",
    star="#c98a00",
)
DARK = Palette(
    text="#e6e8eb",
    muted="#9aa4af",
    background="#1b1d21",
    accent="#7cb7ff",
    link="#8ab4f8",
    panel="#262a30",
    border="#3b4048",
    star="#f2c94c",
)
FONT_STACK = (
    "'Noto Sans', 'DejaVu Sans', 'Segoe UI', 'Helvetica Neue', Arial,"
    " 'Noto Sans CJK SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
)


def palette(theme: str) -> Palette:
    return DARK if theme == "dark" else LIGHT


@cache
def _template() -> Template:
    return Template(resource("styles", "viewer.css").read_text(encoding="utf-8"))


def stylesheet(theme: str, base_size: int = 15) -> str:
    """resources/styles/viewer.css with the theme's colours and the zoomed sizes."""
    p = palette(theme)
    return _template().substitute(
        asdict(p),
        fonts=FONT_STACK,
        size=base_size,
        h1=base_size + 9,
        h2=base_size + 3,
        h3=base_size + 1,
        small=max(base_size - 2, 9),
    )
