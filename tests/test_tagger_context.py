"""Precision rules of the tagger, on sentences of the kinds real plans contain.

Each sentence below was written for this file (none is copied from a plan or a
fixture). Traps: a common word that is also a label (保险, 仲裁, 海关, 区块链,
三合一, 中医药, 调解, place names), a responsibility clause left in the text, a
refusal (不再, 暂不, 取消), a label quoted as a word. Each trap is paired with a
sentence where the same word does name the measure, so a rule that simply
dropped the label would fail too.
"""

from __future__ import annotations

import pytest

from policykg.model import Unit, UnitKind
from policykg.ontology.tagger import Tagger
from policykg.ontology.vocab import bundled_ontology


@pytest.fixture(scope="module")
def tagger() -> Tagger:
    return Tagger(bundled_ontology())


def unit(
    text: str, heading: str = "", kind: UnitKind = "task", path: list[str] | None = None
) -> Unit:
    return Unit(
        id="u",
        document_id="d",
        order=0,
        depth=1,
        kind=kind,
        heading=heading,
        text=text,
        path=path if path is not None else [heading],
    )


def adopted(
    tagger: Tagger, text: str, heading: str = "", path: list[str] | None = None
) -> set[str]:
    return {t.measure_id for t in tagger.tag_unit(unit(text, heading, path=path)) if t.adoption}


def reasons(tagger: Tagger, text: str, measure_id: str) -> list[str | None]:
    return [m.reason for m in tagger.tag_text(text) if m.measure_id == measure_id]


# -- a common word is a label only in its IP sense ------------------------------------

TRAPS = [
    # (sentence, measure it must not adopt)
    ("落实高层次人才养老保险、医疗保险等待遇。", "ip_insurance"),
    ("推广科技保险和出口信用保险。", "ip_insurance"),
    ("健全劳动人事争议仲裁机制。", "ip_arbitration"),
    ("完善婚姻家庭纠纷人民调解工作。", "dispute_mediation"),
    ("配合海关做好口岸通关便利化工作。", "customs_protection"),
    ("支持区块链、元宇宙等未来产业加快发展。", "blockchain_evidence"),
    ("推行营业执照、许可证、备案“三合一”办理。", "three_in_one_trial"),
    ("建设中医药产业园，壮大中医药产业规模。", "tcm_ip"),
    ("弘扬中华优秀传统文化，办好传统节庆活动。", "traditional_knowledge"),
    ("完善空气质量监测评估体系。", "monitoring_evaluation"),
    ("加强区县联动，增强区域协同发展能力。", "pilot_demonstration"),
    ("推广优质水稻新品种，扩大种植面积。", "plant_variety"),
    ("推进政务服务一网通办。", "one_stop_service"),
    # a compound that holds a label and names something else (pkg:decoyLabel)
    ("为引进的知识产权人才落实住房保障、社会保险、子女入学等待遇。", "ip_insurance"),
    ("推动将地理标志产品纳入政策性农业保险范围。", "ip_insurance"),
    ("鼓励保险机构将地理标志农产品纳入农业保险。", "ip_insurance"),
    # a platform as a sales channel (pkg:topicLabel: needs a cue of the measure)
    ("支持企业通过电商平台、直播带货等方式销售地理标志产品。", "ecommerce_protection"),
]


@pytest.mark.parametrize(("text", "measure_id"), TRAPS)
def test_a_common_word_without_ip_context_is_no_mention(tagger, text, measure_id):
    assert measure_id not in adopted(tagger, text)
    # the tagger saw the word and says why it is not the measure
    assert set(reasons(tagger, text, measure_id)) <= {"no_context"}
    assert not any(t.measure_id == measure_id for t in tagger.tag_unit(unit(text)))


