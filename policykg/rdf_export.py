"""The whole graph as linked data: RDF built from the dataset the graph holds.

The input is :func:`policykg.services.dataset.build_dataset` (what the graph holds, not
what the parser remembers); the output is one rdflib graph with stable IRIs:

* ``https://policykg.org/id/jurisdiction/<id>`` (``pkg:Jurisdiction``)
* ``…/document/<id>`` (``pkg:Plan``), ``…/unit/<id>`` (``pkg:Unit``)
* ``…/target/<id>`` (``pkg:Target``, shaped like the outline's own targets in
  :mod:`policykg.ontology.outline_rdf`: ``pkg:value`` xsd:decimal, ``pkg:unit``,
  ``pkg:year`` xsd:integer, ``pkg:indicator`` → ``…/indicator/<id>``)
* measures, categories, indicators and outline clauses keep the ontology's
  IRIs; the ontology graph (SKOS concepts, outline) is included, so the export
  is self-describing.

A unit-to-measure mention is a direct ``pkg:mentions`` triple (plus
``pkg:adopts`` when it commits the jurisdiction) and a ``pkg:Mention`` node
``…/mention/<unit>/<measure>`` that carries the adoption flag and the evidence
sentence; clause links likewise (``pkg:implements`` + ``pkg:ClauseLink`` with
score and rank). Direct triples keep simple SPARQL simple; the nodes keep the
evidence.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal
from typing import Any
from urllib.parse import quote

from rdflib import Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, SKOS, XSD

from policykg.errors import OntologyError
from policykg.ontology.export import bind_prefixes, ontology_graph
from policykg.ontology.vocab import BASE, CLAUSE, DOCUMENT, INDICATOR, MEASURE, PKG

JURISDICTION = Namespace(BASE + "jurisdiction/")
UNIT = Namespace(BASE + "unit/")
TARGET = Namespace(BASE + "target/")
MENTION = Namespace(BASE + "mention/")
CLAUSE_LINK = Namespace(BASE + "clause-link/")

#: The vocabulary terms this export adds to the ontology's, with what they mean.
_TERMS: dict[str, tuple[URIRef, str]] = {
    "Jurisdiction": (OWL.Class, "A Chinese administrative area that issues IP plans."),
    "Plan": (OWL.Class, "A local IP policy plan (a document of a jurisdiction)."),
    "Unit": (OWL.Class, "A section, task, goal or box of a plan, in its heading tree."),
    "Mention": (OWL.Class, "A measure found in a unit, with the evidence and adoption flag."),
    "ClauseLink": (OWL.Class, "A ranked link from a unit to an outline clause it implements."),
    "issued": (OWL.ObjectProperty, "The jurisdiction issued the plan."),
    "jurisdiction": (OWL.ObjectProperty, "The jurisdiction that issued the plan."),
    "hasUnit": (OWL.ObjectProperty, "A unit of the plan."),
    "parentUnit": (OWL.ObjectProperty, "The unit's parent in the plan's heading tree."),
    "mentions": (OWL.ObjectProperty, "The unit names the measure."),
    "adopts": (OWL.ObjectProperty, "The unit commits the jurisdiction to the measure."),
    "implements": (OWL.ObjectProperty, "The unit implements the outline clause."),
    "setsTarget": (OWL.ObjectProperty, "The unit states the quantitative target."),
    "mentionOf": (OWL.ObjectProperty, "The measure a pkg:Mention is about."),
    "inUnit": (OWL.ObjectProperty, "The unit a pkg:Mention or pkg:ClauseLink belongs to."),
    "linksClause": (OWL.ObjectProperty, "The clause a pkg:ClauseLink points at."),
    "adoption": (OWL.DatatypeProperty, "True when the mention commits the jurisdiction."),
    "score": (OWL.DatatypeProperty, "Clause-link score in [0, 1]."),
    "rank": (OWL.DatatypeProperty, "Clause-link rank within its unit, 1 = best."),
    "province": (OWL.DatatypeProperty, "The province a city belongs to."),
    "titleOriginal": (OWL.DatatypeProperty, "The plan's title as published."),
    "docNumber": (OWL.DatatypeProperty, "The plan's document number (文号)."),
    "publishedOn": (OWL.DatatypeProperty, "The date of the web page that published the plan."),
    "status": (OWL.DatatypeProperty, "final, or draft for a plan out for public comment."),
    "sourceFile": (OWL.DatatypeProperty, "The corpus file the plan was read from."),
    "sha256": (OWL.DatatypeProperty, "SHA-256 of the source file's bytes."),
    "sourceFormat": (OWL.DatatypeProperty, "Format of the source: text, html, pdf or docx."),
    "sourceUrl": (OWL.DatatypeProperty, "The URL the plan was fetched from."),
    "order": (OWL.DatatypeProperty, "Position of the unit in document order."),
    "kind": (OWL.DatatypeProperty, "What the unit is: section, task, goal, box, ..."),
    "marker": (OWL.DatatypeProperty, "The plan's own number of the unit: 一、 （三） 2."),
    "heading": (OWL.DatatypeProperty, "The unit's heading."),
    "text": (OWL.DatatypeProperty, "The unit's (or a target's source) text, normalised."),
    "agency": (OWL.DatatypeProperty, "An agency named responsible for the unit."),
    "evidence": (OWL.DatatypeProperty, "The words that triggered a mention or clause link."),
    "sentence": (OWL.DatatypeProperty, "The sentence that holds a mention's evidence."),
    "reason": (
        OWL.DatatypeProperty,
        "Why a mention is or is not an adoption.",
    ),
    "method": (OWL.DatatypeProperty, "The signals behind a clause link."),
    "comparator": (
        OWL.DatatypeProperty,
        "eq, gte, gt, lte or lt: how the target bounds it.",
    ),
    "baseline": (OWL.DatatypeProperty, "The target's starting value."),
    "baselineYear": (OWL.DatatypeProperty, "The year of the target's baseline."),
    "attribute": (OWL.DatatypeProperty, "预期性 or 约束性, where a plan's table says."),
    "category": (OWL.DatatypeProperty, "The target's category in the plan's table."),
}


def iri_part(value: str, safe: str = "-_.~") -> str:
    """An id made safe for the end of an IRI (ids are ASCII slugs; this is a guard)."""
    return quote(str(value), safe=safe)


def jurisdiction_iri(jurisdiction_id: str) -> URIRef:
    """``https://policykg.org/id/jurisdiction/<id>``."""
    return JURISDICTION[iri_part(jurisdiction_id)]


