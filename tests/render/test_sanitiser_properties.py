"""Property test of the sanitiser (issue 18): whatever hostile Markdown and HTML a post holds
(scripts, event handlers, javascript: and file: URLs, CSS url(), forms, meta refresh, frames,
entity-encoded schemes), the viewer's HTML has only allowed tags and attributes and only
web links."""

from __future__ import annotations

from html.parser import HTMLParser

from hypothesis import given
from hypothesis import strategies as st

from readerapp.library.records import Occurrence, PaperRecord
from readerapp.render import RenderContext, render_paper
from readerapp.render.markup import ALLOWED_ATTRIBUTES, ALLOWED_TAGS, markdown_to_html

SCHEMES = [
    "javascript:",
    "JaVaScRiPt:",
    "java\tscript:",
    "&#106;avascript:",
    " javascript:",
    "file:///etc/passwd",
    "FILE://host/x",
    "data:text/html,<script>x</script>",
    "vbscript:",
    "http://ok.example/",
    "https://ok.example/a?b=1",
    "mailto:a@b.c",
    "x.png",
]
HOSTILE = [
    "<script>alert(1)</script>", "<SCRIPT SRC=//evil/x.js></SCRIPT>",
    "<style>*{x:url(javascript:a)}</style>",
    "<iframe src=\"{url}\"></iframe>", "<form action=\"{url}\"><input name=x></form>",
    "<meta http-equiv=\"refresh\" content=\"0;url={url}\">", "<object data=\"{url}\"></object>",
    "<embed src=\"{url}\">", "<base href=\"{url}\">", "<link rel=stylesheet href=\"{url}\">",
    "<svg onload=alert(1)><circle/></svg>", "<math><mi xlink:href=\"{url}\">x</mi></math>",
    "<a href=\"{url}\" onclick=\"alert(1)\">x</a>", "<img src=\"{url}\" onerror=\"alert(1)\">",
    "<p style=\"background:url({url})\">x</p>", "<div style=\"behavior:url(x.htc)\">y</div>",
    "<a href='{url}'>single</a>", "<a href={url}>bare</a>", "[link]({url})", "![img]({url})",
    "<{url}>", "<details open ontoggle=alert(1)>",
    "<table background=\"{url}\"><tr><td>x</td></tr></table>",
    "<img src=x:y onerror=alert(1)//", "<!--<script>-->", "<![CDATA[<script>]]>", "`<script>`",
    "<p>text</p>", "**bold** and _it_", "\n\n", "- item\n", "> quote\n", "<br>", "&lt;script&gt;",
]  # fmt: skip
fragment = st.lists(
    st.tuples(st.sampled_from(HOSTILE), st.sampled_from(SCHEMES)).map(
        lambda p: p[0].replace("{url}", p[1])
    )
    | st.text(max_size=6),
    max_size=12,
).map("".join)

SAFE_SCHEMES = ("http://", "https://", "mailto:")
# What the renderer itself adds after sanitising (tables get the viewer's own look).
OURS = {"table": {"class", "border", "cellspacing"}}


class _Collect(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def tags_of(html: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    parser = _Collect()
    parser.feed(html)
    parser.close()
    return parser.tags


def assert_safe_link(value: str, ours: tuple[str, ...] = ()) -> None:
    lowered = "".join(value.split()).lower()
    scheme = lowered.split(":", 1)[0] if ":" in lowered.split("/", 1)[0] else ""
    assert not scheme or lowered.startswith(SAFE_SCHEMES + ours), value


@given(fragment)
def test_the_sanitised_analysis_has_only_allowed_tags_and_web_links(text: str) -> None:
    html = markdown_to_html(text)
    for tag, attrs in tags_of(html):
        assert tag in ALLOWED_TAGS, (tag, html)
        for name, value in attrs:
            allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | OURS.get(tag, set())
            assert name in allowed, (tag, name, html)
            if name in ("href", "src") and value is not None:
                assert_safe_link(value)


def _paper(analysis: str, title: str) -> PaperRecord:
    return PaperRecord(
        id="2401.00001", title=title, authors=["A <b>B</b>"], arxiv_id="2401.00001",
        arxiv_version=1, pdf_url="http://arxiv.org/abs/2401.00001v1", comment=analysis[:40],
        abstract=analysis[:80], summary=analysis[:60], takeaways=[analysis[:50]],
        analysis=analysis, screenshots=["javascript:alert(1)", "file:///etc/passwd"], links=[],
        posts=[Occurrence(1, "Paper/2024-08-23/3DGS.md", "3DGS", "2024-08-23T18:00:00", 0)],
    )  # fmt: skip


@given(fragment, fragment)
def test_the_whole_page_never_carries_script_or_local_links(analysis: str, title: str) -> None:
    page = render_paper(_paper(analysis, title), None, RenderContext())
    body = page.split("</style>", 1)[-1]  # the page's own stylesheet comes first
    for tag, attrs in tags_of(body):
        assert tag not in ("script", "iframe", "form", "meta", "object", "embed", "base", "style")
        for name, value in attrs:
            assert not name.startswith("on"), (tag, name)
            if name in ("href", "src") and value is not None:
                assert_safe_link(value, ("readerapp:",))  # the viewer's own links (fetch)
