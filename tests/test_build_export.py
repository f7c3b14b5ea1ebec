"""`policykg build` and the JSON export: idempotent, complete, valid, no personal data."""

from __future__ import annotations

import json

import pytest

from policykg.build import build
from policykg.exporters import export_bytes
from policykg.graph.store import GraphStore
from policykg.resources import corpus_dir
from policykg.services.dataset import build_dataset, validate_dataset

JURISDICTIONS = {
    # from data/corpus/manifest.yaml, which follows ../shared/corpus/README.md
    "hohhot": ("呼和浩特市", "prefecture_city"),
    "heyuan": ("河源市", "prefecture_city"),
    "guangxi": ("广西壮族自治区", "province"),
    "ningbo": ("宁波市", "sub_provincial_city"),
    "chongqing": ("重庆市", "municipality"),
}


@pytest.fixture(scope="module")
def dataset(corpus_store: GraphStore) -> dict:  # type: ignore[type-arg]
    return build_dataset(corpus_store)


def test_export_validates_and_has_all_five_documents(dataset: dict) -> None:  # type: ignore[type-arg]
    validate_dataset(dataset)
    docs = {d["jurisdiction"]["id"]: d for d in dataset["documents"]}
    assert set(docs) == set(JURISDICTIONS)
    for jid, (name, level) in JURISDICTIONS.items():
        assert docs[jid]["jurisdiction"]["name"] == name
        assert docs[jid]["jurisdiction"]["level"] == level
        assert docs[jid]["source_file"] == f"{jid}.txt"


def test_metadata_read_back_from_the_graph(dataset: dict) -> None:  # type: ignore[type-arg]
    docs = {d["jurisdiction"]["id"]: d for d in dataset["documents"]}
    # hohhot.txt: 呼政发〔2022〕49号, signed 2022年12月25日
    assert docs["hohhot"]["doc_number"] == "呼政发〔2022〕49号"
    assert docs["hohhot"]["issued_on"] == "2022-12-25"
    # guangxi.txt: 桂办发〔2022〕3号
    assert docs["guangxi"]["doc_number"] == "桂办发〔2022〕3号"
    # ningbo.txt is a 征求意见稿: a draft
    assert docs["ningbo"]["status"] == "draft"
    # heyuan.txt has no title line, issuer or date: null, never invented
    assert docs["heyuan"]["issued_on"] is None


def test_every_unit_belongs_to_a_document_and_is_tagged_and_linked(dataset: dict) -> None:  # type: ignore[type-arg]
    doc_ids = {d["id"] for d in dataset["documents"]}
    assert dataset["tasks"], "no units exported"
    assert all(t["document_id"] in doc_ids for t in dataset["tasks"])
    assert any(t["measures"] for t in dataset["tasks"])
    assert any(t["clauses"] for t in dataset["tasks"])
    for t in dataset["tasks"]:
        scores = [c["score"] for c in t["clauses"]]
        assert scores == sorted(scores, reverse=True), f"{t['id']}: clauses not best first"


def test_no_personal_data_from_page_chrome(corpus_store: GraphStore) -> None:
    # ningbo.txt's page chrome names a contact person with e-mail, fax and phone
    text = export_bytes(corpus_store, "json").decode("utf-8")
    for leaked in ("1261257881", "qq.com", "89382659", "秦燚", "0574-88212221", "客服微信"):
        assert leaked not in text, f"{leaked} reached the export"


def test_build_twice_gives_the_same_graph(scratch_store: GraphStore, pipeline) -> None:  # type: ignore[no-untyped-def]
    build(scratch_store, pipeline, corpus_dir())
    first = scratch_store.counts()
    first_export = json.loads(export_bytes(scratch_store, "json"))
    build(scratch_store, pipeline, corpus_dir())
    assert scratch_store.counts() == first
    second_export = json.loads(export_bytes(scratch_store, "json"))
    assert second_export == first_export


def test_adopts_summary_agrees_with_the_units(corpus_store: GraphStore, dataset: dict) -> None:  # type: ignore[type-arg]
    """The derived (Jurisdiction)-[:ADOPTS]->(Measure) equals what the units' mentions say."""
    from_units: dict[tuple[str, str], set[str]] = {}
    for t in dataset["tasks"]:
        for m in t["measures"]:
            if m.get("adoption"):
                from_units.setdefault((t["jurisdiction_id"], m["id"]), set()).add(t["id"])
    summary = {
        (r["jurisdiction_id"], r["measure_id"]): r["units"]
        for r in corpus_store.read("list_adoptions")
    }
    assert summary == {k: len(v) for k, v in from_units.items()}
    # open licensing (专利开放许可): ningbo and chongqing only
    assert {j for j, m in summary if m == "open_licensing"} == {"ningbo", "chongqing"}
