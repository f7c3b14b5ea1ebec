"""Chinese numerals as plans use them in markers: 一 … 九十九, 〇 and 两 included."""

from __future__ import annotations

_DIGITS = {
    "〇": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_CHARS = "〇一二三四五六七八九"

CHINESE_NUMERAL_CHARS = "〇零一二两三四五六七八九十百"


def chinese_to_int(s: str) -> int | None:
    """Value of a Chinese numeral up to 999 (``二十四`` -> 24), None if it is not one."""
    if not s or any(ch not in CHINESE_NUMERAL_CHARS for ch in s):
        return None
    total = 0
    current = 0
    for ch in s:
        if ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        else:
            current = _DIGITS[ch]
    return total + current


def int_to_chinese(n: int) -> str:
    """The numeral plans write for ``n`` (1 <= n <= 99): 1 -> 一, 10 -> 十, 24 -> 二十四."""
    if not 1 <= n <= 99:
        raise ValueError(f"no marker numeral for {n}")
    tens, units = divmod(n, 10)
    out = ""
    if tens:
        out = ("" if tens == 1 else _CHARS[tens]) + "十"
    if units:
        out += _CHARS[units]
    return out
