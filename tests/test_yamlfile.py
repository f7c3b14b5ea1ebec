"""policykg.yamlfile: every YAML file is read into its model, or fails in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel, ConfigDict, RootModel

from policykg.errors import InvalidInput, OntologyError
from policykg.linker.features import chapter_cues, clause_cues
from policykg.linker.model import load_weights
from policykg.loaders.manifest import load_manifest
from policykg.ontology.outline import load_outline
from policykg.resources import corpus_dir
from policykg.yamlfile import load_yaml


class Pair(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    count: int


class Pairs(BaseModel):
    model_config = ConfigDict(extra="forbid")

    pairs: list[Pair]


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "f.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_valid_file_becomes_its_model(tmp_path: Path) -> None:
    path = _write(tmp_path, "pairs:\n  - {name: 甲, count: 2}\n  - {name: b, count: 3}\n")
    assert load_yaml(path, Pairs) == Pairs(
        pairs=[Pair(name="甲", count=2), Pair(name="b", count=3)]
    )


def test_a_root_model_reads_a_bare_mapping(tmp_path: Path) -> None:
    path = _write(tmp_path, "a: [x, y]\nb: []\n")
    assert load_yaml(path, RootModel[dict[str, list[str]]]).root == {"a": ["x", "y"], "b": []}


def test_a_missing_file_is_one_line_naming_it(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as e:
        load_yaml(tmp_path / "nope.yaml", Pairs)
    assert e.value.message == f"{tmp_path / 'nope.yaml'}: file not found"


def test_a_syntax_error_names_line_and_column(tmp_path: Path) -> None:
    # the unquoted English label the old core_measures.yaml had on its line 22
    path = _write(tmp_path, 'pairs:\n  - {name: "three-in-one" trials, count: 1}\n')
    with pytest.raises(InvalidInput) as e:
        load_yaml(path, Pairs)
    assert e.value.message.startswith(f"{path} is not valid YAML: line 2, column ")
    assert "\n" not in e.value.message


def test_a_wrong_shape_names_the_first_place_and_counts_the_rest(tmp_path: Path) -> None:
    path = _write(tmp_path, "pairs:\n  - {name: a}\n  - {name: b, count: many, extra: 1}\n")
    with pytest.raises(InvalidInput) as e:
        load_yaml(path, Pairs)
    assert e.value.message == (
        f"{path} does not match its schema: pairs.0.count: Field required (and 2 more)"
    )
    assert [d["loc"] for d in e.value.detail] == ["pairs.0.count", "pairs.1.count", "pairs.1.extra"]


def test_an_empty_file_is_a_wrong_shape(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"does not match its schema: \(top level\)"):
        load_yaml(_write(tmp_path, ""), Pairs)


def test_the_caller_chooses_the_error_class(tmp_path: Path) -> None:
    with pytest.raises(OntologyError):
        load_yaml(_write(tmp_path, "pairs: 3\n"), Pairs, error=OntologyError)


# -- the project's files, through their loaders -----------------------------


def test_the_bundled_files_load() -> None:
    assert [e.jurisdiction.id for e in load_manifest(corpus_dir() / "manifest.yaml")] == [
        "hohhot",
        "heyuan",
        "guangxi",
        "ningbo",
        "chongqing",
    ]
    assert len(load_outline().clauses) == 24
    assert chapter_cues()["九"] == ("保障措施", "组织保障", "组织实施")
    assert clause_cues()["C01"] == ("指导思想",)
    assert load_weights().intercept == pytest.approx(-5.807927)


def test_a_manifest_with_a_typo_is_invalid_input(tmp_path: Path) -> None:
    path = _write(tmp_path, "documents:\n  - {fil: a.txt}\n")
    with pytest.raises(InvalidInput) as e:
        load_manifest(path)
    assert e.value.message.startswith(f"{path} does not match its schema: documents.0.")


def test_weights_in_the_wrong_shape_are_an_ontology_error(tmp_path: Path) -> None:
    with pytest.raises(OntologyError, match="features"):
        load_weights(_write(tmp_path, "features: [1, 2]\nintercept: 0\n"))
