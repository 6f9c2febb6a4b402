"""A post's bytes as text: control characters are looked for in the bytes first (decoding.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from readerapp.digest.decoding import decode
from readerapp.digest.text import remove_control

# Text with every control character, CR line ends, CJK and bytes that are not UTF-8.
_PIECES = st.sampled_from(
    [
        *(b"a", b" ", b"\n", b"\r", b"\r\n", b"\t"),
        *(b"\x00", b"\x0b", b"\x0c", b"\x1b", b"\x1f", b"\x7f"),
        *("高斯".encode(), b"\xff", b"\xe9", b"\xef\xbb\xbf"),
    ]
)


@given(st.lists(_PIECES, max_size=30))
def test_decoded_text_is_the_text_with_every_control_character_removed(pieces: list[bytes]) -> None:
    data = b"".join(pieces)
    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    text = body.decode("utf-8", errors="replace").replace("\r\n", "\n").replace("\r", "\n")
    decoded = decode(data)
    assert decoded.text == remove_control(text)
    removed = any(
        line.endswith("control characters (such as NUL) removed") for _, line in decoded.warnings
    )
    assert removed == (remove_control(text) != text)
