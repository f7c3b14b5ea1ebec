"""Decode a plan's raw bytes into text, whatever encoding the site served.

Plans arrive as UTF-8 (with or without BOM), GB18030/GBK or Big5. Strict UTF-8
is tried first because CJK text in another encoding is practically never valid
UTF-8. Otherwise GB18030 and Big5 are both tried: nearly any Big5 byte string
also decodes as GB18030 (and often the reverse), so "decodes without error" is
not enough. The candidate whose characters are most often *common* Chinese
characters wins: GB2312 level 1 (the 3755 most used simplified characters) or
Big5 level 1 (the 5401 most used traditional ones). Text read through the wrong
codec is full of rare characters, kana and box-drawing symbols.

A UTF-8 file cut in the middle of a character (a truncated download) decodes
with the partial character dropped and a warning; one with a few corrupt bytes
stays UTF-8 with U+FFFD in their place and a warning; binary input (NUL bytes,
control characters, or undecodable in every candidate) is refused with
:class:`~policykg.errors.InvalidInput`.

UTF-16 is accepted when it starts with its byte-order mark (editors write it);
without one its NUL bytes make it look binary, and it is refused.

Line ends are normalised here: CRLF and lone CR become LF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from policykg.errors import InvalidInput, PayloadTooLarge

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

# A decode whose share of U+FFFD or control characters passes this is not text.
_MAX_BAD_SHARE = 0.02


@dataclass(frozen=True)
class DecodedText:
    """Text decoded from a plan's bytes.

    Attributes:
        text: the text, line ends normalised to LF, BOM removed.
        encoding: the codec that decoded it (``utf-8``, ``utf-8-sig``, ``gb18030``, ``big5``).
        warnings: anything a reader should know (dropped partial character...).
    """

    text: str
    encoding: str
    warnings: list[str] = field(default_factory=list)


def read_plan_bytes(path: Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """Read a plan file, refusing it by its size before reading it whole.

    Args:
        path: the plan file.
        max_bytes: the largest file accepted.

    Returns:
        The raw bytes.

    Raises:
        PayloadTooLarge: the file is larger than ``max_bytes`` (by ``stat``).
        InvalidInput: the file does not exist, is not a regular file, or is empty.
    """
    try:
        size = path.stat().st_size
    except FileNotFoundError as e:
        raise InvalidInput(f"plan file not found: {path}") from e
    if not path.is_file():
        raise InvalidInput(f"not a regular file: {path}")
    if size > max_bytes:
        raise PayloadTooLarge(
            f"plan file {path.name} is {size} bytes, over the {max_bytes}-byte limit",
            detail={"size": size, "max_bytes": max_bytes},
        )
    if size == 0:
        raise InvalidInput(f"plan file {path.name} is empty")
    with path.open("rb") as f:
        # Read at most one byte past the limit: the file may have grown since stat.
        raw = f.read(max_bytes + 1)
    if len(raw) > max_bytes:
        raise PayloadTooLarge(f"plan file {path.name} is over the {max_bytes}-byte limit")
    return raw


def is_common_cjk(ch: str) -> bool:
    """True for GB2312 level-1 or Big5 level-1 hanzi (the everyday characters)."""
    if not ("\u4e00" <= ch <= "\u9fff"):
        return False
    try:
        b = ch.encode("gb2312")
        if 0xB0 <= b[0] <= 0xD7:
            return True
    except UnicodeEncodeError:
        pass
    try:
        b = ch.encode("big5")
        code = b[0] << 8 | b[1]
        return 0xA440 <= code <= 0xC67E
    except UnicodeEncodeError:
        return False


def _bad_chars(text: str) -> int:
    """Replacement characters and C0/C1 controls other than ordinary whitespace."""
    return sum(
        1
        for ch in text
        if ch == "\ufffd" or (ord(ch) < 0x20 and ch not in "\n\r\t\f\v") or 0x7F <= ord(ch) < 0xA0
    )


def _plausibility(text: str) -> float:
    """Share of CJK-range characters that are common ones, minus bad characters."""
    cjk = 0
    common = 0
    for ch in text:
        if "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff" or "\u2e80" <= ch <= "\u33ff":
            cjk += 1
            if is_common_cjk(ch):
                common += 1
    score = common / cjk if cjk else 0.0
    return score - 5.0 * _bad_chars(text) / max(len(text), 1)


def _normalise_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _looks_binary(raw: bytes) -> bool:
    head = raw[:65536]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 0x20 and b not in (9, 10, 12, 13, 11))
    return controls > max(2, len(head) // 200)


def _has_cjk(text: str) -> bool:
    return any("\u4e00" <= c <= "\u9fff" for c in text)


def _decode_mixed(raw: bytes, source: str) -> DecodedText | None:
    """Decode a file stitched from UTF-8 and GBK/Big5 lines, line by line.

    Whole-file detection would read such a file with one codec and silently
    garble the other half (UTF-8 read as GB18030 is valid, rare-character
    mojibake). A genuine GBK or Big5 plan practically never has a line that is
    valid UTF-8 with Chinese in it, so such lines next to lines that are not
    UTF-8 but read as plausible Chinese in a legacy codec mean a mixed file.
    Returns None when the file is not one (corrupt UTF-8 bytes read as GBK are
    implausible text, so a UTF-8 file with a bad byte is left to the caller).
    """
    lines = raw.split(b"\n")
    utf8: list[int] = []
    other: list[int] = []
    for i, line in enumerate(lines):
        if line.isascii():
            continue
        try:
            if _has_cjk(line.decode("utf-8")):
                utf8.append(i)
        except UnicodeDecodeError:
            other.append(i)
    if not utf8 or not other:
        return None
    rest = b"\n".join(lines[i] for i in other)
    score, codec = max(
        (_plausibility(rest.decode(c, errors="replace")), c) for c in ("gb18030", "big5")
    )
    if score < 0.6:  # the non-UTF-8 lines are not Chinese in a legacy codec either
        return None
    legacy = set(other)
    out = [
        line.decode(codec, errors="replace") if i in legacy else line.decode("utf-8", "replace")
        for i, line in enumerate(lines)
    ]
    warning = (
        f"{source}: mixes encodings ({len(utf8)} lines UTF-8, {len(other)} lines {codec}, "
        f"first {codec} line {other[0] + 1}); decoded line by line"
    )
    return DecodedText(_normalise_newlines("\n".join(out)), f"utf-8+{codec}", [warning])


def decode_bytes(raw: bytes, *, source: str = "input") -> DecodedText:
    """Decode a plan's bytes, detecting its encoding.

    Args:
        raw: the bytes as read.
        source: a name for messages (the file name).

    Returns:
        The decoded text with its encoding and any warnings.

    Raises:
        InvalidInput: empty input, binary data, or bytes that no supported
            encoding decodes into plausible text.
    """
    if not raw:
        raise InvalidInput(f"{source} is empty")
    warnings: list[str] = []
    # UTF-16 is not a web encoding for these pages, but a file saved by an editor
    # may carry it; its BOM makes it unambiguous (and its NUL bytes look binary).
    for bom, codec in ((b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if raw.startswith(bom):
            try:
                text = raw[2:].decode(codec)
            except UnicodeDecodeError as e:
                raise InvalidInput(
                    f"{source} has a UTF-16 byte-order mark but is not UTF-16"
                ) from e
            if _bad_chars(text) > _MAX_BAD_SHARE * max(len(text), 1):
                raise InvalidInput(f"{source} is binary data, not a text file")
            return DecodedText(_normalise_newlines(text), codec, warnings)
    if _looks_binary(raw):
        raise InvalidInput(f"{source} is binary data, not a text file")
    if raw.startswith(b"\xef\xbb\xbf"):
        encoding, body = "utf-8-sig", raw[3:]
    else:
        encoding, body = "utf-8", raw
    try:
        return DecodedText(_normalise_newlines(body.decode("utf-8")), encoding, warnings)
    except UnicodeDecodeError as e:
        # A download cut inside the last character: everything before it is valid.
        if e.reason == "unexpected end of data" and e.start >= len(body) - 3:
            text = body[: e.start].decode("utf-8")
            warnings.append(
                f"{source}: truncated UTF-8 at byte {e.start}; "
                "the partial last character was dropped"
            )
            return DecodedText(_normalise_newlines(text), encoding, warnings)
        if encoding == "utf-8-sig":
            raise InvalidInput(
                f"{source} starts with a UTF-8 byte-order mark but is not valid UTF-8 "
                f"(byte {e.start})"
            ) from e
    mixed = _decode_mixed(raw, source)
    if mixed is not None:
        return mixed
    # A UTF-8 file with a few corrupt bytes stays UTF-8 (with U+FFFD where they
    # were); read as GB18030 it would be garbled throughout.
    candidates: list[tuple[float, str, str]] = [
        (_plausibility(t := body.decode("utf-8", errors="replace")), encoding, t)
    ]
    for codec in ("gb18030", "big5"):
        text = raw.decode(codec, errors="replace")
        candidates.append((_plausibility(text), codec, text))
    candidates.sort(key=lambda c: c[0], reverse=True)
    _, codec, text = candidates[0]
    bad = _bad_chars(text)
    if bad > _MAX_BAD_SHARE * max(len(text), 1) or not any("\u4e00" <= c <= "\u9fff" for c in text):
        raise InvalidInput(
            f"{source} is not text in a supported encoding (UTF-8, GB18030/GBK, Big5)"
        )
    if bad:
        warnings.append(f"{source}: {bad} undecodable byte sequence(s) replaced with U+FFFD")
    return DecodedText(_normalise_newlines(text), codec, warnings)