def document_iri(document_id: str) -> URIRef:
    return DOCUMENT[iri_part(document_id)]


def unit_iri(unit_id: str) -> URIRef:
    """``…/unit/<document id>/<path>``: unit ids are paths in their plan's heading tree."""
    return UNIT[iri_part(unit_id, safe="-_.~/")]


def target_iri(target_id: str) -> URIRef:
    """``…/target/<unit id>/t<n>``: a plan target's id extends its unit's."""
    return TARGET[iri_part(target_id, safe="-_.~/")]


def _decimal(value: float | int) -> Literal:
    # repr() keeps the float's shortest exact digits; format "f" never writes
    # an exponent, which xsd:decimal does not allow.
    return Literal(format(Decimal(repr(float(value))), "f"), datatype=XSD.decimal)


def _zh(value: str | None) -> Literal | None:
    return Literal(value, lang="zh") if value else None


def _add(g: Graph, s: URIRef, p: URIRef, o: Literal | URIRef | None) -> None:
    if o is not None:
        g.add((s, p, o))


def _add_all(g: Graph, s: URIRef, p: URIRef, values: Iterable[str] | None) -> None:
    for v in values or ():
        if v:
            g.add((s, p, Literal(v, lang="zh")))


def _vocabulary(g: Graph) -> None:
    for name, (kind, comment) in _TERMS.items():
        g.add((PKG[name], RDF.type, kind))
        g.add((PKG[name], RDFS.comment, Literal(comment, lang="en")))
        g.add((PKG[name], RDFS.isDefinedBy, URIRef(str(PKG))))


