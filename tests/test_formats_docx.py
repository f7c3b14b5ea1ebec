"""Every plan with an expectation, as a Word file, loads into the same document as its text.

The .docx is built at test time with python-docx: the document's title as a
centred bold paragraph, standalone ``一、`` and ``（一）`` headings in the
``Heading 1``/``Heading 2`` styles, other paragraphs with a first-line indent,
the text's tables as Word tables, a task table in the *middle* of the plan (so
its place among the paragraphs is checked), and a page header and a footer
naming a contact person, which must not reach the text.

The reference is the document as printed (its title, then its text) with the
task table's rows at the same place. Accepted differences, as for a PDF: no
breadcrumb, page title line or 发布日期, so ``published_on`` is the manifest's.
"""

from __future__ import annotations

import io
import re

import docx
import formats_support as fs
import pytest

from policykg.errors import InvalidInput
from policykg.loaders.formats import extract
from policykg.loaders.source import load_source

CASES = fs.plan_cases()


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_word_file_loads_like_its_text(case: fs.PlanCase) -> None:
    parts = case.parts
    middle = fs.middle(parts)
    raw = fs.official_docx(parts, table_at=middle, title=case.entry.title or "")
    extracted = extract(raw, source=f"{case.name}.docx")
    assert extracted.format == "docx"
    reference = parts.printed_text(table_at=middle)
    assert extracted.text == re.sub(" {2,}", " ", reference)  # Word lays spaces out
    assert fs.document_facts(load_source(raw, case.entry)) == fs.document_facts(
        fs.load_text(reference, case.entry)
    )
    for leaked in (fs.CONTACT_NAME, fs.CONTACT_PHONE, "呼和浩特市人民政府办公室"):
        assert leaked not in extracted.text
    assert extracted.warnings == []


def test_headings_and_title_property() -> None:
    parts = fs.plan_parts(fs.corpus_text("hohhot.txt"))
    raw = fs.official_docx(parts, title="呼和浩特市推进知识产权强市建设工作方案")
    styles = [p.style.name for p in docx.Document(io.BytesIO(raw)).paragraphs]
    # hohhot: 4 chapters (一、…四、); sections (一)… standing alone: 3 + 6 + 4
    assert (styles.count("Heading 1"), styles.count("Heading 2")) == (4, 13)
    extracted = extract(raw)
    lines = extracted.text.splitlines()
    assert lines[lines.index("四、保障措施") + 1] == "(一)加强组织保障"
    ev = extracted.metadata["title"]
    assert (ev.value, ev.source) == (
        "呼和浩特市推进知识产权强市建设工作方案",
        "docx core properties: title",
    )


def test_automatic_numbering_is_reported() -> None:
    document = docx.Document()
    document.add_paragraph("加强组织领导", style="List Number")
    document.add_paragraph("强化资金保障", style="List Number")
    document.add_paragraph("各地要结合实际，抓好落实。")
    out = io.BytesIO()
    document.save(out)
    extracted = extract(out.getvalue(), source="numbered.docx")
    assert extracted.text == "加强组织领导\n强化资金保障\n各地要结合实际，抓好落实。\n"
    assert extracted.warnings == [
        "numbered.docx: 2 paragraph(s) use Word's automatic numbering, whose numbers are "
        "not in the text; headings numbered that way lose their markers"
    ]


def test_word_file_without_text_is_refused() -> None:
    out = io.BytesIO()
    docx.Document().save(out)
    with pytest.raises(InvalidInput, match=r"^empty\.docx is a Word file with no text"):
        extract(out.getvalue(), source="empty.docx")


def _word(paragraphs: list[str], title: str = "") -> bytes:
    document = docx.Document()
    document.core_properties.title = title
    for text in paragraphs:
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_ideographic_spaces_are_text_and_ascii_runs_are_layout() -> None:
    raw = _word(["第一章　发展基础", "联系人：  王某\t电话：0736"])
    assert extract(raw).text == "第一章　发展基础\n联系人： 王某 电话：0736\n"


@pytest.mark.parametrize(
    ("title", "evidence"),
    [
        ("文档1", None),
        ("导言", None),
        ("鹿鸣市知识产权强市建设实施方案", "鹿鸣市知识产权强市建设实施方案"),
    ],
)
def test_the_title_property_is_evidence_only_when_it_is_a_title(
    title: str, evidence: str | None
) -> None:
    found = extract(_word(["各单位要抓好落实。"], title)).metadata.get("title")
    assert (found.value if found else None) == evidence
