"""The five corpus plans against golden files written by reading them (tests/data/)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from datetime import date
from functools import cache, lru_cache
from pathlib import Path

import pytest

from policykg.loaders import load_document, read_plan_bytes
from policykg.loaders.manifest import load_manifest
from policykg.model import Document, ManifestEntry
from policykg.resources import corpus_dir

DATA = Path(__file__).parent / "data"
PLANS = ["hohhot", "heyuan", "guangxi", "ningbo", "chongqing"]


@lru_cache(maxsize=1)
def entries() -> dict[str, ManifestEntry]:
    return {e.file: e for e in load_manifest(corpus_dir() / "manifest.yaml")}


@cache
def doc(plan: str) -> Document:
    name = f"{plan}.txt"
    return load_document(read_plan_bytes(corpus_dir() / name), entries()[name])


def expected(plan: str) -> dict:
    return json.loads((DATA / f"{plan}.expected.json").read_text(encoding="utf-8"))


def unit(d: Document, key: str):
    return d.unit(f"{d.id}/{key}")


@pytest.mark.parametrize("plan", PLANS)
def test_metadata(plan: str) -> None:
    d, exp = doc(plan), expected(plan)["metadata"]
    assert d.title == exp["title"]
    assert d.doc_number == exp["doc_number"]
    assert d.issuers == exp["issuers"]
    assert d.issued_on == (date.fromisoformat(exp["issued_on"]) if exp["issued_on"] else None)
    assert d.published_on == (
        date.fromisoformat(exp["published_on"]) if exp["published_on"] else None
    )
    assert d.status == exp["status"]
    # Text and manifest agree for every bundled plan: no disagreement warnings.
    assert not [w for w in d.warnings if "manifest says" in w]


@pytest.mark.parametrize("plan", PLANS)
def test_units_by_kind(plan: str) -> None:
    d, exp = doc(plan), expected(plan)
    assert dict(Counter(u.kind for u in d.units)) == exp["units_by_kind"]


@pytest.mark.parametrize("plan", PLANS)
def test_section_headings(plan: str) -> None:
    d, exp = doc(plan), expected(plan)
    sections = [
        [u.marker, u.heading]
        for u in d.units
        if u.marker and not u.marker.startswith("专栏") and u.depth <= 1
    ]
    assert sections == exp["sections"]


@pytest.mark.parametrize("plan", PLANS)
def test_item_headings(plan: str) -> None:
    d, exp = doc(plan), expected(plan)
    for key, heading in exp["items"].items():
        assert unit(d, key).heading == heading


@pytest.mark.parametrize("plan", PLANS)
def test_agencies(plan: str) -> None:
    d, exp = doc(plan), expected(plan)
    for key, agencies in exp["agencies"].items():
        u = unit(d, key)
        assert u.agencies == agencies
        # The responsible-unit bracket is moved out of the text.
        assert "负责）" not in u.text and "责任单位" not in u.text


@pytest.mark.parametrize("plan", PLANS)
def test_targets(plan: str) -> None:
    d, exp = doc(plan), expected(plan)
    assert len(d.targets) == exp["target_count"]
    for want in exp["targets"]:
        uid = f"{d.id}/{want['unit']}"
        candidates = [
            t
            for t in d.targets
            if t.unit_id == uid and t.value == want["value"] and t.unit == want["unit_of_measure"]
        ]
        assert len(candidates) == 1, want
        t = candidates[0]
        for field, attr in [
            ("metric", "metric"),
            ("year", "year"),
            ("comparator", "comparator"),
            ("indicator", "indicator"),
            ("baseline", "baseline"),
        ]:
            if field in want:
                assert getattr(t, attr) == want[field], (want, field)


@pytest.mark.parametrize("plan", PLANS)
def test_citations(plan: str) -> None:
    d, exp = doc(plan), expected(plan)
    got = [(c.title, c.doc_number) for c in d.citations]
    for c in exp["citations"]:
        assert (c["title"], c["doc_number"]) in got
    assert len(got) == len(set(got))  # deduplicated
    for title in exp.get("not_cited", []):
        assert title not in [c.title for c in d.citations]
    if d.title:
        assert d.title not in [c.title for c in d.citations]


def test_heyuan_indicator_table() -> None:
    d, table = doc("heyuan"), expected("heyuan")["indicator_table"]
    uid = f"{d.id}/{table['unit']}"
    rows = [t for t in d.targets if t.unit_id == uid and t.attribute]
    assert len(rows) == 14
    for t, row in zip(rows, table["rows"], strict=True):
        number, category, metric, unit_, base, value, comparator, attribute, indicator = row
        assert t.text.startswith(f"{number} ")
        assert (t.category, t.metric, t.unit, t.baseline, t.value) == (
            category,
            metric,
            unit_,
            base,
            value,
        )
        assert (t.comparator, t.attribute, t.indicator) == (comparator, attribute, indicator)
        assert t.year == table["year"]
        assert t.baseline_year == (table["baseline_year"] if base is not None else None)


def test_heyuan_columns() -> None:
    d = doc("heyuan")
    columns = [[u.marker, u.heading] for u in d.units if u.kind == "column"]
    assert columns == expected("heyuan")["columns"]
    # A box belongs to its section, not to the item before it; its rows lose the "|".
    c3 = unit(d, "3/3/c3")
    assert c3.parent_id == f"{d.id}/3/3"
    assert "|" not in c3.text and "探索在版权确权、用权、维权中引入区块链技术" in c3.text


def test_no_targets_from_background() -> None:
    d = doc("heyuan")
    background = {u.id for u in d.units if u.kind == "background"}
    assert background
    assert not [t for t in d.targets if t.unit_id in background]
    # The review's figures (12724 patents granted in the 13th FYP) are not targets.
    assert 12724 not in [t.value for t in d.targets]


def test_ningbo_numbering_continues_across_chapters() -> None:
    d = doc("ningbo")
    items = [u for u in d.units if u.marker and u.marker.startswith("（")]
    assert [u.number for u in items] == list(range(1, 25))
    assert unit(d, "3/8").parent_id == f"{d.id}/3"
    assert unit(d, "6/24").kind == "guarantee"


def test_ningbo_personal_data_never_reaches_the_model() -> None:
    dumped = doc("ningbo").model_dump_json()
    assert not re.search(r"[\w.+-]+@[\w-]+\.\w+", dumped)
    for secret in ["秦燚", "89382659", "1261257881", "0574-88212221", "和济街", "1208房间"]:
        assert secret not in dumped
    # The notice itself (not its contact block) is kept.
    notice = unit(doc("ningbo"), "notice")
    assert "征求建议和意见" in notice.text


@pytest.mark.parametrize("plan", PLANS)
def test_web_chrome_removed(plan: str) -> None:
    dumped = doc(plan).model_dump_json()
    for chrome in [
        "访问次数",
        "阅读量",
        "浏览次数",
        "当前位置",
        "首页>",
        "企业入驻",
        "客服微信",
        "回到顶部",
        "字体",
        "附件：",
        "此件公开发布",
    ]:
        assert chrome not in dumped, chrome


def test_hohhot_preamble_and_notice() -> None:
    d = doc("hohhot")
    notice, preamble = d.units[0], d.units[1]
    assert notice.id == f"{d.id}/notice" and notice.kind == "other"
    assert notice.text.startswith("各旗、县、区政府")
    assert "现将《呼和浩特市推进知识产权强市建设工作方案》印发给你们" in notice.text
    assert preamble.id == f"{d.id}/preamble" and preamble.text.startswith("为深入贯彻落实")
    # Issuer, number and signature date are metadata, not notice text.
    assert "呼政发" not in notice.text and "2022年12月25日" not in notice.text


def test_tree_shape() -> None:
    d = doc("hohhot")
    u = unit(d, "3/3/8")
    assert (u.marker, u.number, u.depth, u.kind) == ("8.", 8, 2, "task")
    assert u.parent_id == f"{d.id}/3/3"
    assert u.path == [
        "目标任务",
        "优化知识产权运营机制，更高效益实现创新成果价值",
        "促进知识产权创造提质增量",
    ]
    assert [x.order for x in d.units] == list(range(len(d.units)))
    ids = {x.id for x in d.units}
    assert len(ids) == len(d.units)
    assert all(x.parent_id is None or x.parent_id in ids for x in d.units)
    # Items directly under a chapter (guangxi's 19. under 三、) sit one level down.
    g = doc("guangxi")
    assert unit(g, "3/19").depth == 1 and unit(g, "3/19").marker == "19."


def test_document_ids_are_stable_and_distinct() -> None:
    ids = {doc(p).id for p in PLANS}
    assert len(ids) == 5
    again = load_document(read_plan_bytes(corpus_dir() / "hohhot.txt"), entries()["hohhot.txt"])
    assert again.id == doc("hohhot").id
    assert [u.id for u in again.units] == [u.id for u in doc("hohhot").units]
    assert [t.id for t in again.targets] == [t.id for t in doc("hohhot").targets]
    # the jurisdiction and the source bytes' SHA-256, never the title or the file name
    raw = read_plan_bytes(corpus_dir() / "hohhot.txt")
    assert doc("hohhot").id == f"hohhot-{hashlib.sha256(raw).hexdigest()[:12]}"


def test_chongqing_simplified_with_original_kept() -> None:
    d = doc("chongqing")
    assert d.title_original is not None and "重慶知識產權" in d.title_original
    u = unit(d, "2/1/1")
    assert u.text.startswith("强化知识产权政策法规引领。认真抓好《重庆市知识产权强市建设纲要》")
    assert "(guī)" in u.text_original and "規" in u.text_original
    assert "(" not in u.text and "guī" not in u.text
    assert d.encoding == "utf-8"
