"""The tagger on hand-built units: matching, overlaps and the adoption rules."""

from __future__ import annotations

import pytest

from policykg.model import Document, Jurisdiction, Unit, UnitKind
from policykg.ontology.tagger import Match, Tagger, adoptions
from policykg.ontology.vocab import bundled_ontology


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(bundled_ontology())


def unit(
    text: str,
    kind: UnitKind = "task",
    heading: str = "",
    agencies: list[str] | None = None,
    uid: str = "u1",
) -> Unit:
    return Unit(
        id=uid,
        document_id="d",
        order=0,
        depth=1,
        kind=kind,
        heading=heading,
        text=text,
        agencies=agencies or [],
    )


def ids(matches: list[Match]) -> list[str]:
    return [m.measure_id for m in matches]


# -- matching ---------------------------------------------------------------


def test_longest_label_wins_and_implied_measure_shares_the_evidence(tagger):
    matches = tagger.tag_text("进一步完善知识产权质押融资风险补偿机制。")
    assert ids(matches) == ["pledge_risk_sharing", "pledge_financing"]
    assert {m.evidence for m in matches} == {"知识产权质押融资风险补偿"}
    assert matches[1].implied_by == "pledge_risk_sharing"


def test_bare_risk_compensation_is_still_found(tagger):
    matches = tagger.tag_text("引导金融机构完善风险补偿机制。")
    assert ids(matches) == ["pledge_risk_sharing", "pledge_financing"]
    assert matches[0].evidence == "风险补偿"


def test_partly_overlapping_labels_are_both_kept(tagger):
    # 知识产权服务业 and 知识产权服务业集聚区 overlap; the cluster is the longer.
    matches = tagger.tag_text("做大做强知识产权服务业，构建知识产权服务业集聚区。")
    assert "service_industry_cluster" in ids(matches)
    assert "service_agency_cultivation" in ids(matches)


def test_one_span_can_name_two_measures_through_a_list(tagger):
    matches = tagger.tag_text("完善知识产权行政执法、司法保护、仲裁调解、行业自律等协同保护机制。")
    assert {"ip_arbitration", "dispute_mediation"} <= set(ids(matches))


def test_traditional_script_matches_simplified_labels(tagger):
    matches = tagger.tag_text("全面實施專利開放許可制度，推動更多專利實現「一對多」開放許可。")
    assert ids(matches) == ["open_licensing", "open_licensing"]
    assert matches[0].evidence == "专利开放许可"
    assert matches[0].sentence.startswith("全面实施专利开放许可制度")


def test_shared_head_of_a_list_is_distributed(tagger):
    text = "研究完善数据、开源、算法、商业方法、人工智能产出物知识产权保护规则。"
    matches = tagger.tag_text(text)
    data = [m for m in matches if m.measure_id == "data_ip"]
    assert len(data) == 1
    assert data[0].evidence.startswith("数据、开源") and data[0].evidence.endswith("知识产权")
    assert "new_field_rules" in ids(matches)


def test_a_list_before_other_words_is_not_distributed(tagger):
    text = "充分运用大数据、云计算、物联网、区块链等技术在知识产权保护中保全网上证据。"
    assert "data_ip" not in ids(tagger.tag_text(text))


def test_abolition_is_flagged_in_its_own_comma_clause(tagger):
    text = "强化知识产权奖励资助政策质量导向，全面取消专利申请资助，加大对转化运用的支持。"
    matches = [m for m in tagger.tag_text(text) if m.measure_id == "funding_incentive"]
    # 奖励资助 and 资助政策 overlap: one mention spanning both.
    assert [(m.evidence, m.reason) for m in matches] == [
        ("奖励资助政策", None),
        ("专利申请资助", "abolition"),
    ]


def test_abolition_before_a_colon_covers_what_the_colon_introduces(tagger):
    # A colon does not end the clause (policykg.text.CLAUSE_END): 取消 governs the list.
    matches = tagger.tag_text("全面取消以下政策：专利申请资助。加大对转化运用的支持。")
    assert [(m.measure_id, m.reason) for m in matches] == [("funding_incentive", "abolition")]


def test_sentence_is_the_one_holding_the_evidence(tagger):
    text = "加强宣传。推进中国（宁波）知识产权保护中心建设。完善工作机制。"
    match = next(m for m in tagger.tag_text(text) if m.measure_id == "protection_center")
    assert match.sentence == "推进中国（宁波）知识产权保护中心建设。"


def test_text_without_measures_gives_nothing(tagger):
    assert tagger.tag_text("各县区要高度重视，认真贯彻执行。") == []
    assert tagger.tag_text("") == []


