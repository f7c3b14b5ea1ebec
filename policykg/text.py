"""Text conventions every layer shares: script, lookup keys, sentence and clause bounds.

One definition each, so the loaders, the tagger, the linker, the graph writer
and the read layer cannot drift apart:

* :func:`to_simplified`: traditional -> simplified script, the one conversion
  every layer uses (loaders, tagger, linker, labels, search queries). A text
  written in traditional script is converted with its phrases (著力 -> 着力,
  顯著 -> 显著, 著作權 -> 著作权), which no character table can tell apart;
  simplified text comes back unchanged, so converting twice is harmless; the
  Chongqing plan, Big5 pages and user queries may be traditional.
* :func:`label_key`: the key a label or a query is looked up by: stripped,
  simplified, lower-cased. The graph's ``Measure.labels_search`` holds the
  keys of a measure's labels and a lookup sends the key of what the user
  typed, so both sides use this one function. ``str.lower`` rather than
  ``casefold``: search highlights are offsets into lower-cased text, and
  ``lower`` keeps the length of CJK and ASCII text where ``casefold`` may not
  (``ß`` -> ``ss``); on the ontology's labels the two agree.
* Sentences end after ``。；;！!？?`` or a line break; clauses also end after
  a comma ``，,``. The delimiter stays with the sentence or clause it closes.
"""

from __future__ import annotations

import re
from functools import lru_cache

import opencc

from policykg.errors import ConfigError

#: Characters that end a sentence (the delimiter belongs to the sentence).
SENTENCE_END = "。；;！!？?\n"
#: Characters that end a clause: a sentence end or a comma. Not a colon: what
#: follows a colon belongs to what precedes it (有效发明专利拥有量：5000件;
#: 取消以下资助：…).
CLAUSE_END = SENTENCE_END + "，,"

_SENTENCE_STOP = re.compile("[" + re.escape(SENTENCE_END) + "]")
_CLAUSE_STOP = re.compile("[" + re.escape(CLAUSE_END) + "]")


@lru_cache(maxsize=4)
def _opencc(config: str) -> opencc.OpenCC:
    # The PyPI wheel accepts both "t2s" and "t2s.json"; the bare name is the documented one.
    try:
        return opencc.OpenCC(config)
    except Exception as e:  # the wheel raises a bare RuntimeError on a missing config
        raise ConfigError(
            f"cannot load OpenCC's {config} conversion (reinstall opencc): {e}"
        ) from e


#: Share of a text's CJK characters that must be traditional for it to be read as
#: traditional script (simplified text has none; a Big5 page nearly a third).
TRADITIONAL_SHARE = 0.05
_CJK_CHAR = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
#: Words in which 著 is zhù (a work, notable) that OpenCC's phrase tables for
#: traditional text turn into 着: 专著 is a monograph, 土著 a native, 卓著 outstanding.
_ZHU_WORDS = (
    "土著",
    "卓著",
    "编著",
    "专著",
    "论著",
    "原著",
    "遗著",
    "译著",
    "著有",
    "拙著",
    "新著",
)
_ZHU_FIX = {w.replace("著", "着"): w for w in _ZHU_WORDS}
_ZHU_WRONG = re.compile("|".join(_ZHU_FIX))


def is_traditional(text: str) -> bool:
    """Whether a text is written in traditional script (enough characters change)."""
    cjk = _CJK_CHAR.findall(text)
    if not cjk:
        return False
    joined = "".join(cjk)
    changed = sum(a != b for a, b in zip(cjk, str(_opencc("t2s").convert(joined)), strict=False))
    return changed >= TRADITIONAL_SHARE * len(cjk)


def to_simplified(text: str) -> str:
    """Convert a text to simplified script, by its phrases when it is traditional.

    OpenCC's character table (``t2s``) cannot tell 著 (zhù, in 顯著, 著作權) from
    著 (zhuó, the Taiwan form of 着 in 著力, 接著); its phrase tables for
    traditional text (``tw2s``) can, but they assume traditional input and
    turn a simplified 显著 into 显着. So a text in traditional script (at least
    :data:`TRADITIONAL_SHARE` of its characters change) is first brought to
    traditional throughout (``s2t``: a simplified word in it, 显著, becomes
    顯著) and then converted by phrases (``tw2s``), and the few zhù words those
    tables miss (专著, 土著) are put right; any other text goes through the
    character table, which leaves simplified text unchanged. A string whose
    only traditional sign is an ambiguous character (``著力`` alone) reads as
    simplified.

    Args:
        text: any text, possibly mixing Chinese with Latin letters and digits.

    Returns:
        The text in simplified script.
    """
    if not text:
        return text
    simple = str(_opencc("t2s").convert(text))
    if simple == text or not is_traditional(text):
        return simple
    phrased = str(_opencc("tw2s").convert(str(_opencc("s2t").convert(text))))
    return _ZHU_WRONG.sub(lambda m: _ZHU_FIX[m.group(0)], phrased)


def label_key(text: str) -> str:
    """The lookup key of a label, an id or a query: stripped, simplified, lower-cased."""
    return to_simplified(text.strip()).lower()


def _spans(stop: re.Pattern[str], text: str) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    start = 0
    # a regex scan, not a Python loop per character: this runs for every unit
    for m in stop.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each sentence of ``text``, in order, covering all of it.

    Each sentence keeps the delimiter that closes it; the last one may have none.
    """
    return _spans(_SENTENCE_STOP, text)


def clause_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of each clause of ``text`` (split after sentence ends and ，,)."""
    return _spans(_CLAUSE_STOP, text)


def sentences(text: str) -> list[str]:
    """The sentences of ``text``, each with its closing delimiter."""
    return [text[a:b] for a, b in sentence_spans(text)]


def clauses(text: str) -> list[str]:
    """The clauses of ``text``, each with its closing delimiter."""
    return [text[a:b] for a, b in clause_spans(text)]


def sentence_around(text: str, start: int, end: int) -> tuple[int, int]:
    """The span from the sentence end before ``start`` to the first one at or after ``end``.

    The span holds ``text[start:end]`` whole even if a delimiter falls inside
    it (a cited title that holds a 。), and includes the closing delimiter.
    """
    left = 0
    for stop in _SENTENCE_STOP.finditer(text, 0, start):
        left = stop.end()
    right = _SENTENCE_STOP.search(text, end)
    return left, right.end() if right else len(text)