SENSES = [
    # (sentence, measure it adopts): the same words in their IP sense
    ("开展专利侵权责任保险试点。", "ip_insurance"),
    ("支持仲裁机构受理知识产权纠纷案件。", "ip_arbitration"),
    ("设立知识产权纠纷人民调解委员会。", "dispute_mediation"),
    ("联合海关查处进出口环节侵犯商标权行为。", "customs_protection"),
    ("运用区块链技术为原创作品提供存证服务。", "blockchain_evidence"),
    ("推进知识产权民事、刑事、行政案件“三合一”审理。", "three_in_one_trial"),
    ("建立中医药传统知识保护名录。", "tcm_ip"),
    ("加强水稻新品种选育和品种权保护。", "plant_variety"),
    ("鼓励保险机构开发专利侵权损失保险产品。", "ip_insurance"),
    ("督促电商平台落实侵权投诉处理责任。", "ecommerce_protection"),
    ("加强对电子商务平台假冒商品的监测。", "ecommerce_protection"),
]


@pytest.mark.parametrize(("text", "measure_id"), SENSES)
def test_the_same_word_beside_an_ip_cue_is_adopted(tagger, text, measure_id):
    assert measure_id in adopted(tagger, text)


def test_a_topic_word_needs_the_measures_own_cue_not_just_ip(tagger):
    # An industry named for patent navigation is not blockchain evidence, nor TCM protection.
    text = "围绕区块链、中医药等产业开展专利导航。"
    assert adopted(tagger, text) == {"patent_navigation"}
    assert set(reasons(tagger, text, "blockchain_evidence")) == {"no_context"}


def test_place_names_never_tag_a_measure_alone(tagger):
    for text in (
        "深度融入粤港澳大湾区建设。",
        "积极参加中国—东盟博览会。",
        "推动成渝地区双城经济圈建设走深走实。",
        "组织企业参加广交会等展会。",
    ):
        assert adopted(tagger, text) == set(), text
    assert "regional_cooperation" in adopted(tagger, "推动长江经济带知识产权保护协作。")


def test_a_compound_label_takes_its_context_from_the_sentence(tagger):
    # The IP subject is named in the leading clause; the compound term elaborates it.
    assert "pledge_risk_sharing" in adopted(
        tagger, "扩大专利权质押贷款规模，健全市级风险补偿机制。"
    )
    assert "punitive_damages" in adopted(tagger, "严厉打击恶意侵犯商标权行为，依法适用惩罚性赔偿。")


@pytest.mark.parametrize(
    ("text", "measure_id"),
    [
        # a bare word in a clause that starts another verb-object: its own clause decides
        ("健全专利快速审查机制，落实职工养老保险。", "ip_insurance"),
        ("开展商标品牌培育行动，推进劳动争议调解。", "dispute_mediation"),
        ("加强版权登记服务，做好部门年度预算编制。", "funding_guarantee"),
        # 调解 inside 协调解决 is not mediation, even in a sentence about IP work
        ("发挥知识产权联席会议作用，协调解决重大问题。", "dispute_mediation"),
    ],
)
def test_a_bare_word_needs_its_ip_cue_in_its_own_clause(tagger, text, measure_id):
    assert measure_id not in adopted(tagger, text)


def test_a_framing_clause_is_read_with_the_main_clause_after_it(tagger):
    # 依托… and …时 frame the clause after them; they state no verb-object of their own
    assert "customs_protection" in adopted(
        tagger, "依托口岸海关监管资源，严厉打击进出口侵犯商标权行为。"
    )
    assert "customs_protection" in adopted(
        tagger, "企业办理海关通关业务时，对涉嫌侵犯专利权的货物依法扣留。"
    )
    assert "customs_protection" not in adopted(tagger, "配合海关做好通关便利化，推动专利转化。")


def test_a_bare_word_beside_its_ip_cue_in_the_same_clause_is_adopted(tagger):
    assert "ip_insurance" in adopted(tagger, "健全专利快速审查机制，推广商标侵权保险。")
    assert "dispute_mediation" in adopted(tagger, "开展商标品牌培育行动，推进知识产权纠纷调解。")


@pytest.mark.parametrize(
    ("text", "measure_id"),
    [
        # the verb and its complement with the object between them
        ("将专利工作纳入全区年度综合目标考核。", "performance_assessment"),
        ("把商标品牌建设任务纳入乡镇绩效考评。", "performance_assessment"),
        ("每年对本规划实施情况开展第三方评估。", "monitoring_evaluation"),
        ("适时对本计划落实情况进行总结评估。", "monitoring_evaluation"),
    ],
)
def test_split_labels_match_across_the_object(tagger, text, measure_id):
    assert measure_id in adopted(tagger, text)


