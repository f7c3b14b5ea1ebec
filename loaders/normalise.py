"""Normalise plan text: pinyin annotations out, simplified script, one punctuation style.

Canonical form of normalised text (what every later step and the graph see):

* simplified characters (:func:`policykg.text.to_simplified`, the conversion
  every layer uses); the caller keeps the original line. A document written in
  traditional script is converted with its phrases (``著力`` -> ``着力`` but
  ``顯著`` -> ``显著``), which the character table alone cannot tell apart;
* no inline pinyin annotations: ``現(xiàn)`` -> ``现``, ``院【yuàn】`` -> ``院``.
  Only lowercase pinyin syllables (with or without tone marks or a tone digit)
  in brackets right after a Chinese character count; ``(PCT)``, ``(GDP)`` and
  ``(河源)`` are real parentheses and stay;
* full-width Chinese brackets ``（）`` for all parentheses, ``〔〕`` only around the
  year of a document number (``呼政发〔2022〕49号``; ``[2022]``, ``［2022］``,
  ``【2022】`` and ``(2022)`` there become ``〔2022〕``), any other ``〔〕`` -> ``（）``;
* full-width ``，：；！？`` next to Chinese text; ASCII digits and Latin letters
  (full-width ``１２ＡＢ`` folded); ``．`` and ``﹒`` after a digit become ``.``;
* no emphasis markup: ``**bold**``, ``<b>``, ``<strong>`` left by a page copied
  as Markdown or half-stripped HTML are formatting, not text (a heading marker
  inside them is read by the segmenter as before);
* no whitespace next to Chinese characters or punctuation (line-wrapping
  artefacts such as ``基层 法院``); ``collapse_spaces=False`` keeps it for the
  metadata step, where a space separates two issuers on one line.

* no placeholder indent: a ``?`` where the page's encoding could not hold a
  no-break space (a Big5 or GB2312 page converted from HTML) is whitespace
  at the start of a line (``????1. 實施…``, a line of ``?`` alone); a ``?``
  inside text stays (:func:`strip_placeholders`).

Item markers are normalised by the segmenter (``1.``, ``（一）``, ``一、``).
"""

from __future__ import annotations

import re

from policykg.text import is_traditional, to_simplified

__all__ = [
    "is_pinyin",
    "is_traditional",
    "normalise_doc_number",
    "normalise_punctuation",
    "normalise_text",
    "simplify_document",
    "strip_markup",
    "strip_pinyin",
    "strip_placeholders",
]

_TONED = "āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜü"
_SYLLABLE = (
    r"(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?"
    r"(?:iang|iong|uang|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn"
    r"|ia|ie|iu|ua|uo|ue|ve|ui|er|a|o|e|i|u|v|ü)[1-5]?"
)
_SYLLABLE_RE = re.compile(rf"^{_SYLLABLE}(?: ?{_SYLLABLE}){{0,3}}$")
_PINYIN_ANNOTATION = re.compile(
    rf"(?<=[\u3400-\u9fff])[(（【\[]"
    rf"([a-z{_TONED}]{{1,7}}(?: ?[a-z{_TONED}]{{1,7}}){{0,3}}[1-5]?)"
    r"[)）】\]]"
)
_TONE_FOLD = str.maketrans(
    {
        c: b
        for b, group in zip("aeiouü", ["āáǎà", "ēéěè", "īíǐì", "ōóǒò", "ūúǔù", "ǖǘǚǜ"], strict=True)
        for c in group
    }
)

