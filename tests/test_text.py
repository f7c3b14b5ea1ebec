"""policykg.text: script conversion, lookup keys, sentence and clause bounds."""

from __future__ import annotations

import itertools

import pytest

from policykg.text import (
    CLAUSE_END,
    SENTENCE_END,
    clause_spans,
    clauses,
    is_traditional,
    label_key,
    sentence_around,
    sentence_spans,
    sentences,
    to_simplified,
)


def test_traditional_to_simplified() -> None:
    # the title line of data/corpus/chongqing.txt, and Hohhot's name (already simplified)
    assert to_simplified("共建現代化新重慶知識產權強市實施方案") == (
        "共建现代化新重庆知识产权强市实施方案"
    )
    assert to_simplified("呼和浩特市") == "呼和浩特市"
    assert to_simplified("") == ""


def test_simplifying_twice_changes_nothing() -> None:
    once = to_simplified("知識產權質押融資")
    assert once == "知识产权质押融资"
    assert to_simplified(once) == once


@pytest.mark.parametrize(
    ("typed", "key"),
    [
        ("  質押融資 ", "质押融资"),
        ("IP Pledge Financing", "ip pledge financing"),
        ("Pledge_Financing", "pledge_financing"),
        ("PCT國際專利申請", "pct国际专利申请"),
        ("", ""),
    ],
)
def test_label_key_strips_simplifies_and_lowers(typed: str, key: str) -> None:
    assert label_key(typed) == key


def test_label_key_keeps_the_length_of_cjk_and_ascii_text() -> None:
    # search highlights are offsets into lower-cased text (policykg.services.search)
    text = "推进PCT國際專利申请"
    assert len(label_key(text)) == len(text)


def test_sentences_end_after_full_stops_semicolons_marks_and_newlines() -> None:
    text = "甲。乙；丙\n丁？戊！己"
    assert sentences(text) == ["甲。", "乙；", "丙\n", "丁？", "戊！", "己"]
    assert sentence_spans(text)[1] == (2, 4)
    assert sentences("") == []


def test_ascii_sentence_marks_end_a_sentence_too() -> None:
    assert sentences("WIPO; PCT! ok? 甲") == ["WIPO;", " PCT!", " ok?", " 甲"]


def test_spans_cover_the_text_without_gaps() -> None:
    text = "到2025年，专利授权量达到25000件；有效发明专利拥有量：5000件。\n附件"
    for spans in (sentence_spans(text), clause_spans(text)):
        assert spans[0][0] == 0 and spans[-1][1] == len(text)
        assert all(a[1] == b[0] for a, b in itertools.pairwise(spans))


def test_clauses_end_at_commas_but_not_at_colons() -> None:
    text = "到2025年，专利授权量达到25000件，有效发明专利拥有量：5000件。下句"
    assert clauses(text) == [
        "到2025年，",
        "专利授权量达到25000件，",
        "有效发明专利拥有量：5000件。",
        "下句",
    ]
    assert "：" not in CLAUSE_END and set(SENTENCE_END) < set(CLAUSE_END)


def test_sentence_around_keeps_a_span_whole() -> None:
    text = "前文。依据《关于印发甲。乙的通知》执行；后文"
    start, end = text.index("《"), text.index("》") + 1
    a, b = sentence_around(text, start, end)
    assert text[a:b] == "依据《关于印发甲。乙的通知》执行；"
    assert sentence_around("无标点的一句", 2, 3) == (0, len("无标点的一句"))


@pytest.mark.parametrize(
    ("typed", "simplified"),
    [
        # 著 is zhuó (the Taiwan form of 着) or zhù: only the phrase tells
        ("著力提升知識產權創造質量", "着力提升知识产权创造质量"),
        ("成效顯著，著力推進", "成效显著，着力推进"),
        ("加強著作權登記", "加强著作权登记"),
        ("接著推進專利轉化", "接着推进专利转化"),
        # zhù words the phrase tables miss
        ("出版學術專著和論著", "出版学术专著和论著"),
        ("保護土著傳統知識，成績卓著", "保护土著传统知识，成绩卓著"),
        # a query mixing the scripts: the simplified word stays as typed
        ("显著 專利", "显著 专利"),
    ],
)
def test_traditional_text_is_converted_by_its_phrases(typed: str, simplified: str) -> None:
    assert to_simplified(typed) == simplified
    assert to_simplified(simplified) == simplified  # simplified text never changes
    assert label_key(typed) == simplified.lower()


def test_simplified_text_with_zhu_is_never_touched() -> None:
    text = "成效显著，加强著作权登记，编著专著，著名商标。"
    assert not is_traditional(text)
    assert to_simplified(text) == text
    # an ambiguous character alone gives no sign of the script
    assert to_simplified("著力") == "著力"


def test_every_layer_uses_the_one_conversion() -> None:
    from policykg.loaders.normalise import normalise_text, simplify_document
    from policykg.ontology.tagger import Tagger
    from policykg.ontology.vocab import bundled_ontology

    trad = "著力推進知識產權質押融資"
    assert simplify_document(trad) == normalise_text(trad) == "着力推进知识产权质押融资"
    tags = Tagger(bundled_ontology()).tag_text(trad)
    assert "pledge_financing" in {m.measure_id for m in tags}
