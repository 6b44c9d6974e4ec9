"""Text encodings of analysts' files: detecting UTF-8 (with or without BOM), UTF-16 and
Windows-1252/Latin-1 from a file's first bytes, telling text from binary, and converting a file to
UTF-8 in constant memory; a file whose lines mix UTF-8 and Windows-1252 (two exports pasted
together) is refused naming the lines of each kind, or read line by line when chosen
(:data:`MIXED`).
"""
from __future__ import annotations

import codecs
import re
import uuid
from pathlib import Path

from lib.importing.problems import FileProblem

#: Encodings a person can choose; the keys are stored in formats.Settings (the last: :data:`MIXED`).
ENCODINGS = ("utf-8", "utf-16", "cp1252", "latin-1", "utf-8+cp1252")
_CHUNK = 1 << 24


def detect_encoding(head: bytes) -> tuple[str | None, bool]:
    """The text encoding of a file's first bytes and whether it starts with a byte-order mark;
    ``(None, False)`` for binary content.

    Examples
    --------
    >>> detect_encoding("Kunde;Betrag\\n".encode("utf-16"))
    ('utf-16', True)
    >>> detect_encoding(b"\\xef\\xbb\\xbfa,b\\n")
    ('utf-8', True)
    >>> detect_encoding(b"\\x00\\x01\\x02\\x03garbage\\x00\\x00\\xff")
    (None, False)
    """
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) and not head.startswith(codecs.BOM_UTF32_LE):
        return "utf-16", True
    if head.startswith(codecs.BOM_UTF8):
        return ("utf-8", True) if _is_text(_decode(head[3:], "utf-8")) else (None, False)
    if len(head) >= 4:
        even, odd = head[0::2], head[1::2]
        if odd.count(0) > 0.4 * len(odd) and even.count(0) < 0.05 * len(even):
            return ("utf-16-le", False) if _is_text(_decode(head, "utf-16-le")) else (None, False)
        if even.count(0) > 0.4 * len(even) and odd.count(0) < 0.05 * len(odd):
            return ("utf-16-be", False) if _is_text(_decode(head, "utf-16-be")) else (None, False)
    if b"\x00" in head:
        return None, False
    text = _decode(head, "utf-8")
    if text is not None:
        return ("utf-8", False) if _is_text(text) else (None, False)
    # Windows-1252 leaves five bytes undefined; a file using them is Latin-1.
    encoding = "latin-1" if any(b in head for b in (0x81, 0x8D, 0x8F, 0x90, 0x9D)) else "cp1252"
    return (encoding, False) if _is_text(head.decode(encoding)) else (None, False)


def _decode(data: bytes, encoding: str) -> str | None:
    """Decode a sample strictly, tolerating a character cut off at its end."""
    decoder = codecs.getincrementaldecoder(encoding)("strict")
    try:
        return decoder.decode(data, final=False)
    except UnicodeDecodeError:
        return None


def _is_text(text: str | None) -> bool:
    """Text, not binary: control characters (and undecodable bytes) are at most 1 % of it, or
    fewer than eight in all (one stray control character in a small file is a bad cell, which
    :func:`csv_sample` names, not a binary file)."""
    if not text:
        return text is not None
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\r\n\f") + text.count("\ufffd")
    return controls <= 0.01 * len(text) or controls < 8


#: The encoding a person chooses for a file whose lines are partly UTF-8, partly Windows-1252
#: (each line is read in its own encoding); never detected, only chosen after the refusal.
MIXED = "utf-8+cp1252"
#: One valid UTF-8 multi-byte character (two to four bytes): in a Windows-1252 file such pairs
#: ("Ã¼" for "ü") are practically never meant.
_UTF8_CHAR = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_HIGH = re.compile(rb"[\x80-\xff]")
_HIGH_LINE = re.compile(rb"^[^\n]*[\x80-\xff]", re.M)
_SHOWN_LINES = 5


