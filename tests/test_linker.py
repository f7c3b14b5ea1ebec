"""Clause linker on hand-built units: signals, calibration, labels.

Unit texts below are excerpts copied from the bundled plans (data/corpus) so a
reader can check each expectation against the source and the clause digests in
data/reference/national_outline.yaml. The corpus-level tests (real loader,
hand labels, accuracy floor) are in test_linker_eval.py.
"""

from __future__ import annotations

import numpy as np
import pytest

from policykg.errors import InvalidInput
from policykg.linker import (
    DEFAULT_THRESHOLD,
    MAX_LINKS,
    Linker,
    bundled_indicator_clauses,
    load_weights,
)
from policykg.linker.evaluation import find_unit, load_labels
from policykg.linker.features import FEATURES, heading_key, path_chapters
from policykg.linker.numbering import continuous_run, marker_style, mirror_offset
from policykg.model import ClauseLink, Document, Jurisdiction, MeasureTag, Unit
from policykg.ontology.outline import bundled_outline
from policykg.ontology.reference import bundled_core_reference
from policykg.resources import labels_path

# guangxi.txt item 5 (二、主要任务 / (二)建设支撑全国一流营商环境的知识产权保护体系).
GX_JUDICIAL = (
    "促进公正司法,实施高水平知识产权审判机构建设工程,加强广西移动微法院和广西电子法院建设,"
    "推动知识产权诉讼与大数据应用的深度融合。完善上诉审理机制,健全广西知识产权民事、刑事、"
    "行政案件“三合一”审判制度。探索实行知识产权律师调查令制度。"
)
# hohhot.txt item 15 (三、目标任务 / (三)优化知识产权运营机制...).
HH_PLEDGE = (
    "优化知识产权质押融资服务机制,实现知识产权质押融资服务普遍化和规模化;依托呼和浩特商标窗口"
    "质押登记,为市场主体提供全方位的商标权质押登记服务;进一步完善知识产权融资风险补偿机制。"
)
# heyuan.txt 三、主要任务 / (二)全面加强知识产权保护 / 5.
HY_COOP = (
    "推动形成行政执法、调解、公证、仲裁有机衔接、相互协调、高效便捷的多元化纠纷解决机制。"
    "加强知识产权维权援助工作体系、工作机制、工作规范、人才队伍建设和支撑保障。"
)

# The first nine items of guangxi.txt, which restate outline clauses C04..C12.
GX_ITEMS = [
    (
        "完善法规制度",
        "坚持科学立法,推进精准立法,推动修订《广西壮族自治区专利条例》。实施侵权惩罚性赔偿制度。",
    ),
    ("优化管理体制机制", "加强广西知识产权机构职能建设,提高管理效能。深化知识产权强区建设。"),
    ("完善政策措施", "坚持严格保护的政策导向,完善广西知识产权权益分配机制。健全著作权登记制度。"),
    (
        "完善知识产权规则",
        "建立健全新技术、新产业、新业态、新模式知识产权保护规则。加强中医药传统知识保护。",
    ),
    ("健全司法保护体制", GX_JUDICIAL),
    ("健全行政保护体系", "推进严格执法,依法行使行政调查权、处罚权和强制权。强化知识产权海关保护。"),
    (
        "健全协同保护格局",
        "健全知识产权行政确权、仲裁、调解、公证、鉴定衔接机制。推进快速维权中心建设。",
    ),
    ("完善高质量创造机制", "以质量和价值为标准,改革完善考核评价机制,建立高价值专利培育示范中心。"),
    (
        "健全运用机制",
        "建立专利密集型产业调查机制,开展专利导航基地建设,推进商标品牌建设和地理标志。",
    ),
]


def _unit(uid: str, heading: str, text: str, **kw: object) -> Unit:
    fields: dict[str, object] = {
        "id": uid,
        "document_id": "doc",
        "order": 0,
        "depth": 1,
        "kind": "task",
        "path": [heading],
        "heading": heading,
        "text": text,
    }
    fields.update(kw)
    return Unit.model_validate(fields)


def _doc(units: list[Unit], jid: str = "testplan") -> Document:
    return Document(
        id=jid,
        jurisdiction=Jurisdiction(id=jid, name="测试市", level="prefecture_city"),
        source_file="x.txt",
        sha256="0" * 64,
        encoding="utf-8",
        units=units,
    )


@pytest.fixture(scope="module")
def linker() -> Linker:
    return Linker(bundled_outline(), {"pledge_financing": ["C13"], "rights_assistance": ["C10"]})


def test_weights_name_every_feature_and_only_features() -> None:
    w = load_weights()
    assert set(w.coef) == set(FEATURES)
    # The labelled evidence says these signals raise the odds of a correct link.
    for name in ("lex_rel", "terms_heading", "path"):
        assert w.coef[name] > 0, name