def _documents(g: Graph, documents: list[dict[str, Any]]) -> None:
    for d in documents:
        j = d["jurisdiction"]
        j_iri = jurisdiction_iri(j["id"])
        g.add((j_iri, RDF.type, PKG.Jurisdiction))
        g.add((j_iri, DCTERMS.identifier, Literal(j["id"])))
        _add(g, j_iri, RDFS.label, _zh(j.get("name")))
        _add(g, j_iri, PKG.level, Literal(j["level"]) if j.get("level") else None)
        _add(g, j_iri, PKG.province, _zh(j.get("province")))

        d_iri = document_iri(d["id"])
        g.add((d_iri, RDF.type, PKG.Plan))
        g.add((d_iri, DCTERMS.identifier, Literal(d["id"])))
        g.add((j_iri, PKG.issued, d_iri))
        g.add((d_iri, PKG.jurisdiction, j_iri))
        _add(g, d_iri, DCTERMS.title, _zh(d.get("title")))
        _add(g, d_iri, PKG.titleOriginal, _zh(d.get("title_original")))
        _add_all(g, d_iri, DCTERMS.creator, d.get("issuers"))
        _add(g, d_iri, PKG.docNumber, _zh(d.get("doc_number")))
        if d.get("issued_on"):
            g.add((d_iri, DCTERMS.issued, Literal(str(d["issued_on"])[:10], datatype=XSD.date)))
        if d.get("published_on"):
            g.add((d_iri, PKG.publishedOn, Literal(str(d["published_on"])[:10], datatype=XSD.date)))
        _add(g, d_iri, PKG.status, Literal(d["status"]) if d.get("status") else None)
        _add(g, d_iri, PKG.sourceFile, Literal(d["source_file"]) if d.get("source_file") else None)
        _add(g, d_iri, PKG.sha256, Literal(d["sha256"]) if d.get("sha256") else None)
        fmt, url = d.get("source_format"), d.get("source_url")
        _add(g, d_iri, PKG.sourceFormat, Literal(fmt) if fmt else None)
        _add(g, d_iri, PKG.sourceUrl, Literal(url, datatype=XSD.anyURI) if url else None)
        if d.get("superseded_by"):
            # Dublin Core's own term: a later version of the plan replaces this one
            g.add((d_iri, DCTERMS.isReplacedBy, document_iri(d["superseded_by"])))
            g.add((document_iri(d["superseded_by"]), DCTERMS.replaces, d_iri))


def _units(g: Graph, tasks: list[dict[str, Any]]) -> None:
    for t in tasks:
        u = unit_iri(t["id"])
        g.add((u, RDF.type, PKG.Unit))
        g.add((u, DCTERMS.identifier, Literal(t["id"])))
        g.add((document_iri(t["document_id"]), PKG.hasUnit, u))
        g.add((u, DCTERMS.isPartOf, document_iri(t["document_id"])))
        if t.get("parent_id"):
            g.add((u, PKG.parentUnit, unit_iri(t["parent_id"])))
        if t.get("order") is not None:
            g.add((u, PKG.order, Literal(int(t["order"]), datatype=XSD.integer)))
        _add(g, u, PKG.kind, Literal(t["kind"]) if t.get("kind") else None)
        _add(g, u, PKG.marker, _zh(t.get("marker")))
        _add(g, u, PKG.heading, _zh(t.get("heading")))
        _add(g, u, PKG.text, _zh(t.get("text")))
        _add_all(g, u, PKG.agency, t.get("agencies"))
        for m in t["measures"]:
            m_iri = MEASURE[iri_part(m["id"])]
            g.add((u, PKG.mentions, m_iri))
            if m.get("adoption"):
                g.add((u, PKG.adopts, m_iri))
            node = MENTION[f"{iri_part(t['id'], '-_.~/')}/{iri_part(m['id'])}"]
            g.add((node, RDF.type, PKG.Mention))
            g.add((node, PKG.inUnit, u))
            g.add((node, PKG.mentionOf, m_iri))
            g.add((node, PKG.adoption, Literal(bool(m.get("adoption")))))
            _add(g, node, PKG.evidence, _zh(m.get("evidence")))
            _add(g, node, PKG.sentence, _zh(m.get("sentence")))
            _add(g, node, PKG.reason, Literal(m["reason"]) if m.get("reason") else None)
        for c in t["clauses"]:
            c_iri = CLAUSE[iri_part(c["id"])]
            g.add((u, PKG.implements, c_iri))
            node = CLAUSE_LINK[f"{iri_part(t['id'], '-_.~/')}/{iri_part(c['id'])}"]
            g.add((node, RDF.type, PKG.ClauseLink))
            g.add((node, PKG.inUnit, u))
            g.add((node, PKG.linksClause, c_iri))
            if c.get("score") is not None:
                g.add((node, PKG.score, _decimal(c["score"])))
            if c.get("rank") is not None:
                g.add((node, PKG.rank, Literal(int(c["rank"]), datatype=XSD.integer)))
            _add(g, node, PKG.method, Literal(c["method"]) if c.get("method") else None)
            _add(g, node, PKG.evidence, _zh(c.get("evidence")))


