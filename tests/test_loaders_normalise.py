"""Normalisation: pinyin out, simplified script, canonical punctuation, markers."""

from __future__ import annotations

import pytest

from policykg.loaders.markers import RANK_COLUMN, RANK_L1, RANK_L2, RANK_L3
from policykg.loaders.normalise import (
    is_pinyin,
    is_traditional,
    normalise_doc_number,
    normalise_text,
    simplify_document,
    strip_pinyin,
    strip_placeholders,
)
from policykg.loaders.numerals import chinese_to_int, int_to_chinese
from policykg.loaders.segment import match_heading


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("現(xiàn)將", "現將"),
        ("各區(qū)縣", "各區縣"),
        ("醫院【yuàn】", "醫院"),
        ("創(chuang4)新", "創新"),
        ("發(fa)展", "發展"),
    ],
)
def test_pinyin_annotations_stripped(raw: str, clean: str) -> None:
    assert strip_pinyin(raw) == clean


@pytest.mark.parametrize(
    "kept",
    ["(河源)分中心", "国际专利(PCT)申请", "地区生产总值(GDP)", "（一）", "第(2)项", "公司(ab)"],
)
def test_real_parentheses_kept(kept: str) -> None:
    assert strip_pinyin(kept) == kept


def test_is_pinyin() -> None:
    assert is_pinyin("xiàn") and is_pinyin("qū") and is_pinyin("zhuang") and is_pinyin("lv3")
    assert not is_pinyin("ab") and not is_pinyin("pct") and not is_pinyin("chung")


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("纲要 (2021—2035年)》实施方案", "纲要（2021—2035年）》实施方案"),
        ("基层 法院数量。刑事、 行政", "基层法院数量。刑事、行政"),
        ("现将《方案》印发给你们,请认真贯彻", "现将《方案》印发给你们，请认真贯彻"),
        ("〔責任單位：市知識產權局〕", "（责任单位：市知识产权局）"),
        ("１２３件", "123件"),
        ("2022-02-16 17:10:51", "2022-02-16 17:10:51"),
        ("保险+ 维权", "保险+维权"),
    ],
)
def test_punctuation(raw: str, canonical: str) -> None:
    assert normalise_text(raw) == canonical


@pytest.mark.parametrize(
    "raw",
    [
        "呼政发[2022]49号",
        "呼政发［2022］49号",
        "呼政发【2022】49号",
        "呼政发(2022)49号",
        "呼政发〔2022〕49号",
    ],
)
def test_doc_number_brackets(raw: str) -> None:
    assert normalise_doc_number(raw) == "呼政发〔2022〕49号"
    assert normalise_text(f"依据{raw}文件") == "依据呼政发〔2022〕49号文件"


@pytest.mark.parametrize(
    ("line", "marker", "number", "level"),
    [
        ("一、总体要求", "一、", 1, RANK_L1),
        ("（二十四）强化宣传引导。加强对", "（二十四）", 24, RANK_L2),
        ("1.完善法规制度。坚持", "1.", 1, RANK_L3),
        ("1 .完善法规制度", "1.", 1, RANK_L3),
        ("12.加强公共服务建设", "12.", 12, RANK_L3),
        ("专栏3版权创新发展工程|", "专栏3", 3, RANK_COLUMN),
        ("专栏9：高素质知识产权行政保护人才建设项目|", "专栏9", 9, RANK_COLUMN),
    ],
)
def test_markers(line: str, marker: str, number: int, level: int) -> None:
    # Lines arrive normalised: "1．" and "1﹒" have already become "1.".
    h = match_heading(line)
    assert h is not None and (h.marker, h.number, h.level) == (marker, number, level)


def test_markers_from_raw_variants() -> None:
    for raw in ["1．完善法规制度", "1﹒完善法规制度", "1 . 完善法规制度", "(一)完善", "（一）完善"]:
        h = match_heading(normalise_text(raw))
        assert h is not None and h.number == 1


def test_not_markers() -> None:
    for line in ["1.85件", "2020年我市企业首获", "——坚持党的领导。"]:
        assert match_heading(normalise_text(line)) is None


def test_numerals() -> None:
    assert [chinese_to_int(s) for s in ["一", "十", "十一", "二十", "二十四", "一百"]] == [
        1,
        10,
        11,
        20,
        24,
        100,
    ]
    assert chinese_to_int("知识") is None
    assert [int_to_chinese(n) for n in [1, 10, 11, 20, 24]] == [
        "一",
        "十",
        "十一",
        "二十",
        "二十四",
    ]


def test_a_traditional_document_is_simplified_with_its_phrases() -> None:
    trad = "著力提升知識產權創造質量，成效顯著，加強著作權登記。"
    assert is_traditional(trad)
    assert simplify_document(trad) == "着力提升知识产权创造质量，成效显著，加强著作权登记。"
    simple = "着力提升知识产权创造质量，成效显著，加强著作权登记。"
    assert not is_traditional(simple)
    assert simplify_document(simple) == simple  # 显著 stays 显著


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("????1. 實施高價值專利培育工程。", "1. 實施高價值專利培育工程。"),
        ("??　為深入貫徹綱要，制定本方案。", "為深入貫徹綱要，制定本方案。"),
        ("?", ""),
        ("？為什麼", "？為什麼"),  # a full-width question mark is punctuation
        ("是否达标?是。", "是否达标?是。"),  # inside text it stays
    ],
)
def test_placeholder_indents_are_whitespace(raw: str, clean: str) -> None:
    assert strip_placeholders(raw) == clean