@pytest.mark.parametrize(
    "text",
    [
        # a loan product reviewed by banks is not the plan's work reviewed by government
        "推动银行将专利质押贷款纳入普惠金融考核。",
        # the parts in two clauses, or too far apart, are not one phrase
        "将知识产权工作纳入重点，考核结果按季度通报。",
        "将知识产权工作纳入全市经济社会发展总体布局和各部门各单位年度重点工作安排并加强考核。",
        # no IP cue and no word naming the plan: another review
        "将安全生产工作纳入年度目标考核。",
    ],
)
def test_split_labels_keep_to_one_phrase_and_its_sense(tagger, text):
    assert "performance_assessment" not in adopted(tagger, text)


def test_a_heading_takes_its_context_from_the_units_text(tagger):
    ip = "实施知识产权专业人才培养计划，支持高校开设知识产权课程。"
    medical = "实施医护人员培养计划，支持卫生学校扩大招生。"
    assert "talent_training" in adopted(tagger, ip, heading="加强人才培养")
    assert "talent_training" not in adopted(tagger, medical, heading="加强人才培养")


def test_a_compound_label_takes_its_context_from_the_headings_above_it(tagger):
    # Plans name the IP subject in the chapter or section heading and leave it
    # out of the items under it.
    path = ["三、建设知识产权保护体系", "（十）构建协同保护格局"]
    text = "健全行政执法与刑事司法衔接机制，完善案件移送规则。"
    assert "admin_criminal_linkage" in adopted(tagger, text, path=path)
    assert "admin_criminal_linkage" not in adopted(tagger, text, path=["三、优化营商环境"])
    assert "rights_assistance" in adopted(
        tagger, "在重点园区布设维权援助工作站。", path=["专栏4　知识产权保护能力提升工程"]
    )


@pytest.mark.parametrize(
    ("text", "measure_id"),
    [
        ("推进劳动争议调解。", "dispute_mediation"),
        ("落实职工保险待遇。", "ip_insurance"),
        ("做好部门预算编制。", "funding_guarantee"),
    ],
)
def test_a_bare_word_takes_no_context_from_headings(tagger, text, measure_id):
    assert measure_id not in adopted(tagger, text, path=["加强知识产权保护"])


# -- responsibility text, bracketed or not --------------------------------------------


def test_responsibility_clauses_are_agency_text(tagger):
    for text in (
        "市知识产权保护中心、市仲裁委员会按职责分工负责。",
        "由市知识产权保护中心牵头，各区人民政府配合。",
        "（市知识产权保护中心牵头，市司法局配合）",
        "各区人民政府、市知识产权保护中心",
        "责任单位：市知识产权保护中心",
    ):
        tags = tagger.tag_unit(unit(text))
        assert [
            (t.measure_id, t.adoption, t.reason)
            for t in tags
            if t.measure_id == "protection_center"
        ] == [("protection_center", False, "agency")], text


def test_an_agency_left_in_the_text_without_ip_context_is_no_mention(tagger):
    text = "由市商务局牵头，海关、市税务局按职责分工负责。"
    assert tagger.tag_unit(unit(text)) == []


def test_cooperation_with_an_agency_is_not_agency_text(tagger):
    assert "customs_protection" in adopted(tagger, "加强与海关的协作配合，严打进出口侵权行为。")
    assert "protection_center" in adopted(tagger, "依托知识产权保护中心开展专利快速预审。")


