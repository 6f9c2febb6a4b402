"""Which addresses readerapp hands to the system: web pages only. A post is somebody else's
text; a `file:`, `javascript:` or `smb:` link in it must never reach the system opener."""

from __future__ import annotations

from urllib.parse import urlsplit

WEB_SCHEMES = ("http", "https")


def is_web_url(url: str | None) -> bool:
    """An http(s) address with a host, and nothing a browser would read otherwise."""
    if not url or any(ch in url for ch in "\x00\r\n\t"):
        return False
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in WEB_SCHEMES and bool(parts.hostname)


def parse_int(text: str, default: int) -> int:
    """A number from a link's text; `default` when it is not one."""
    try:
        return int(text)
    except ValueError:
        return default
