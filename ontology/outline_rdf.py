"""The national outline as RDF, built at load time from its YAML.

Decision: the outline is not kept as a second Turtle file. ``national_outline.yaml``
stays its single source (the linker and ``graph/`` read the same YAML through
:mod:`policykg.ontology.outline`), and this module turns the typed
:class:`~policykg.ontology.outline.Outline` into triples whenever the full
ontology graph is needed. Clause IRIs are the ones ``pkg:servesClause`` points at.
"""

from __future__ import annotations

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, RDFS, XSD

from policykg.ontology.outline import Outline, bundled_outline
from policykg.ontology.vocab import BASE, CHAPTER, CLAUSE, DOCUMENT, INDICATOR, PKG

#: Chapter numerals of the outline, as its YAML names them, to integers for IRIs.
_NUMERALS = {
    "一": 1,
    "二": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}


def chapter_iri(chapter_id: str) -> URIRef:
    """The IRI of an outline chapter: ``…/chapter/<n>`` for the numeral 二…九."""
    return CHAPTER[str(_NUMERALS[chapter_id])] if chapter_id in _NUMERALS else CHAPTER[chapter_id]


def clause_iri(clause_id: str) -> URIRef:
    """The IRI of an outline clause, e.g. ``https://policykg.org/id/clause/C10``."""
    return CLAUSE[clause_id]


def outline_graph(outline: Outline | None = None) -> Graph:
    """Build the outline's RDF: document, 2025 targets, chapters and clauses.

    Args:
        outline: a loaded outline; the bundled one when None.

    Returns:
        A new graph; clause nodes are typed ``pkg:Clause`` so SHACL can check
        that every ``pkg:servesClause`` points at one.
    """
    outline = outline or bundled_outline()
    g = Graph()
    g.bind("pkg", PKG)
    g.bind("dcterms", DCTERMS)
    doc = outline.document
    doc_iri = DOCUMENT[doc.id]
    g.add((doc_iri, RDF.type, PKG.OutlineDocument))
    g.add((doc_iri, DCTERMS.identifier, Literal(doc.id)))
    g.add((doc_iri, DCTERMS.title, Literal(doc.title, lang="zh")))
    for issuer in doc.issuer:
        g.add((doc_iri, DCTERMS.creator, Literal(issuer, lang="zh")))
    g.add((doc_iri, DCTERMS.issued, Literal(doc.published_on, datatype=XSD.date)))
    g.add((doc_iri, PKG.level, Literal(doc.level)))
    for t in doc.targets_2025:
        target = URIRef(f"{BASE}target/{doc.id}/{t.indicator}-{t.year}")
        g.add((doc_iri, PKG.hasTarget, target))
        g.add((target, RDF.type, PKG.Target))
        g.add((target, PKG.indicator, INDICATOR[t.indicator]))
        g.add((target, PKG.metric, Literal(t.metric, lang="zh")))
        # Decimal keeps 7.5 exact and survives a Turtle/JSON-LD round trip.
        g.add((target, PKG.value, Literal(str(t.value), datatype=XSD.decimal)))
        g.add((target, PKG.unit, Literal(t.unit)))
        g.add((target, PKG.year, Literal(t.year, datatype=XSD.integer)))
    for ch in outline.chapters:
        ch_iri = chapter_iri(ch.id)
        g.add((ch_iri, RDF.type, PKG.Chapter))
        g.add((ch_iri, DCTERMS.identifier, Literal(ch.id)))
        g.add((ch_iri, RDFS.label, Literal(ch.title, lang="zh")))
        g.add((ch_iri, DCTERMS.isPartOf, doc_iri))
    for c in outline.clauses:
        c_iri = clause_iri(c.id)
        g.add((c_iri, RDF.type, PKG.Clause))
        g.add((c_iri, DCTERMS.identifier, Literal(c.id)))
        g.add((c_iri, RDFS.label, Literal(c.title, lang="zh")))
        g.add((c_iri, PKG.digest, Literal(c.digest, lang="zh")))
        g.add((c_iri, PKG.number, Literal(c.number, datatype=XSD.integer)))
        g.add((c_iri, PKG.inChapter, chapter_iri(c.chapter)))
        g.add((c_iri, DCTERMS.isPartOf, doc_iri))
        for term in c.key_terms:
            g.add((c_iri, PKG.keyTerm, Literal(term, lang="zh")))
    return g
