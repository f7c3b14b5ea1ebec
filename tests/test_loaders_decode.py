"""Decoding and robustness: any supported encoding gives the same document; bad input is refused."""

from __future__ import annotations

import json
import random
import unicodedata
from functools import cache, lru_cache
from pathlib import Path

import pytest

from policykg.errors import InvalidInput, PayloadTooLarge
from policykg.loaders import load_document, read_plan_bytes
from policykg.loaders.decode import decode_bytes
from policykg.loaders.manifest import load_manifest
from policykg.model import Document, Jurisdiction, ManifestEntry
from policykg.resources import corpus_dir

PLANS = ["hohhot", "heyuan", "guangxi", "ningbo", "chongqing"]


@lru_cache(maxsize=1)
def entries() -> dict[str, ManifestEntry]:
    return {e.file: e for e in load_manifest(corpus_dir() / "manifest.yaml")}


def text_of(plan: str) -> str:
    return (corpus_dir() / f"{plan}.txt").read_text(encoding="utf-8")


def load(plan: str, raw: bytes) -> Document:
    return load_document(raw, entries()[f"{plan}.txt"])


def signature(d: Document) -> tuple:
    """Everything the parse produces except the byte-level facts (hash, encoding, and the
    document id, which derives from the hash: unit ids are compared below it)."""
    dumped = d.model_dump(exclude={"sha256", "encoding"})
    return tuple(sorted((k, repr(v).replace(d.id, "<doc>")) for k, v in dumped.items()))


@cache
def baseline(plan: str) -> tuple:
    return signature(load(plan, text_of(plan).encode("utf-8")))