def _targets(g: Graph, targets: list[dict[str, Any]]) -> None:
    for t in targets:
        node = target_iri(t["id"])
        g.add((node, RDF.type, PKG.Target))
        g.add((node, DCTERMS.identifier, Literal(t["id"])))
        g.add((document_iri(t["document_id"]), PKG.hasTarget, node))
        if t.get("task_id"):
            g.add((unit_iri(t["task_id"]), PKG.setsTarget, node))
        if t.get("indicator"):
            g.add((node, PKG.indicator, INDICATOR[iri_part(t["indicator"])]))
        _add(g, node, PKG.metric, _zh(t.get("metric")))
        g.add((node, PKG.value, _decimal(t["value"])))
        _add(g, node, PKG.unit, Literal(t["unit"]) if t.get("unit") else None)
        if t.get("year") is not None:
            g.add((node, PKG.year, Literal(int(t["year"]), datatype=XSD.integer)))
        _add(g, node, PKG.comparator, Literal(t["comparator"]) if t.get("comparator") else None)
        if t.get("baseline") is not None:
            g.add((node, PKG.baseline, _decimal(t["baseline"])))
        if t.get("baseline_year") is not None:
            g.add((node, PKG.baselineYear, Literal(int(t["baseline_year"]), datatype=XSD.integer)))
        _add(g, node, PKG.attribute, _zh(t.get("attribute")))
        _add(g, node, PKG.category, _zh(t.get("category")))
        _add(g, node, PKG.text, _zh(t.get("text")))


def _measures(g: Graph, measures: list[dict[str, Any]]) -> None:
    # The ontology graph describes every measure; a measure the graph holds
    # but the bundled Turtle lacks (a custom ontology) still gets a concept.
    for m in measures:
        m_iri = MEASURE[iri_part(m["id"])]
        if (m_iri, RDF.type, SKOS.Concept) in g:
            continue
        g.add((m_iri, RDF.type, SKOS.Concept))
        g.add((m_iri, RDF.type, PKG.Measure))
        _add(g, m_iri, SKOS.prefLabel, _zh(m.get("label_zh")))
        if m.get("label_en"):
            g.add((m_iri, SKOS.prefLabel, Literal(m["label_en"], lang="en")))


def dataset_graph(dataset: dict[str, Any], include_ontology: bool = True) -> Graph:
    """The dataset (and, by default, the ontology) as one RDF graph.

    Args:
        dataset: what :func:`policykg.services.dataset.build_dataset` returns.
        include_ontology: add the SKOS measure scheme, indicators and the
            outline (clauses, chapters, national targets).

    Raises:
        OntologyError: the bundled ontology cannot be loaded.
    """
    g = ontology_graph() if include_ontology else Graph()
    bind_prefixes(g)
    g.bind("jurisdiction", JURISDICTION)
    g.bind("doc", DOCUMENT)
    g.bind("unit", UNIT)
    g.bind("target", TARGET)
    _vocabulary(g)
    _documents(g, dataset["documents"])
    _units(g, dataset["tasks"])
    _targets(g, dataset["targets"])
    _measures(g, dataset["measures"])
    return g


#: Prefixes the JSON-LD context declares (rdflib binds dozens more by default).
_CONTEXT_PREFIXES = (
    "rdf",
    "rdfs",
    "owl",
    "xsd",
    "skos",
    "dcterms",
    "pkg",
    "measure",
    "category",
    "clause",
    "indicator",
    "jurisdiction",
    "doc",
    "unit",
    "target",
)


def _jsonld_context(g: Graph) -> dict[str, str]:
    """The project's prefixes, so the JSON reads like the Turtle."""
    bound = {prefix: str(ns) for prefix, ns in g.namespaces()}
    return {p: bound[p] for p in _CONTEXT_PREFIXES if p in bound}


def serialize_graph(g: Graph, fmt: str) -> bytes:
    """Serialise as ``turtle`` or ``json-ld`` (UTF-8 bytes).

    Raises:
        OntologyError: rdflib cannot serialise the graph.
    """
    try:
        if fmt == "json-ld":
            text = g.serialize(format="json-ld", context=_jsonld_context(g), indent=1)
        else:
            text = g.serialize(format=fmt)
    except Exception as e:  # rdflib plugins raise assorted exception types
        raise OntologyError(f"cannot serialise the graph as {fmt}: {e}") from e
    return text.encode("utf-8")


def to_turtle(dataset: dict[str, Any]) -> bytes:
    """The dataset and ontology as Turtle."""
    return serialize_graph(dataset_graph(dataset), "turtle")


def to_jsonld(dataset: dict[str, Any]) -> bytes:
    """The dataset and ontology as JSON-LD (compacted with the project's prefixes)."""
    return serialize_graph(dataset_graph(dataset), "json-ld")