def to_utf8(path: str | Path, encoding: str, workdir: str | Path) -> Path:
    """The file as UTF-8: ``path`` itself when it is UTF-8, else a converted copy in ``workdir``
    (streamed, so a file of any size is converted in constant memory).

    A byte that is not valid in ``encoding`` raises :class:`FileProblem` ``bad_encoding``. A
    Windows-1252 or Latin-1 file in which some lines are UTF-8 (two exports pasted together)
    raises ``mixed_encoding`` naming the lines of each kind, instead of turning "Jürgen" into
    "JÃ¼rgen"; with ``encoding`` :data:`MIXED` each line is read in its own encoding.
    """
    if encoding in ("utf-8", "utf-8-sig"):
        return Path(path)
    target = Path(workdir) / f"{uuid.uuid4().hex}.csv"
    try:
        if encoding in (MIXED, "cp1252", "latin-1"):
            _single_byte_to_utf8(Path(path), target, encoding)
        else:
            decoder = codecs.getincrementaldecoder(_codec(path, encoding))("strict")
            with open(path, "rb") as src, open(target, "wb") as out:
                while chunk := src.read(_CHUNK):
                    out.write(decoder.decode(chunk).encode("utf-8"))
                out.write(decoder.decode(b"", final=True).encode("utf-8"))
    except UnicodeError:  # an invalid byte, or an odd number of bytes in UTF-16
        target.unlink(missing_ok=True)
        raise FileProblem("bad_encoding", encoding=encoding) from None
    except FileProblem:
        target.unlink(missing_ok=True)
        raise
    return target


def _single_byte_to_utf8(path: Path, target: Path, encoding: str) -> None:
    """Convert a Windows-1252 / Latin-1 file line block by line block; a block holding UTF-8
    characters is looked at line by line (see :func:`to_utf8`)."""
    fallback = "cp1252" if encoding == MIXED else encoding
    utf8_lines: list[int] = []
    other_lines: list[int] = []
    counts = [0, 0]
    line_no = 0  # lines before the current block
    rest = b""
    with open(path, "rb") as src, open(target, "wb") as out:
        while True:
            chunk = src.read(_CHUNK)
            data = rest + chunk
            if chunk:
                cut = data.rfind(b"\n") + 1
                block, rest = (data[:cut], data[cut:]) if cut else (b"", data)
            else:
                block, rest = data, b""
            if block:
                if not _UTF8_CHAR.search(block):  # the usual case: one decode per block
                    high = _HIGH.search(block)
                    if high:
                        if len(other_lines) < _SHOWN_LINES:
                            other_lines.extend(line_no + i for i in _high_lines(block)[:_SHOWN_LINES - len(other_lines)])
                        counts[1] += len(_HIGH_LINE.findall(block))
                    out.write(block.decode(fallback).encode("utf-8"))
                else:
                    parts = []
                    for i, line in enumerate(block.splitlines(keepends=True), start=1):
                        if max(line) < 0x80:
                            parts.append(line.decode("ascii"))
                            continue
                        try:
                            decoded = line.decode("utf-8")
                            kind = 0
                        except UnicodeDecodeError:
                            decoded, kind = line.decode(fallback), 1
                        counts[kind] += 1
                        shown = utf8_lines if kind == 0 else other_lines
                        if len(shown) < _SHOWN_LINES:
                            shown.append(line_no + i)
                        parts.append(decoded)
                    out.write("".join(parts).encode("utf-8"))
                line_no += block.count(b"\n")
            if not chunk:
                break
    if counts[0] and counts[1] and encoding != MIXED:
        raise FileProblem("mixed_encoding", utf8_lines=_line_list(utf8_lines, counts[0]),
                          other_lines=_line_list(other_lines, counts[1]),
                          encoding="Windows-1252" if fallback == "cp1252" else "Latin-1")


def _high_lines(block: bytes) -> list[int]:
    """1-based numbers (within ``block``) of the lines holding a byte above 127."""
    out = []
    for i, line in enumerate(block.splitlines(keepends=True), start=1):
        if max(line, default=0) >= 0x80:
            out.append(i)
            if len(out) >= _SHOWN_LINES:
                break
    return out


def _line_list(lines: list[int], total: int) -> str:
    text = ", ".join(str(n) for n in lines)
    return text + (f" … ({total:,})" if total > len(lines) else "")


def _codec(path: str | Path, encoding: str) -> str:
    """Python's codec for ``encoding``: UTF-16 without a byte-order mark is read little-endian
    (as Windows writes it)."""
    if encoding != "utf-16":
        return encoding
    with open(path, "rb") as f:
        start = f.read(2)
    return "utf-16" if start in (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE) else "utf-16-le"