# -- refusals -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "measure_id", "reason"),
    [
        ("暂不设立知识产权快速维权中心。", "rapid_protection_center", "deferral"),
        ("不再对获得中国专利奖的项目给予配套奖励。", "patent_award", "abolition"),
        ("停止执行专利申请资助政策。", "funding_incentive", "abolition"),
        ("对知识产权证券化项目不予补贴。", "ip_securitization", "negation"),
        # waiting for a condition defers the measure
        ("知识产权证券化试点待条件成熟后再行启动。", "ip_securitization", "deferral"),
        ("专利开放许可工作待上级统一部署后推进。", "open_licensing", "deferral"),
        # an objectless refusal refers back to the clause before it
        ("知识产权证券化由省级统筹推进，本市不再另行安排。", "ip_securitization", "abolition"),
        (
            "软件正版化工作按现有机制推进，本方案不再重复部署。",
            "software_legalization",
            "abolition",
        ),
        # a refusal in the main clause refuses what the condition before it names
        ("对获得驰名商标认定的企业，不再给予奖励。", "well_known_trademark", "abolition"),
        (
            "对通过《企业知识产权管理规范》认证的，暂不给予补助。",
            "ip_management_standard",
            "deferral",
        ),
        ("禁止在广告中使用“驰名商标”字样。", "well_known_trademark", "wording"),
    ],
)
def test_refusals_are_mentions_with_their_reason(tagger, text, measure_id, reason):
    tags = [t for t in tagger.tag_unit(unit(text)) if t.measure_id == measure_id]
    assert [(t.adoption, t.reason) for t in tags] == [(False, reason)]


def test_a_refusal_with_its_own_object_does_not_reach_back(tagger):
    assert "protection_center" in adopted(tagger, "建设知识产权保护中心，暂不设立分中心。")
    # a condition followed by support is support
    assert "well_known_trademark" in adopted(tagger, "对获得驰名商标认定的企业，给予50万元奖励。")


def test_treatment_and_hosting_are_not_waiting():
    assert Tagger.refusal("待条件成熟后启动") == "deferral"
    for clause in ("对待发行企业做好辅导后备案", "落实人才待遇后续保障", "接待来访企业后做好登记"):
        assert Tagger.refusal(clause) is None, clause


def test_continually_is_not_a_negation(tagger):
    assert "protection_center" in adopted(tagger, "不断完善知识产权保护中心服务功能。")


# -- concepts real plans commit to ------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "measure_ids"),
    [
        ("推动版权产业高质量发展，壮大核心版权产业。", {"copyright_industry"}),
        ("争创全国版权示范城市。", {"copyright_demonstration"}),
        ("指导出口企业开展知识产权合规风险排查。", {"ip_compliance"}),
        ("组织实施专利转化专项计划。", {"patent_conversion_program"}),
        ("开展商品交易市场知识产权保护规范化建设。", {"regulated_market_protection"}),
        ("建立商标统计监测制度。", {"ip_statistics"}),
    ],
)
def test_new_concepts_are_found(tagger, text, measure_ids):
    assert adopted(tagger, text) == measure_ids


def test_every_measure_has_a_chinese_definition():
    onto = bundled_ontology()
    assert all(m.definition_zh for m in onto.measures)
    assert onto.measure("copyright_industry").definition_zh.startswith("发展以版权为价值来源的产业")


# -- phrasings real plans commonly use (labels added with a comment in measures.ttl) ----


