"""A post's bytes as text: what the parser reads, and what the viewer reads again (reread.py)."""

from readerapp.digest.text import first_control, remove_control
from readerapp.lighttyping import NamedTuple


class Decoded(NamedTuple):
    text: str
    warnings: list[tuple[int, str]]  # (line, message)


# What text.remove_control removes but CR, which becomes a line end above.
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20), 0x7F])


def looks_binary(data: bytes) -> bool:
    return b"\x00" in data[:8192]


def decode(data: bytes) -> Decoded:
    """UTF-8 (with or without BOM); invalid bytes become U+FFFD and are reported once."""
    warnings: list[tuple[int, str]] = []
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        warnings.append((line, f"invalid UTF-8 byte 0x{data[error.start]:02x}; replaced with �"))
        text = data.decode("utf-8", errors="replace")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Control characters are single bytes in UTF-8 (never inside another character's bytes):
    # looked for in the bytes first, in half the time of the text's regular expression.
    controls = len(data.translate(None, _CONTROL_BYTES)) != len(data)
    if controls and (where := first_control(text)) is not None:
        line = text.count("\n", 0, where) + 1
        warnings.append((line, "control characters (such as NUL) removed"))
        text = remove_control(text)
    return Decoded(text, warnings)
