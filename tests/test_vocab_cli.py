"""``policykg vocab check|suggest`` and the suggestion finder behind it."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from policykg.cli import app
from policykg.loaders import load_document, read_plan_bytes
from policykg.model import Document
from policykg.ontology.suggest import suggest, untagged_clauses
from policykg.ontology.tagger import Tagger
from policykg.ontology.vocab import bundled_ontology, ontology_dir
from policykg.pipeline import corpus_entries
from policykg.resources import corpus_dir


@pytest.fixture(scope="module")
def bundled() -> list[Document]:
    return [
        load_document(read_plan_bytes(path, 20 * 1024 * 1024), entry)
        for entry, path in corpus_entries(corpus_dir())
    ]


@pytest.fixture()
def vocabulary(tmp_path: Path) -> Path:
    folder = tmp_path / "onto"
    folder.mkdir()
    for name in ("measures.ttl", "indicators.ttl"):
        shutil.copy(ontology_dir() / name, folder / name)
    return folder


def _add_to(folder: Path, measure: str, triples: str) -> None:
    """Append property lines to one measure's block of measures.ttl."""
    path = folder / "measures.ttl"
    text = path.read_text(encoding="utf-8")
    start = text.index(f"measure:{measure} a skos:Concept")
    at = text.index("    skos:broader", start)
    path.write_text(text[:at] + triples + text[at:], encoding="utf-8")


# -- check ---------------------------------------------------------------------------


def test_check_passes_on_the_bundled_vocabulary():
    result = CliRunner().invoke(app, ["vocab", "check", "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    onto = bundled_ontology()
    assert data["ok"] is True and data["problems"] == []
    assert data["measures"] == len(onto.measures)
    assert data["context_labels"] == sum(len(m.context_labels) for m in onto.measures)
    text = CliRunner().invoke(app, ["vocab", "check"]).output
    assert text.startswith("ok: ")


def test_check_fails_on_an_ambiguous_short_label(vocabulary):
    _add_to(vocabulary, "ip_custody", '    skos:altLabel "代管"@zh ;\n')
    result = CliRunner().invoke(app, ["vocab", "check", "--ontology", str(vocabulary)])
    assert result.exit_code == 1
    assert "short label '代管' without a context rule" in result.output
    # declaring the rule fixes it
    _add_to(vocabulary, "ip_custody", '    pkg:contextLabel "代管"@zh ;\n')
    ok = CliRunner().invoke(app, ["vocab", "check", "--ontology", str(vocabulary)])
    assert ok.exit_code == 0, ok.output


def test_check_reports_shacl_failures(vocabulary):
    path = vocabulary / "measures.ttl"
    text = path.read_text(encoding="utf-8")
    # drop the Chinese definition of patent_pool
    zh = "将多个权利人的专利集中起来统一许可的专利池，通常围绕某一产业或标准。"
    assert zh in text
    text = text.replace(f' ,\n        "{zh}"@zh', "")
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["vocab", "check", "--json", "--ontology", str(vocabulary)])
    assert result.exit_code == 1
    problems = json.loads(result.output)["problems"]
    assert any("one Chinese definition" in p and "patent_pool" in p for p in problems)


# -- suggest -------------------------------------------------------------------------


def test_untagged_clauses_hold_no_label(bundled):
    tagger = Tagger(bundled_ontology())
    hohhot = next(d for d in bundled if d.jurisdiction.id == "hohhot")
    clauses = list(untagged_clauses(hohhot, tagger))
    assert clauses
    for _, _, clause in clauses:
        assert all(m.reason == "no_context" for m in tagger.tag_text(clause))
    units = {u.id: u for u in hohhot.units}
    assert all(units[uid].kind not in ("background", "other") for uid, _, _ in clauses)


def test_a_concept_the_vocabulary_lacks_comes_back_as_a_suggestion(bundled):
    # Without the patent-navigation measure, 专利导航 is untagged text in several
    # plans, and the finder proposes it with the units as evidence.
    full = bundled_ontology()
    without = full.model_copy(
        update={"measures": [m for m in full.measures if m.id != "patent_navigation"]}
    )
    found = {s.phrase: s for s in suggest(bundled, Tagger(without), limit=500)}
    assert "专利导航" in found
    assert len(found["专利导航"].plans) >= 3
    assert all("专利导航" in e.clause for e in found["专利导航"].units)
    with_it = {s.phrase for s in suggest(bundled, Tagger(full), limit=500)}
    assert "专利导航" not in with_it


def test_suggestions_are_ranked_and_filtered(bundled):
    found = suggest(bundled, Tagger(bundled_ontology()), limit=40)
    assert len(found) == 40
    for s in found:
        assert len(s.plans) >= 2
        assert not s.phrase.startswith(("加强", "推进", "完善"))
        assert s.phrase[0] not in "的和与及等"
    # fragments cut out of a longer word are dropped: 化知识产权 is the tail of 强化…
    assert all(not s.phrase.startswith("化") for s in found)


def test_suggest_command_prints_candidates_with_evidence():
    result = CliRunner().invoke(app, ["vocab", "suggest", "--json", "--top", "5"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert len(data) == 5
    assert all(item["units"] and item["units"][0]["clause"] for item in data)
    text = CliRunner().invoke(app, ["vocab", "suggest", "--top", "3"]).output
    assert "candidates from 5 plans" in text