@pytest.mark.parametrize("plan", PLANS)
@pytest.mark.parametrize(
    ("variant", "encode", "encoding"),
    [
        ("gb18030", lambda t: t.encode("gb18030"), "gb18030"),
        ("utf-8 with BOM", lambda t: b"\xef\xbb\xbf" + t.encode("utf-8"), "utf-8-sig"),
        ("CRLF", lambda t: t.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
        ("lone CR", lambda t: t.replace("\n", "\r").encode("utf-8"), "utf-8"),
        ("gb18030 + CRLF", lambda t: t.replace("\n", "\r\n").encode("gb18030"), "gb18030"),
    ],
)
def test_reencoded_corpus_parses_identically(plan, variant, encode, encoding) -> None:
    d = load(plan, encode(text_of(plan)))
    assert d.encoding == encoding, variant
    assert signature(d) == baseline(plan), variant


@pytest.mark.parametrize("plan", PLANS)
def test_big5_parses_like_utf8(plan: str) -> None:
    # Big5 cannot hold simplified characters or pinyin tone marks, so compare the
    # Big5 and UTF-8 bytes of the same representable text.
    text = "".join(c for c in text_of(plan) if c == "\n" or c.encode("big5", errors="ignore"))
    as_big5 = load(plan, text.encode("big5"))
    assert as_big5.encoding == "big5"
    assert signature(as_big5) == signature(load(plan, text.encode("utf-8")))
    assert as_big5.units


def test_big5_chongqing_keeps_its_structure() -> None:
    # A Big5 page cannot carry tone marks: write the pinyin without them (xiàn -> xian),
    # which the loader still recognises as pinyin.
    folded = "".join(
        c
        for c in unicodedata.normalize("NFKD", text_of("chongqing"))
        if not unicodedata.combining(c)
    )
    folded = unicodedata.normalize("NFKC", folded)
    text = "".join(c for c in folded if c == "\n" or c.encode("big5", errors="ignore"))
    d = load("chongqing", text.encode("big5"))
    assert d.title == "共建现代化新重庆知识产权强市实施方案"
    expected = json.loads(
        (Path(__file__).parent / "data" / "chongqing.expected.json").read_text(encoding="utf-8")
    )
    sections = [[u.marker, u.heading] for u in d.units if u.marker and u.depth <= 1]
    # The garbled runs themselves hold characters Big5 lacks (娍, 傮), so only the
    # headings that were never garbled can be compared.
    for section in expected["sections"]:
        if section[1].startswith(
            ("总体要求", "共建任务", "保障措施", "加强区域", "加强培育", "加强先行")
        ):
            assert section in sections


def test_gbk_detected_over_big5() -> None:
    raw = text_of("hohhot").replace("\xa0", " ").encode("gbk")
    assert decode_bytes(raw).encoding == "gb18030"
    assert "呼和浩特市推进知识产权强市建设工作方案" in decode_bytes(raw).text


def test_empty_bytes_refused() -> None:
    with pytest.raises(InvalidInput, match="empty"):
        load("hohhot", b"")


def test_binary_refused() -> None:
    rng = random.Random(7)
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(rng.randrange(256) for _ in range(4000))
    with pytest.raises(InvalidInput, match="binary") as e:
        load("hohhot", png)
    assert "\n" not in e.value.message


def test_undecodable_high_bytes_refused() -> None:
    rng = random.Random(11)
    noise = bytes(rng.randrange(0x80, 0x100) for _ in range(4000))
    with pytest.raises(InvalidInput, match="not text in a supported encoding"):
        load("hohhot", noise)


def test_truncated_utf8_decodes_with_warning() -> None:
    raw = text_of("hohhot").encode("utf-8")
    cut = raw.index("保障措施".encode()) + 4  # inside the second character
    d = load("hohhot", raw[:cut])
    assert d.encoding == "utf-8"
    assert any("truncated UTF-8" in w for w in d.warnings)
    assert d.units[-1].heading == "保"


def test_corrupt_byte_in_utf8_stays_utf8() -> None:
    raw = text_of("guangxi").encode("utf-8")
    pos = raw.index("完善法规制度".encode())
    d = load("guangxi", raw[:pos] + b"\xff" + raw[pos:])
    assert d.encoding == "utf-8"
    assert any("U+FFFD" in w for w in d.warnings)
    assert d.title == "广西落实《知识产权强国建设纲要（2021—2035年）》实施方案"


def test_text_without_structure_is_one_unit(tmp_path: Path) -> None:
    entry = ManifestEntry(
        file="note.txt",
        jurisdiction=Jurisdiction(id="somecity", name="某市", level="prefecture_city"),
    )
    raw = "关于做好知识产权工作的一些想法\n各单位要加强保护，提升服务水平。\n".encode()
    d = load_document(raw, entry)
    assert len(d.units) == 1
    (u,) = d.units
    assert u.kind == "other" and u.parent_id is None
    assert "提升服务水平" in u.text
    assert any("no recognisable heading structure" in w for w in d.warnings)


def test_read_plan_bytes_refuses_large_file_by_size(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as f:
        f.truncate(20 * 1024 * 1024 + 1)  # sparse: nothing is written
    with pytest.raises(PayloadTooLarge) as e:
        read_plan_bytes(big)
    assert e.value.detail == {"size": 20 * 1024 * 1024 + 1, "max_bytes": 20 * 1024 * 1024}


def test_read_plan_bytes_limits(tmp_path: Path) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    with pytest.raises(InvalidInput, match="empty"):
        read_plan_bytes(empty)
    with pytest.raises(InvalidInput, match="not found"):
        read_plan_bytes(tmp_path / "missing.txt")
    small = tmp_path / "small.txt"
    small.write_bytes("一、总则\n".encode() * 10)
    assert read_plan_bytes(small, max_bytes=1000) == small.read_bytes()
    with pytest.raises(PayloadTooLarge):
        read_plan_bytes(small, max_bytes=50)


def test_load_document_refuses_oversized_bytes() -> None:
    with pytest.raises(PayloadTooLarge):
        load_document(text_of("ningbo").encode(), entries()["ningbo.txt"], max_bytes=1000)


def test_utf16_with_bom() -> None:
    text = text_of("guangxi")
    d = load("guangxi", b"\xff\xfe" + text.encode("utf-16-le"))
    assert d.encoding == "utf-16-le"
    assert signature(d) == baseline("guangxi")