@pytest.mark.parametrize(
    ("text", "measure_id"),
    [
        ("对获得发明专利授权的企业，每件给予2000元资助。", "funding_incentive"),
        ("完善以质量为导向的专利奖励政策。", "funding_incentive"),
        ("推动高校和科研机构向中小企业许可转让专利。", "university_patent_transfer"),
        ("在重点展会设立知识产权投诉工作站。", "exhibition_protection"),
        ("加强知识产权代理行业监管。", "service_supervision"),
        ("对涉嫌犯罪的商标侵权案件依法移送公安机关。", "admin_criminal_linkage"),
        ("实现知识产权行政执法与刑事司法无缝衔接。", "admin_criminal_linkage"),
        ("推动中级人民法院设立知识产权审判庭。", "ip_court"),
        ("推行知识产权民事、刑事、行政案件集中审理。", "three_in_one_trial"),
        ("发布知识产权典型案例，以案释法。", "legal_publicity"),
        ("将知识产权纳入干部教育培训内容。", "cadre_training"),
        ("财政要加大对知识产权工作的投入。", "funding_guarantee"),
        ("配强基层知识产权执法队伍。", "administrative_enforcement"),
        ("举办知识产权国际论坛。", "international_exchange"),
        ("开展知识产权政策实施效果评估。", "policy_evaluation"),
        ("发挥检察机关在知识产权案件中的法律监督作用。", "procuratorial_supervision"),
        ("严厉打击侵犯商业秘密犯罪。", "criminal_crackdown"),
        ("支持企业将核心专利融入行业标准。", "standard_essential_patent"),
        ("加强与周边城市的知识产权执法协作。", "regional_cooperation"),
        ("依托县融媒体中心开展知识产权宣传。", "media_communication"),
        ("建设市知识产权公共服务中心。", "public_service_platform"),
        ("组建知识产权专家咨询委员会。", "think_tank"),
        ("推动专利挂牌交易。", "ip_trading_center"),
        ("设立商标业务受理窗口。", "trademark_window"),
        ("支持高校开设知识产权专业。", "ip_discipline"),
        ("支持企业通过马德里体系注册商标。", "madrid_trademark"),
        ("严厉打击非正常申请专利行为。", "abnormal_filing_crackdown"),
        ("赋予科研人员职务科技成果所有权。", "benefit_distribution"),
        ("建立知识产权侵权黑名单制度。", "credit_supervision"),
        ("引导企业贯彻知识产权管理国家标准。", "ip_management_standard"),
        ("每年培训企业知识产权管理人员500人次。", "talent_training"),
        # the general4 round's phrasings
        ("支持市知识产权运营服务中心完善交易撮合功能。", "operation_platform"),
        ("加快新业态新领域知识产权保护规则研究。", "new_field_rules"),
        ("加强电子商务领域知识产权保护。", "ecommerce_protection"),
        ("强化直播电商知识产权侵权监测。", "ecommerce_protection"),
        ("引导专业市场开展知识产权保护规范化建设。", "regulated_market_protection"),
        ("深化知识产权区域协作。", "regional_cooperation"),
        ("对规划实施成效开展第三方评估。", "monitoring_evaluation"),
        ("强化知识产权规划考核评估。", "monitoring_evaluation"),
        ("建设区知识产权一站式服务中心。", "public_service_platform"),
        # the general5 round's phrasings
        ("推动技术标准与专利融合发展。", "standard_essential_patent"),
        ("推动某某农业大学存量专利以许可方式在本地转化。", "university_patent_transfer"),
        ("联合培养高层次知识产权人才。", "talent_training"),
        ("增强全社会尊重和保护知识产权的意识。", "legal_publicity"),
        ("科研项目经费中可列支知识产权申请和维护费用。", "funding_guarantee"),
        ("引导社会资本设立知识产权运营引导基金。", "ip_financial_service"),
        ("用好对口支援省市资源，深化知识产权合作。", "regional_cooperation"),
        ("推动地理标志纳入中欧地理标志协定互认互保清单。", "geographic_mutual_recognition"),
    ],
)
def test_common_phrasings_are_found(tagger, text, measure_id):
    assert measure_id in adopted(tagger, text)


@pytest.mark.parametrize(
    ("text", "measure_id"),
    [
        ("对作出突出贡献的单位和个人给予表彰奖励。", "funding_incentive"),
        ("组织特色农产品企业参加博览会，拓展销售渠道。", "exhibition_protection"),
        ("提升全民环境保护意识。", "legal_publicity"),
        ("对涉嫌犯罪的食品安全案件依法移送公安机关。", "admin_criminal_linkage"),
        ("建设市民政公共服务中心。", "public_service_platform"),
        ("支持高校和科研院所开展基础研究。", "university_patent_transfer"),
        ("支持企业通过直播电商拓展农产品销售渠道。", "ecommerce_protection"),
        ("发展电子商务领域新业态。", "ecommerce_protection"),
        ("推动农贸市场规范化管理，保护消费者权益。", "regulated_market_protection"),
        ("加强区域协作，推动交通基础设施互联互通。", "regional_cooperation"),
        ("强化安全生产考核评估。", "monitoring_evaluation"),
        # the general5 round's
        ("支持大学生创新创业，建设大学科技园。", "university_patent_transfer"),
        ("培养高素质技术技能人才。", "talent_training"),
        ("所需经费从部门预算中列支。", "funding_guarantee"),
        ("设立产业运营发展基金，支持物流园区建设。", "ip_financial_service"),
        ("做好东西部对口支援和乡村振兴衔接。", "regional_cooperation"),
        # between two cities of one province it is regional cooperation, not international
        ("两市之间实行地理标志互认互保。", "geographic_mutual_recognition"),
    ],
)
def test_the_new_phrasings_keep_their_traps(tagger, text, measure_id):
    assert measure_id not in adopted(tagger, text)


