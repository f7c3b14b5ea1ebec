"""The graph as GraphML, for Gephi and other network tools.

Built from :func:`policykg.services.dataset.build_dataset` (what the graph holds): one
node per jurisdiction, document, unit, measure and outline clause, edges
``ISSUED``, ``HAS_UNIT``, ``PART_OF``, ``MENTIONS`` (with ``adoption``),
``IMPLEMENTS`` (with ``score``, ``rank``) and ``SERVES``. GraphML has no null
and no list type, so ``None`` attributes are dropped and lists are joined
with ``"; "``; every node has ``kind`` and ``label`` so Gephi can colour and
name it at once. Node ids are ``<kind>:<id>`` so ids of different kinds
cannot collide.
"""

from __future__ import annotations

import io
from typing import Any

import networkx as nx

_Scalar = str | int | float | bool


def _attrs(**values: Any) -> dict[str, _Scalar]:
    out: dict[str, _Scalar] = {}
    for key, value in values.items():
        if value is None:
            continue
        if isinstance(value, list | tuple):
            value = "; ".join(str(v) for v in value if v is not None)
        elif not isinstance(value, str | int | float | bool):
            value = str(value)
        out[key] = value
    return out


def dataset_network(dataset: dict[str, Any]) -> nx.DiGraph:
    """The jurisdiction / document / unit / measure / clause network of a dataset.

    Args:
        dataset: what :func:`policykg.services.dataset.build_dataset` returns.
    """
    g = nx.DiGraph()
    for c in dataset["clauses"]:
        g.add_node(
            f"clause:{c['id']}",
            **_attrs(
                kind="clause",
                id=c["id"],
                label=f"{c['id']} {c.get('title') or ''}".strip(),
                title=c.get("title"),
                chapter=c.get("chapter"),
            ),
        )
    for m in dataset["measures"]:
        g.add_node(
            f"measure:{m['id']}",
            **_attrs(
                kind="measure",
                id=m["id"],
                label=m.get("label_zh") or m["id"],
                label_en=m.get("label_en"),
                category=m.get("category"),
                core=bool(m.get("core")),
            ),
        )
        for clause in m.get("clauses") or []:
            if f"clause:{clause}" in g:
                g.add_edge(f"measure:{m['id']}", f"clause:{clause}", type="SERVES")
    for d in dataset["documents"]:
        j = d["jurisdiction"]
        j_node = f"jurisdiction:{j['id']}"
        g.add_node(
            j_node,
            **_attrs(
                kind="jurisdiction",
                id=j["id"],
                label=j.get("name") or j["id"],
                level=j.get("level"),
                province=j.get("province"),
            ),
        )
        d_node = f"document:{d['id']}"
        g.add_node(
            d_node,
            **_attrs(
                kind="document",
                id=d["id"],
                label=d.get("title") or d["id"],
                issued_on=d.get("issued_on"),
                published_on=d.get("published_on"),
                status=d.get("status"),
                doc_number=d.get("doc_number"),
                jurisdiction=j["id"],
                source_format=d.get("source_format"),
                source_url=d.get("source_url"),
                superseded_by=d.get("superseded_by"),
            ),
        )
        g.add_edge(j_node, d_node, type="ISSUED")
    for d in dataset["documents"]:
        if d.get("superseded_by"):
            g.add_edge(
                f"document:{d['id']}", f"document:{d['superseded_by']}", type="SUPERSEDED_BY"
            )
    for t in dataset["tasks"]:
        u_node = f"unit:{t['id']}"
        g.add_node(
            u_node,
            **_attrs(
                kind="unit",
                id=t["id"],
                label=t.get("heading") or t["id"],
                unit_kind=t.get("kind"),
                order=t.get("order"),
                marker=t.get("marker"),
                document=t["document_id"],
                jurisdiction=t.get("jurisdiction_id"),
                path=" > ".join(t.get("path") or []) or None,
            ),
        )
        g.add_edge(f"document:{t['document_id']}", u_node, type="HAS_UNIT")
        if t.get("parent_id"):
            g.add_edge(u_node, f"unit:{t['parent_id']}", type="PART_OF")
        for m in t["measures"]:
            g.add_edge(
                u_node,
                f"measure:{m['id']}",
                **_attrs(
                    type="MENTIONS",
                    adoption=bool(m.get("adoption")),
                    evidence=m.get("evidence"),
                    sentence=m.get("sentence"),
                    reason=m.get("reason"),
                ),
            )
        for c in t["clauses"]:
            g.add_edge(
                u_node,
                f"clause:{c['id']}",
                **_attrs(
                    type="IMPLEMENTS",
                    score=c.get("score"),
                    rank=c.get("rank"),
                    method=c.get("method"),
                ),
            )
    return g


def to_graphml(dataset: dict[str, Any]) -> bytes:
    """The dataset network as GraphML (UTF-8)."""
    buf = io.BytesIO()
    nx.write_graphml(dataset_network(dataset), buf, encoding="utf-8", named_key_ids=True)
    return buf.getvalue()