def test_judicial_item_links_to_judicial_protection_first(linker: Linker) -> None:
    links = linker.link_text("健全司法保护体制", GX_JUDICIAL)
    assert links[0].clause_id == "C08"
    assert "审判" in links[0].evidence


def test_pledge_financing_links_to_market_operation(linker: Linker) -> None:
    links = linker.link_text("加大知识产权质押融资工作力度", HH_PLEDGE)
    assert links[0].clause_id == "C13"


def test_rank_covers_all_clauses_with_probabilities(linker: Linker) -> None:
    unit = _unit("u1", "加强知识产权协同保护", HY_COOP)
    ranked = linker.rank(unit)
    assert [link.rank for link in ranked] == list(range(1, 25))
    assert sorted(link.clause_id for link in ranked) == [c.id for c in bundled_outline().clauses]
    scores = [link.score for link in ranked]
    assert all(0.0 <= s <= 1.0 for s in scores)
    assert scores == sorted(scores, reverse=True)
    assert ranked[0].clause_id == "C10"


def test_measure_tags_raise_the_clauses_they_serve(linker: Linker) -> None:
    text = "支持金融机构与园区开展合作,面向产业集群探索开展园区集合授信。"
    bare = {c.clause_id: c.score for c in linker.link_text("支持金融合作", text, all_clauses=True)}
    tagged = {
        c.clause_id: c.score
        for c in linker.link_text(
            "支持金融合作", text, measures=["pledge_financing"], all_clauses=True
        )
    }
    assert tagged["C13"] > bare["C13"]
    assert tagged["C08"] <= bare["C08"] + 1e-9


def test_heading_path_leans_to_the_named_chapter(linker: Linker) -> None:
    text = "建立健全工作机制,加强部门协作,形成工作合力。"
    under_protection = linker.link_text(
        "加强协作", text, path=["三、主要任务", "(二)全面加强知识产权保护"], all_clauses=True
    )
    under_service = linker.link_text(
        "加强协作",
        text,
        path=["三、主要任务", "(五)构建便民利民知识产权服务体系"],
        all_clauses=True,
    )
    p = {c.clause_id: c.score for c in under_protection}
    s = {c.clause_id: c.score for c in under_service}
    assert p["C10"] > s["C10"]
    assert s["C14"] > p["C14"]
    assert "path: chapter 四" in next(c.evidence for c in under_protection if c.clause_id == "C10")


def test_path_chapters_uses_the_nearest_heading_with_a_cue() -> None:
    # hohhot.txt: 三、目标任务 / (二)强化知识产权保护力度,更高水平促进营商环境优化
    assert path_chapters(["三、目标任务", "(二)强化知识产权保护力度,更高水平促进营商环境优化"]) == {
        "四": 1.0
    }
    # chongqing.txt: a thematic section that names no outline chapter
    assert path_chapters(["二、共建任务", "(二)加强区域联动和要素集成"]) == {}
    assert path_chapters(["四、保障措施"]) == {"九": 1.0}


def test_link_document_links_only_linkable_kinds_and_respects_threshold(linker: Linker) -> None:
    units = [
        _unit(
            "t",
            "加大知识产权质押融资工作力度",
            HH_PLEDGE,
            measures=[MeasureTag(measure_id="pledge_financing", evidence="质押融资")],
        ),
        # heyuan.txt 一、发展基础与形势: a review of the past, never linked.
        _unit(
            "b",
            "发展基础",
            "“十三五”期间我市知识产权质押融资登记22笔金额共23271万元。",
            kind="background",
        ),
        _unit("o", "附件", "设立知识产权质押融资风险补偿资金。", kind="other"),
        # Text with nothing to do with any clause stays unlinked.
        _unit("n", "联系方式", "联系电话:89382659;传真:89382659。"),
    ]
    for u in units:
        u.clauses = [ClauseLink(clause_id="C01", score=1.0, rank=1, method="stale")]
    doc = _doc(units)
    linker.link_document(doc)
    t, b, o, n = doc.units
    assert t.clauses and t.clauses[0].clause_id == "C13"
    assert len(t.clauses) <= MAX_LINKS
    assert all(c.score >= DEFAULT_THRESHOLD for c in t.clauses)
    assert [c.rank for c in t.clauses] == list(range(1, len(t.clauses) + 1))
    assert b.clauses == [] and o.clauses == []
    assert n.clauses == []


def test_empty_text_links_nowhere(linker: Linker) -> None:
    assert linker.link_text("", "") == []
    ranked = linker.link_text("", "", all_clauses=True)
    assert len(ranked) == 24
    assert all(link.score < DEFAULT_THRESHOLD for link in ranked)