# -- the plan's title, later texts, topics a refusal names -----------------------------


def test_the_plans_title_frames_every_unit_for_compound_labels_not_bare_words(tagger):
    # the section names no IP subject; the plan's title does, as a chapter heading would
    path = ["四、优化协作衔接机制", "（九）完善协同保护"]
    text = "健全行政执法与刑事司法衔接机制，完善案件移送和信息共享。"
    task = unit(text, path=path)
    title = "某市关于强化知识产权保护的实施意见"
    assert "admin_criminal_linkage" in {t.measure_id for t in tagger.tag_unit(task, title)}
    assert "admin_criminal_linkage" not in {t.measure_id for t in tagger.tag_unit(task)}
    bare = unit("鼓励企业参加保险，落实职工待遇。", path=path)
    assert "ip_insurance" not in {t.measure_id for t in tagger.tag_unit(bare, title)}


@pytest.mark.parametrize(
    ("text", "measure_id", "reason"),
    [
        # left to a later text or to a time when conditions allow
        ("国家地理标志产品保护示范区创建工作视条件成熟时再行启动。", "gi_demo_zone", "deferral"),
        ("知识产权证券化试点视情况而定。", "ip_securitization", "deferral"),
        ("知识产权保险的保费补贴办法另行制定。", "ip_insurance", "deferral"),
        ("数据知识产权登记工作另行部署。", "data_ip", "deferral"),
        # a refusal after a topic refuses what the topic names
        ("以数据知识产权登记证书作为质押物的贷款，暂不纳入风险补偿范围。", "data_ip", "deferral"),
        ("以知识产权证券化方式取得的融资，不适用本办法。", "ip_securitization", "negation"),
    ],
)
def test_later_texts_and_refused_topics(tagger, text, measure_id, reason):
    tags = [t for t in tagger.tag_unit(unit(text)) if t.measure_id == measure_id]
    assert [(t.adoption, t.reason) for t in tags] == [(False, reason)]


def test_support_whose_detailed_rules_come_later_is_still_support(tagger):
    text = "对新注册地理标志证明商标的给予支持，具体办法另行制定。"
    assert "collective_certification_mark" in adopted(tagger, text)
    assert "data_ip" in adopted(tagger, "推进数据知识产权登记，视情况扩大试点范围。")


@pytest.mark.parametrize(
    ("text", "measure_id", "reason"),
    [
        # an exception carved out of a duty names what it leaves out
        (
            "支持项目除涉及国家秘密、商业秘密的外，应当向社会公示。",
            "trade_secret_protection",
            "exception",
        ),
        ("除涉及商业秘密的内容外，评审结果全部公开。", "trade_secret_protection", "exception"),
        # handed to another body: …统一由X承担 only names who carries it
        (
            "企业海外知识产权纠纷应对指导统一由省级分中心承担。",
            "overseas_dispute_guidance",
            "agency",
        ),
    ],
)
def test_exceptions_and_handovers_adopt_nothing(tagger, text, measure_id, reason):
    tags = [t for t in tagger.tag_unit(unit(text)) if t.measure_id == measure_id]
    assert [(t.adoption, t.reason) for t in tags] == [(False, reason)]


def test_besides_is_no_exception(tagger):
    # 除…外，还…: in addition to
    assert "trade_secret_protection" in adopted(
        tagger, "除加强专利保护外，还要完善商业秘密保护制度。"
    )
    assert "trade_secret_protection" in adopted(tagger, "除加强商业秘密保护外，还要加强执法。")
    assert "trade_secret_protection" in adopted(tagger, "除商业秘密保护外也要强化专利保护。")
