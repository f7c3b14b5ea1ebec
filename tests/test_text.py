"""policykg.text: script conversion, lookup keys, sentence and clause bounds."""

from __future__ import annotations

import itertools

import pytest

from policykg.text import (
    CLAUSE_END,
    SENTENCE_END,
    clause_spans,
    clauses,
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