_CJK = r"\u3400-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff1f\uff3b-\uff3d\uff5b-\uff65“”‘’《》〈〉—…·"
_WIDE = f"{_CJK}{_CJK_PUNCT}"
_SPACE_NEAR_WIDE = re.compile(rf"(?<=[{_WIDE}])[ \t\u00a0\u3000]+|[ \t\u00a0\u3000]+(?=[{_WIDE}])")
_HALF_PUNCT = {",": "，", ";": "；", ":": "：", "!": "！", "?": "？"}
_PUNCT_NEAR_WIDE = re.compile(rf"(?<=[{_WIDE}])\s*([,;:!?])|([,;:!?])(?=\s*[{_WIDE}])")
_DOC_NUMBER_YEAR = re.compile(r"[\[［【(（〔]\s*((?:19|20)\d{2})\s*[\]］】)）〕](?=\s*第?\d+\s*号)")
_DIGIT_STOP = re.compile(r"(?<=\d)[．﹒]")
_EMPHASIS_MARKUP = re.compile(r"\*\*|</?(?:b|strong)>", re.IGNORECASE)
_FULLWIDTH_ALNUM = {
    c: c - 0xFEE0
    for r in ((0xFF10, 0xFF19), (0xFF21, 0xFF3A), (0xFF41, 0xFF5A))
    for c in range(r[0], r[1] + 1)
}


_PLACEHOLDER_INDENT = re.compile(r"^[ \t\u3000\xa0]*\?[? \t\u3000\xa0]*", re.M)


def strip_placeholders(text: str) -> str:
    """``?`` standing for unencodable spaces at line starts (and ``?``-only lines) removed.

    Run after the GBK byte-shift repair, which has taken the ``?`` that opens a
    shifted run; what is left at a line's start before text is an indent.
    """
    return _PLACEHOLDER_INDENT.sub("", text)


def is_pinyin(s: str) -> bool:
    """True when ``s`` spells pinyin syllables (tone marks or a tone digit allowed)."""
    return bool(_SYLLABLE_RE.match(s.translate(_TONE_FOLD)))


def strip_pinyin(text: str) -> str:
    """Remove inline pinyin annotations (``現(xiàn)`` -> ``現``), keep real parentheses."""
    return _PINYIN_ANNOTATION.sub(lambda m: "" if is_pinyin(m.group(1)) else m.group(0), text)


def strip_markup(text: str) -> str:
    """Emphasis markup out (``**bold**``, ``<b>``): the capture's, not the publisher's."""
    return _EMPHASIS_MARKUP.sub("", text)


def simplify_document(text: str) -> str:
    """A whole document in simplified script (:func:`policykg.text.to_simplified`).

    A traditional document (a Big5 page, a site's 繁體 view) is converted with
    its phrases (著 is 着 in 著力 and 著 in 顯著 and 著作權); a simplified one
    is unchanged. Kept as the loaders' step name; the conversion is the one
    every layer uses.
    """
    return to_simplified(text)


def normalise_punctuation(text: str, *, collapse_spaces: bool = True) -> str:
    """Bring brackets, punctuation width and spacing to the canonical form above."""
    text = strip_markup(text.translate(_FULLWIDTH_ALNUM))
    text = _DIGIT_STOP.sub(".", text)
    text = _DOC_NUMBER_YEAR.sub(lambda m: f"\x00{m.group(1)}\x01", text)
    text = text.replace("(", "（").replace(")", "）").replace("〔", "（").replace("〕", "）")
    text = text.replace("\x00", "〔").replace("\x01", "〕")
    if collapse_spaces:
        text = _SPACE_NEAR_WIDE.sub("", text)
    text = _PUNCT_NEAR_WIDE.sub(lambda m: _HALF_PUNCT[m.group(1) or m.group(2)], text)
    return text


def normalise_text(text: str, *, collapse_spaces: bool = True) -> str:
    """The full normalisation: pinyin out, simplified script, canonical punctuation."""
    return normalise_punctuation(
        to_simplified(strip_pinyin(text)), collapse_spaces=collapse_spaces
    ).strip()


def normalise_doc_number(s: str) -> str:
    """A 文号 in canonical form: ``呼政发[2022]49号`` -> ``呼政发〔2022〕49号``."""
    s = re.sub(r"\s+", "", s.translate(_FULLWIDTH_ALNUM))
    # A 文号 found in running text may have swallowed the verb before it.
    s = re.sub(r"^(?:依据|根据|按照|参照|执行|落实|印发|转发|详见|见|和|及|与|即)+", "", s)
    return _DOC_NUMBER_YEAR.sub(lambda m: f"〔{m.group(1)}〕", s)