def test_threshold_one_stores_nothing() -> None:
    strict = Linker(bundled_outline(), {}, threshold=1.0)
    doc = _doc([_unit("t", "健全司法保护体制", GX_JUDICIAL)])
    strict.link_document(doc)
    assert doc.units[0].clauses == []


def _numbered(items: list[tuple[str, str]], start: int = 1) -> list[Unit]:
    return [
        _unit(f"i{n}", h, t, marker=f"{n}.", number=n, order=n, path=["二、主要任务", h])
        for n, (h, t) in enumerate(items, start=start)
    ]


def test_mirroring_numbering_is_detected_with_its_offset(linker: Linker) -> None:
    doc = _doc(_numbered(GX_ITEMS))
    run = continuous_run(doc.units)
    assert len(run) == len(GX_ITEMS)
    lexical = lambda u: linker.index.lexical(u.heading, u.text)  # noqa: E731
    # guangxi item n restates clause C(n+3).
    assert mirror_offset(run, lexical, 24) == 3
    mapping = linker.numbering(doc)
    assert mapping["i5"] == "C08"
    x, evidence = linker.features(doc.unit("i5"), doc)
    assert x[linker.index.clause_ids.index("C08"), FEATURES.index("numbering")] == 1.0
    assert "numbering" in evidence[linker.index.clause_ids.index("C08")]


def test_numbering_of_a_thematic_plan_is_not_taken_for_mirroring(linker: Linker) -> None:
    # The same items in another order: numbers no longer follow the outline.
    shuffled = GX_ITEMS[4:] + GX_ITEMS[:4]
    doc = _doc(_numbered(shuffled))
    assert len(continuous_run(doc.units)) == len(shuffled)
    assert linker.numbering(doc) == {}
    # A short list is never taken for a mirror.
    assert linker.numbering(_doc(_numbered(GX_ITEMS[:5]), jid="short")) == {}


def test_marker_styles() -> None:
    assert marker_style("（三）") == "paren"
    assert marker_style("(十二)") == "paren"
    assert marker_style("三、") == "cn"
    assert marker_style("12.") == "arabic"
    assert marker_style("专栏3") is None


def test_heading_key_ignores_markers_script_and_punctuation() -> None:
    assert heading_key("5 . 健全司法保护体制。") == "健全司法保护体制"
    assert heading_key("(十二)实施“标准化+”培育工程") == "实施标准化培育工程"
    assert heading_key("专栏1 建设全市知识产权维权援助“一张网”") == "建设全市知识产权维权援助一张网"
    assert heading_key("深化知識產權協同保護機制改革") == "深化知识产权协同保护机制改革"


def test_find_unit_fails_loudly_on_no_match_or_several() -> None:
    doc = _doc(
        [
            _unit("a", "加强知识产权司法保护", "..."),
            _unit("b", "加强知识产权行政保护", "..."),
            _unit("c", "发展基础", "...", kind="background"),
        ]
    )
    assert find_unit(doc, "加强知识产权司法保护").id == "a"
    with pytest.raises(InvalidInput, match="matched 2"):
        find_unit(doc, "加强知识产权")
    with pytest.raises(InvalidInput, match="matched 0"):
        find_unit(doc, "加强知识产权文化宣传")
    # Background units are never labelled or linked.
    with pytest.raises(InvalidInput, match="matched 0"):
        find_unit(doc, "发展基础")


def test_indicator_clause_map_covers_every_canonical_indicator() -> None:
    indicators = {i.id for i in bundled_core_reference().indicators}
    mapping = bundled_indicator_clauses()
    assert set(mapping) == indicators
    clause_ids = {c.id for c in bundled_outline().clauses}
    assert all(set(cs) <= clause_ids and cs for cs in mapping.values())
    # The outline's own development-goal indicators belong to C03 (发展目标).
    for t in bundled_outline().document.targets_2025:
        assert "C03" in mapping[t.indicator]
    assert mapping["pledge_financing_amount"] == ("C13",)
    assert mapping["gi_count"] == ("C12",)


def test_label_file_covers_every_plan() -> None:
    labels = load_labels(labels_path("clause_labels.yaml"))
    per_plan: dict[str, int] = {}
    for label in labels:
        per_plan[label.jurisdiction] = per_plan.get(label.jurisdiction, 0) + 1
    assert set(per_plan) == {"hohhot", "heyuan", "guangxi", "ningbo", "chongqing"}
    assert min(per_plan.values()) >= 8
    assert len(labels) >= 60
    assert all(np.all([c.startswith("C") for c in label.clauses]) for label in labels)
