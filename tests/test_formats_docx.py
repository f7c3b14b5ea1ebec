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
