"""Structural checks of the ontology graph, beyond what SHACL says well.

Each ``check_*`` function takes an rdflib graph and returns a list of problems
as readable strings; an empty list means the check passed. :func:`validate`
runs them all plus the SHACL shapes in ``shapes.ttl`` and raises
:class:`~policykg.errors.OntologyError` when anything fails.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import networkx as nx
from pyshacl import validate as shacl_validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS

from policykg.errors import OntologyError
from policykg.ontology.vocab import PKG, ontology_dir
from policykg.text import label_key, to_simplified

SHAPES_FILE = "shapes.ttl"


def _concepts(graph: Graph) -> set[URIRef]:
    return {s for s in graph.subjects(RDF.type, SKOS.Concept) if isinstance(s, URIRef)}


def check_broader_cycles(graph: Graph) -> list[str]:
    """Report every cycle of ``skos:broader`` / ``skos:narrower`` links.

    A cycle would make a measure its own ancestor and break category roll-ups.
    """
    edges = nx.DiGraph()
    for child, parent in graph.subject_objects(SKOS.broader):
        edges.add_edge(str(child), str(parent))
    for parent, child in graph.subject_objects(SKOS.narrower):
        edges.add_edge(str(child), str(parent))
    return [
        "skos:broader cycle: " + " -> ".join([*cycle, cycle[0]])
        for cycle in nx.simple_cycles(edges)
    ]


def check_labels(graph: Graph) -> list[str]:
    """Check the labels of every concept.

    Every concept has exactly one zh prefLabel; measures and categories also
    exactly one en prefLabel. Chinese labels are simplified (the tagger matches
    simplified text), no label is blank or padded, and no altLabel repeats the
    concept's own prefLabel.
    """
    problems: list[str] = []
    needs_en = set(graph.subjects(RDF.type, PKG.Measure)) | set(
        graph.subjects(RDF.type, PKG.Category)
    )
    for concept in sorted(_concepts(graph)):
        pref = [o for o in graph.objects(concept, SKOS.prefLabel) if isinstance(o, Literal)]
        for lang in ("zh", "en"):
            count = sum(1 for p in pref if p.language == lang)
            if lang == "en" and concept not in needs_en and count == 0:
                continue
            if count != 1:
                problems.append(f"{concept} has {count} prefLabels in {lang}, expected 1")
        pref_values = {str(p) for p in pref}
        alts = [o for o in graph.objects(concept, SKOS.altLabel) if isinstance(o, Literal)]
        for label in pref + alts:
            text = str(label)
            if not text.strip() or text != text.strip():
                problems.append(f"{concept} has a blank or padded label {text!r}")
            if label.language == "zh" and to_simplified(text) != text:
                problems.append(f"{concept} has a label not in simplified script: {text!r}")
        for alt in alts:
            if str(alt) in pref_values:
                problems.append(f"{concept} repeats its prefLabel {str(alt)!r} as an altLabel")
    return problems


def check_shared_altlabels(graph: Graph) -> list[str]:
    """Report label strings used by two concepts without a declaration.

    The tagger maps each label to one measure, so a string shared by two
    concepts is ambiguous unless the concepts say so with
    ``pkg:sharedLabelWith`` (either direction). Both prefLabels and altLabels
    count, compared by :func:`policykg.text.label_key` (the key lookups use:
    simplified script, case-insensitive).
    """
    owners: dict[str, set[URIRef]] = defaultdict(set)
    for concept in _concepts(graph):
        for prop in (SKOS.prefLabel, SKOS.altLabel):
            for label in graph.objects(concept, prop):
                if isinstance(label, Literal):
                    owners[label_key(str(label))].add(concept)
    declared = {frozenset((str(a), str(b))) for a, b in graph.subject_objects(PKG.sharedLabelWith)}
    problems: list[str] = []
    for key, concepts in sorted(owners.items()):
        ordered = sorted(concepts, key=str)
        for i, a in enumerate(ordered):
            for b in ordered[i + 1 :]:
                if frozenset((str(a), str(b))) not in declared:
                    problems.append(f"label {key!r} is shared by {a} and {b}")
    return problems


def validate_shapes(graph: Graph, shapes_path: Path | None = None) -> tuple[bool, str]:
    """Validate a graph against the SHACL shapes.

    Args:
        graph: the full ontology graph (measures, indicators and outline).
        shapes_path: a SHACL Turtle file; the bundled ``shapes.ttl`` when None.

    Returns:
        ``(conforms, report_text)`` as pyshacl gives them.

    Raises:
        OntologyError: the shapes file cannot be read.
    """
    shapes = Graph()
    path = shapes_path or ontology_dir() / SHAPES_FILE
    try:
        shapes.parse(path, format="turtle")
    except Exception as e:  # rdflib parser errors share no base class
        raise OntologyError(f"cannot parse SHACL shapes {path}: {e}") from e
    conforms, _report_graph, report_text = shacl_validate(
        graph, shacl_graph=shapes, inference="none", advanced=True
    )
    return bool(conforms), str(report_text)


def validate(graph: Graph) -> None:
    """Run every check and the SHACL shapes; raise if any fails.

    Raises:
        OntologyError: with all problems in ``detail``.
    """
    problems = check_broader_cycles(graph) + check_labels(graph) + check_shared_altlabels(graph)
    conforms, report = validate_shapes(graph)
    if not conforms:
        problems.append(report)
    if problems:
        raise OntologyError(f"the ontology has {len(problems)} problems", detail=problems)
