"""Contact details: personal data that must never reach the graph.

Pages carry a feedback or contact block (``联系人：… 电话：… 邮箱：…``), a site
footer with an address and a switchboard number, and a draft's 征求意见 notice
asks for comments to a named official by phone or e-mail. A line holding any
of these is dropped whole: the person's name sits next to the label and cannot
be cut out reliably, and nothing of the line is recorded anywhere (only its
line number).

A line is a contact line when it has

* an e-mail address;
* a contact label with a colon (``联系人：``, ``电话：``, ``传真：``, ``邮箱：``,
  ``地址：``, ``邮编：``, ``QQ：``, ``微信号：``…);
* a telephone number in the forms Chinese numbers are printed: a trunk code and
  a local number (``0736-8821456``, ``(0574)88212221``), an 11-digit mobile
  number (``13812345678``), or a line that is nothing but digits and dashes
  (a number printed alone under a label on the line before) -- unless it is
  a date (``2022-11-08``).

Eight-digit figures inside a sentence (``23271万元``) are not telephone numbers:
only the trunk-code and mobile forms are matched inside text.
"""

from __future__ import annotations

import re

from policykg.loaders.dates import parse_date_line

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LABEL = re.compile(
    r"(电子邮箱|电子信箱|邮箱|电子邮件|邮件|传真|联系电话|电话|联系人|联系方式|手机|"
    r"QQ|微信号|通讯地址|通信地址|联系地址|地址|邮编|邮政编码)\s*[:：]"
)
_PHONE_IN_TEXT = re.compile(
    r"(?<![\d.])(?:[（(]0\d{2,3}[）)]\s*|0\d{2,3}\s*[-－—]\s*)\d{7,8}(?!\d)"
    r"|(?<![\d.])1[3-9]\d{9}(?![\d.])"
)
_NUMBER_ONLY = re.compile(r"^[\d\s\-－()（）+]{7,}$")


def contains_personal_data(line: str) -> bool:
    """True for a line with an e-mail address, a contact label or a telephone number."""
    return bool(
        _EMAIL.search(line)
        or _LABEL.search(line)
        or _PHONE_IN_TEXT.search(line)
        or (_NUMBER_ONLY.match(line.strip()) is not None and parse_date_line(line) is None)
    )
