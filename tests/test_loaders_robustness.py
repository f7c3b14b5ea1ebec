"""The same plan in the encodings and layouts other captures give it reads the same.

Each plan is re-encoded (UTF-8, GB18030, Big5 in traditional script, CRLF) and
re-laid out the way other captures lay it out (blank lines removed, a blank
line between paragraphs, paragraphs indented with full-width spaces, a run-in
title on a line of its own, a bare heading and its paragraph on one line), and
its facts must not change: metadata, headings with their kinds, agencies,
targets, adopted measures. Layouts are varied the way a capture varies them: a
hard-wrapped PDF text keeps its wrapped paragraphs whole (a blank line or an
indent only where a paragraph starts), and has no run-in lines to split.

A sample of plans in the ordinary run (every style once: web page, PDF, Big5,
GBK, a 办法, a news page); every plan of the checkout under ``-m slow``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any

import opencc
import pytest

from policykg.loaders import load_document
from policykg.loaders.decode import decode_bytes
from policykg.loaders.layout import continuations
from policykg.loaders.manifest import load_manifest
from policykg.loaders.markers import HeadingMatch, match_heading
from policykg.loaders.normalise import normalise_text, strip_pinyin
from policykg.model import ManifestEntry
from policykg.ontology.tagger import Tagger
from policykg.ontology.vocab import bundled_ontology
from policykg.pipeline import corpus_entries
from policykg.plan_eval import norm
from policykg.resources import corpus_dir

DATA = Path(__file__).parent / "data"
SETS = ("fixtures", "heldout", "heldout2", "heldout3", "heldout4")
SAMPLE = (
    "ningbo.txt",  # a portal page, UTF-8, no-break spaces a Big5 page writes ?
    "heyuan.txt",  # a pipe-broken indicator table
    "yunxiu_big5_plan.txt",  # Big5, traditional
    "langzhou_pdf_plan.txt",  # a hard-wrapped PDF conversion with boxes and running headers
    "jizhou_protection_opinions_trad.txt",  # traditional, with a 政策解读
    "tangzhou_pledge_measures_big5.txt",  # a 办法 in 第X章/第X条, Big5
    "fengyu_service_decimal_gbk.txt",  # GBK, decimal outline, wrapped
    "zhichuan_news_plan.txt",  # a news page reprinting the notice
    "yanbei_fund_amendment_gbk.txt",  # an amendment notice with a 修改前后对照表, GBK
    "oupu_conversion_task_table.txt",  # tasks only as a tab-separated table, merged cells
    "weitang_gov_report_mobile.txt",  # a 政府工作报告 captured from a WeChat account
)
#: Plans whose text cannot be written in Big5 as it stands: chongqing's GBK
#: byte-shift mojibake is bytes of another encoding, not characters; zheyuan names
#: a town (㮾田镇) whose first character no Big5 code holds, in a unit list.
NO_BIG5 = {"chongqing.txt", "zheyuan_county_parts_gb18030.txt"}
_STOP = ("。", "；", "：", "！", "？")


def _plans() -> list[tuple[ManifestEntry, Path]]:
    plans = list(corpus_entries(corpus_dir()))
    for folder in SETS:
        if (DATA / folder / "manifest.yaml").is_file():
            plans += [
                (e, DATA / folder / e.file) for e in load_manifest(DATA / folder / "manifest.yaml")
            ]
    return plans


@lru_cache(maxsize=1)
def _tagger() -> Tagger:
    return Tagger(bundled_ontology())


def facts(raw: bytes, entry: ManifestEntry) -> dict[str, Any]:
    """What the plan says, compared across captures (script and spacing folded)."""
    doc = load_document(raw, entry)
    _tagger().tag_document(doc)
    body = [u for u in doc.units if u.id.rsplit("/", 1)[-1] not in ("notice", "preamble", "text")]
    return {
        "metadata": (
            norm(doc.title),
            norm(doc.doc_number),
            sorted(norm(x) for x in doc.issuers),
            doc.issued_on,
            doc.published_on,
            doc.status,
        ),
        "sections": [(norm(u.marker), norm(u.heading), u.kind) for u in body],
        "agencies": sorted((norm(u.heading), [norm(a) for a in u.agencies]) for u in body),
        "targets": sorted(
            ((t.value, t.unit, t.year, t.indicator, t.comparator) for t in doc.targets), key=repr
        ),
        "adopted": sorted({t.measure_id for u in doc.units for t in u.measures if t.adoption}),
    }


def _heading(line: str) -> HeadingMatch | None:
    h = match_heading(normalise_text(line))
    return h if h is not None and h.kind is None else None


def _paragraph_starts(lines: list[str], wrapped: bool) -> list[bool]:
    """Where a paragraph starts; in a wrapped text only after a short line, a blank or an indent."""
    filled = sorted(len(x.strip()) for x in lines if x.strip())
    width = filled[int(0.9 * len(filled))] if filled else 0
    starts = []
    for k, line in enumerate(lines):
        prev = lines[k - 1] if k else ""
        starts.append(
            bool(line.strip())
            and (
                not wrapped
                or not prev.strip()
                or line[:1].isspace()
                or _heading(line) is not None
                or len(prev.strip()) < 0.8 * width
            )
        )
    return starts


def _split_run_in(lines: list[str]) -> list[str]:
    """``1.培育高价值专利。一是…`` -> ``1.培育高价值专利。`` / ``一是…``.

    Not a table row (cells between tabs): a 对照表's ``第二条　…。`` cell is no run-in title.
    """
    out: list[str] = []
    for line in lines:
        m = re.match(r"^(\s*\S.{1,40}?。)(.+)$", line)
        if _heading(line) is not None and m and "\t" not in line:
            out += [m.group(1), m.group(2)]
        else:
            out.append(line)
    return out


def _join_bare(lines: list[str]) -> list[str]:
    """A bare heading line and its one-paragraph text -> ``heading。text`` (a run-in title)."""
    out: list[str] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        j = i + 1
        while j < len(lines) and not lines[j].strip():
            j += 1
        nxt = lines[j].strip() if j < len(lines) else ""
        if (
            _heading(line) is not None
            and not re.search(r"[。；：:?]", line)
            and len(line.strip()) <= 30
            and nxt
            and _heading(nxt) is None
            and nxt.endswith(("。", "；"))
            and "?" not in nxt
        ):
            out.append(line.rstrip() + "。" + nxt)
            i = j + 1
            continue
        out.append(line)
        i += 1
    return out


def variants(name: str, text: str) -> Iterator[tuple[str, bytes]]:
    """The plan as other captures give it."""
    lines = text.split("\n")
    wrapped = bool(continuations(lines, [i for i, x in enumerate(lines) if x.strip()]))
    yield "gb18030", text.encode("gb18030")
    if name not in NO_BIG5:
        # a Big5 page: Taiwan forms, no pinyin, Big5's own ≧ and ○, and a ? where
        # Big5 has no character (a no-break space)
        trad = opencc.OpenCC("s2tw").convert(strip_pinyin(text))
        yield "big5", trad.replace("≥", "≧").replace("〇", "○").encode("big5", errors="replace")
    yield "crlf", text.replace("\n", "\r\n").encode("utf-8")
    yield "no blank lines", "\n".join(x for x in lines if x.strip()).encode("utf-8")
    starts = _paragraph_starts(lines, wrapped)
    spaced: list[str] = []
    for k, line in enumerate(lines):
        if starts[k] and spaced and spaced[-1].strip():
            spaced.append("")
        spaced.append(line)
    yield "blank line between paragraphs", "\n".join(spaced).encode("utf-8")
    indented = [("\u3000\u3000" + x.lstrip()) if starts[k] else x for k, x in enumerate(lines)]
    yield "indented paragraphs", "\n".join(indented).encode("utf-8")
    if not wrapped:
        yield "run-in titles split", "\n".join(_split_run_in(lines)).encode("utf-8")
        yield "bare headings joined", "\n".join(_join_bare(lines)).encode("utf-8")


def _check(entry: ManifestEntry, path: Path) -> None:
    raw = path.read_bytes()
    text = decode_bytes(raw).text
    want = facts(text.encode("utf-8"), entry)
    assert want["sections"], path.name
    for variant, data in variants(path.name, text):
        got = facts(data, entry)
        for key, value in want.items():
            assert got[key] == value, (path.name, variant, key)


@pytest.mark.parametrize(
    ("entry", "path"),
    [p for p in _plans() if p[1].name in SAMPLE],
    ids=lambda x: getattr(x, "name", ""),
)
def test_a_sample_of_plans_reads_the_same_in_every_capture(
    entry: ManifestEntry, path: Path
) -> None:
    _check(entry, path)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("entry", "path"),
    [p for p in _plans() if p[1].name not in SAMPLE],
    ids=lambda x: getattr(x, "name", ""),
)
def test_every_plan_reads_the_same_in_every_capture(entry: ManifestEntry, path: Path) -> None:
    _check(entry, path)
