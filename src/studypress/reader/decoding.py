"""Bytes → note text: UTF-8 with or without BOM, LF line endings, no control characters.

Kept apart from front matter (YAML) so a build that reads only its notes' bytes, to tell
that nothing changed, imports no parser.
"""

from __future__ import annotations

import re


class DecodeError(Exception):
    """The file is not UTF-8 text; ``line`` is where the first bad byte sits."""

    def __init__(self, message: str, line: int | None = None) -> None:
        super().__init__(message)
        self.line = line


def decode(data: bytes) -> str:
    """UTF-8 (with or without BOM), CRLF or LF → text with LF line endings."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise DecodeError("the file is UTF-16 text; save it as UTF-8 and build again", 1)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise DecodeError(
            f"byte 0x{data[exc.start]:02x} is not UTF-8; save the file as UTF-8 and build again",
            line,
        ) from None
    if "\x00" in text:
        raise DecodeError("the file holds NUL bytes: it is not a text note",
                          text[: text.index("\x00")].count("\n") + 1)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    # Control characters (escape sequences, form feeds) print as nothing and would reach the
    # terminal in diagnostics: they go, tabs and line ends stay.
    return _CONTROL.sub("", text)


_CONTROL = re.compile("[\x01-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
