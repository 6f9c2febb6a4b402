"""The viewer's stylesheet, within the CSS subset QTextDocument understands."""

from __future__ import annotations

from dataclasses import dataclass


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


def stylesheet(theme: str, base_size: int = 15) -> str:
    p = palette(theme)
    small = max(base_size - 2, 9)
    return f"""
body {{ color: {p.text}; background-color: {p.background}; font-family: {FONT_STACK};
        font-size: {base_size}px; }}
p, li {{ line-height: 145%; }}
h1 {{ font-size: {base_size + 9}px; font-weight: 600; margin-top: 4px; margin-bottom: 6px; }}
h2 {{ font-size: {base_size + 3}px; font-weight: 600; color: {p.accent}; margin-top: 22px;
      margin-bottom: 6px; }}
h3, h4 {{ font-size: {base_size + 1}px; font-weight: 600; margin-top: 14px; }}
a {{ color: {p.link}; text-decoration: none; }}
.crumbs {{ color: {p.muted}; font-size: {small}px; margin-bottom: 2px; }}
.authors {{ color: {p.text}; margin-top: 0px; }}
.meta {{ color: {p.muted}; font-size: {small}px; }}
.comment {{ color: {p.muted}; font-style: italic; }}
.star {{ color: {p.star}; }}
.summary {{ font-size: {base_size + 1}px; }}
.unread {{ font-weight: 600; }}
.muted {{ color: {p.muted}; }}
.caption {{ color: {p.muted}; font-size: {small}px; margin-top: 2px; margin-bottom: 18px; }}
p.shot {{ line-height: 100%; margin-bottom: 0px; }}
table.placeholder {{ background-color: {p.panel}; border-color: {p.border}; }}
table.placeholder td {{ color: {p.muted}; padding: 14px; }}
pre, code {{ font-family: 'DejaVu Sans Mono', 'Noto Sans Mono', monospace;
             font-size: {small}px; }}
pre {{ background-color: {p.panel}; }}
blockquote {{ color: {p.muted}; }}
table.data td, table.data th {{ border-color: {p.border}; padding: 4px; }}
"""