# -- adoption rules on units -------------------------------------------------


def test_task_unit_adopts(tagger):
    tags = tagger.tag_unit(unit("推进中国（宁波）知识产权保护中心建设。"))
    assert [(t.measure_id, t.adoption, t.reason) for t in tags] == [
        ("protection_center", True, "adoption")
    ]


def test_background_unit_only_mentions(tagger):
    tags = tagger.tag_unit(
        unit("“十三五”期间设立知识产权质押融资风险补偿资金。", kind="background")
    )
    assert {t.measure_id for t in tags} == {"pledge_risk_sharing", "pledge_financing"}
    assert all(not t.adoption and t.reason == "background" for t in tags)


def test_preamble_unit_only_mentions(tagger):
    tags = tagger.tag_unit(
        unit("统筹推进知识产权行政执法、司法保护、仲裁、调解等工作。", kind="other")
    )
    assert tags and all(not t.adoption and t.reason == "preamble" for t in tags)


def test_goal_and_guarantee_units_adopt(tagger):
    goal = tagger.tag_unit(unit("知识产权年质押金额达到40亿。", kind="goal"))
    assert [(t.measure_id, t.adoption) for t in goal] == [("pledge_financing", True)]
    guarantee = tagger.tag_unit(unit("运用区块链等技术保全网上证据。", kind="guarantee"))
    assert ("blockchain_evidence", True) in [(t.measure_id, t.adoption) for t in guarantee]


def test_abolition_and_adoption_of_one_measure_in_one_unit_are_both_kept(tagger):
    text = "强化知识产权奖励资助政策质量导向，全面取消专利申请资助。"
    tags = [t for t in tagger.tag_unit(unit(text)) if t.measure_id == "funding_incentive"]
    assert [(t.adoption, t.reason, t.evidence) for t in tags] == [
        (True, "adoption", "奖励资助政策"),
        (False, "abolition", "专利申请资助"),
    ]


def test_only_abolished_measure_is_not_adopted(tagger):
    tags = tagger.tag_unit(unit("全面取消专利申请资助。"))
    assert [(t.measure_id, t.adoption, t.reason) for t in tags] == [
        ("funding_incentive", False, "abolition")
    ]


def test_agencies_are_never_read(tagger):
    u = unit("强化海外纠纷应对能力。", agencies=["重庆海关", "市知识产权保护中心"])
    measures = {t.measure_id for t in tagger.tag_unit(u)}
    assert "customs_protection" not in measures
    assert "protection_center" not in measures


def test_an_existing_body_named_as_actor_is_still_adoption(tagger):
    text = "依托重庆知识产权运营中心等平台建设科创板拟上市企业知识产权服务站。"
    tags = tagger.tag_unit(unit(text))
    assert ("operation_platform", True) in [(t.measure_id, t.adoption) for t in tags]


def test_heading_is_tagged_too(tagger):
    tags = tagger.tag_unit(
        unit("为区域产业创新发展营造便捷高效的保护环境。", heading="建设国家级知识产权保护中心")
    )
    assert [(t.measure_id, t.sentence) for t in tags] == [
        ("protection_center", "建设国家级知识产权保护中心")
    ]


def test_tag_document_fills_every_unit_and_adoptions_collects_them(tagger):
    doc = Document(
        id="d",
        jurisdiction=Jurisdiction(id="testcity", name="测试市", level="prefecture_city"),
        source_file="t.txt",
        sha256="0" * 64,
        encoding="utf-8",
        units=[
            unit("设立知识产权保护中心。", kind="background", uid="a"),
            unit("各部门要认真落实。", uid="b"),
            unit("建设知识产权保护中心。", uid="c"),
        ],
    )
    doc.units[1].measures = []  # re-tagging replaces whatever was there
    tagger.tag_document(doc)
    assert [len(u.measures) for u in doc.units] == [1, 0, 1]
    assert adoptions(doc) == {
        "protection_center": [("c", "知识产权保护中心", "建设知识产权保护中心。")]
    }


def test_a_strong_ip_county_is_the_programme_not_the_word(tagger):
    # 加强区域 and 增强区域 hold 强区 by accident; the programme is named in full.
    assert tagger.tag_text("加强区域联动和要素集成。") == []
    assert tagger.tag_text("增强区域协同。") == []
    assert ids(tagger.tag_text("争创国家知识产权强县建设示范县。")) == ["pilot_demonstration"]
    # 知识产权强市建设 is the plan's own strategy, not a pilot designation.
    assert tagger.tag_text("加快推进知识产权强市建设。") == []
