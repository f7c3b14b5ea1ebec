"""The measure ontology with adoption counts, and who adopts a measure (with evidence)."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from policykg.errors import NotFound
from policykg.graph.store import GraphStore
from policykg.services.catalog import adopted_sets, jurisdiction_names
from policykg.services.lookup import measures_labelled, resolve_measure
from policykg.services.models import AdoptersPublic, CategoryNode, MeasureNode, MeasurePublic
from policykg.services.search import normalise_query


def _adopter_counts(store: GraphStore) -> dict[str, int]:
    """Measure id -> number of jurisdictions adopting it (at least one adopting mention)."""
    counts: dict[str, int] = defaultdict(int)
    for measures in adopted_sets(store).values():
        for mid in measures:
            counts[mid] += 1
    return counts


def measures_tree(store: GraphStore) -> list[CategoryNode]:
    """Categories, each with its measures and how many jurisdictions adopt each one."""
    counts = _adopter_counts(store)
    by_category: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for m in store.read("list_measures"):
        by_category[m["category"]].append(
            {
                "id": m["id"],
                "label_zh": m["label_zh"],
                "label_en": m["label_en"],
                "core": bool(m["core"]),
                "adopters": counts.get(m["id"], 0),
            }
        )
    out = []
    for c in store.read("list_categories"):
        measures = by_category.get(c["id"], [])
        out.append(
            CategoryNode.model_validate(
                {**c, "adopters": sum(1 for m in measures if m["adopters"]), "measures": measures}
            )
        )
    return out


def measure_index(tree: list[CategoryNode]) -> dict[str, MeasureNode]:
    """Measure id -> its node in the measure tree (labels, core, adopters)."""
    return {m.id: m for c in tree for m in c.measures}


def matching_measures(store: GraphStore, q: str) -> list[MeasureNode]:
    """Measures whose id or labels contain ``q`` (either script), the one it names exactly first.

    Raises:
        InvalidInput: an empty, blank or over-long query.
    """
    index = measure_index(measures_tree(store))
    ids = [i for i in measures_labelled(store, normalise_query(q)) if i in index]
    try:
        exact: str | None = resolve_measure(store, q)
    except NotFound:
        exact = None
    return [index[i] for i in sorted(ids, key=lambda i: (i != exact, i))]


def measure(store: GraphStore, text: str) -> MeasurePublic:
    """One measure (by id or any label): labels, definition, category, clauses, adopters.

    Raises:
        NotFound: no measure has this id or label.
    """
    measure_id = resolve_measure(store, text)
    rows = store.read("get_measure", measure_id=measure_id)
    if not rows:
        raise NotFound(f"measure {measure_id!r} ({text.strip()!r}) is not in the graph")
    m = rows[0]
    adopters = store.read("count_measure_adopters", measure_id=measure_id)[0]["adopters"]
    return MeasurePublic.model_validate(
        {
            **m,
            "alt_labels": m["alt_labels"] or [],
            "core": bool(m["core"]),
            "clauses": [c for c in m["clauses"] if c is not None],
            "adopters": int(adopters),
        }
    )


def _evidence(row: dict[str, Any]) -> dict[str, Any]:
    return {
        "unit_id": row["unit_id"],
        "kind": row["kind"],
        "heading": row["heading"],
        "path": row["path"] or [],
        "document_id": row["document_id"],
        "document_title": row["document_title"],
        "adoption": bool(row["adoption"]),
        "reason": row["reason"],
        "evidence": row["evidence"],
        "sentence": row["sentence"] or "",
        "evidences": row["evidences"] or ([row["evidence"]] if row["evidence"] else []),
        "sentences": row["sentences"] or ([row["sentence"]] if row["sentence"] else []),
    }


def adopters(store: GraphStore, text: str) -> AdoptersPublic:
    """Which jurisdictions adopt a measure, with the sentences that show it.

    A jurisdiction adopts a measure when at least one unit of its plans mentions
    it as a commitment (``MENTIONS.adoption``). Jurisdictions whose plans name
    the measure only in a review of the past, an abolition and the like are
    listed apart, with that evidence; all others under ``non_adopters``.

    Args:
        store: the graph store.
        text: the measure's id or any of its labels (zh either script, or en).

    Raises:
        NotFound: no measure has this id or label.
    """
    m = measure(store, text)
    names = jurisdiction_names(store)
    mentions: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for row in store.read("find_adopters", measure_id=m.id):
        mentions[row["jurisdiction_id"]].append(row)
    adopting, mentioning, absent = [], [], []
    for jid, name in names.items():
        rows = mentions.get(jid, [])
        entry = {"id": jid, "name": name}
        if any(r["adoption"] for r in rows):
            adopting.append({**entry, "evidence": [_evidence(r) for r in rows if r["adoption"]]})
        elif rows:
            mentioning.append({**entry, "evidence": [_evidence(r) for r in rows]})
        else:
            absent.append(entry)
    return AdoptersPublic.model_validate(
        {
            "measure": {
                "id": m.id,
                "label_zh": m.label_zh,
                "label_en": m.label_en,
                "category": m.category,
            },
            "query": text,
            "adopters": adopting,
            "mentions_only": mentioning,
            "non_adopters": absent,
        }
    )
