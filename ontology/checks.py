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

#: Labels this short (in characters) are ambiguous unless they hold an IP cue or
#: are declared: two- and three-character words (保险, 仲裁, 成渝, 区块链) have
#: senses outside IP that plans also use.
SHORT_LABEL = 3

#: The properties that give a label its rule, each with the name checks report.
RULE_PROPERTIES = (
    (PKG.contextLabel, "contextLabel"),
    (PKG.topicLabel, "topicLabel"),
    (PKG.standaloneLabel, "standaloneLabel"),
)


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


def check_context_rules(graph: Graph) -> list[str]:
    """Check the context rules of the labels (``pkg:contextLabel`` and friends).

    * the scheme declares at least one ``pkg:ipCue``;
    * every ``pkg:contextLabel``, ``pkg:topicLabel`` and ``pkg:standaloneLabel``
      is one of the concept's own zh labels, and a label has at most one of the
      three rules;
    * a context label holding an IP cue is pointless (its sentence always has one);
    * a concept with topic labels declares ``pkg:contextCue`` words, or its topic
      labels could never count;
    * a ``pkg:decoyLabel`` holds one of the concept's own zh labels or a part of
      one of its split labels (else it shields nothing) and is not a label;
    * every zh label of :data:`SHORT_LABEL` characters or fewer that holds no IP
      cue is declared: a context label (counts only with IP context in its
      sentence), a topic label (only beside the measure's own cue) or a
      standalone label (jargon no other field uses). An undeclared short label
      is an error, because it would tag text outside IP.
    """
    problems: list[str] = []
    cues = sorted(
        {
            str(c)
            for scheme in graph.subjects(RDF.type, SKOS.ConceptScheme)
            for c in graph.objects(scheme, PKG.ipCue)
            if isinstance(c, Literal)
        }
    )
    if not cues:
        problems.append("no concept scheme declares a pkg:ipCue: context labels can never count")
    for concept in sorted(set(graph.subjects(RDF.type, PKG.Measure)), key=str):
        labels = {
            str(o)
            for p in (SKOS.prefLabel, SKOS.altLabel)
            for o in graph.objects(concept, p)
            if isinstance(o, Literal) and o.language == "zh"
        }
        declared: dict[str, set[str]] = {}
        for prop, name in RULE_PROPERTIES:
            values = {str(o) for o in graph.objects(concept, prop) if isinstance(o, Literal)}
            declared[name] = values
            for value in sorted(values - labels):
                problems.append(
                    f"{concept} declares pkg:{name} {value!r}, not one of its zh labels"
                )
        names = [name for _, name in RULE_PROPERTIES]
        for i, first in enumerate(names):
            for second in names[i + 1 :]:
                for value in sorted(declared[first] & declared[second]):
                    problems.append(
                        f"{concept} declares {value!r} both pkg:{first} and pkg:{second}"
                    )
        parts = {
            part
            for o in graph.objects(concept, PKG.splitLabel)
            if isinstance(o, Literal)
            for part in str(o).split("…")
        }
        for decoy in sorted(
            str(o) for o in graph.objects(concept, PKG.decoyLabel) if isinstance(o, Literal)
        ):
            if not any(label in decoy for label in labels | parts) or decoy in labels:
                problems.append(
                    f"{concept} declares pkg:decoyLabel {decoy!r}, which must hold one of its "
                    "zh labels (or a part of a split label) and be none of them"
                )
        if declared["topicLabel"] and not any(
            isinstance(o, Literal) for o in graph.objects(concept, PKG.contextCue)
        ):
            problems.append(f"{concept} has topic labels but no pkg:contextCue: they never count")
        for value in sorted(declared["contextLabel"]):
            held = [c for c in cues if c in value]
            if held:
                problems.append(
                    f"{concept} context label {value!r} holds the IP cue {held[0]!r}: "
                    "it needs no rule"
                )
        for label in sorted(labels):
            if len(label) > SHORT_LABEL or any(c in label for c in cues):
                continue
            if not any(label in values for values in declared.values()):
                problems.append(
                    f"{concept} has the short label {label!r} without a context rule: declare it "
                    "pkg:contextLabel (counts only beside an IP cue), pkg:topicLabel (only "
                    "beside a cue of the measure) or pkg:standaloneLabel"
                )
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


def label_problems(graph: Graph) -> list[str]:
    """Every problem the structural and label checks find (SHACL not included)."""
    return (
        check_broader_cycles(graph)
        + check_labels(graph)
        + check_shared_altlabels(graph)
        + check_context_rules(graph)
    )


def validate(graph: Graph) -> None:
    """Run every check and the SHACL shapes; raise if any fails.

    Raises:
        OntologyError: with all problems in ``detail``.
    """
    problems = label_problems(graph)
    conforms, report = validate_shapes(graph)
    if not conforms:
        problems.append(report)
    if problems:
        raise OntologyError(f"the ontology has {len(problems)} problems", detail=problems)
