"""The whole ontology as one RDF graph, and its serialisations.

``ontology_graph()`` is what the API and the CLI export: measures, categories
and indicators from the Turtle files plus the outline built from its YAML.
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from rdflib import Graph
from rdflib.namespace import DCTERMS, OWL, RDFS, SKOS, XSD

from policykg.errors import InvalidInput, OntologyError
from policykg.ontology.outline import Outline
from policykg.ontology.outline_rdf import outline_graph
from policykg.ontology.vocab import BASE, CATEGORY, CLAUSE, INDICATOR, MEASURE, PKG, parse_graph

Format = Literal["turtle", "json-ld"]
FORMATS: tuple[str, ...] = ("turtle", "json-ld")


def bind_prefixes(graph: Graph) -> Graph:
    """Bind the project's prefixes so serialisations read like the source files."""
    graph.bind("skos", SKOS)
    graph.bind("dcterms", DCTERMS)
    graph.bind("owl", OWL)
    graph.bind("rdfs", RDFS)
    graph.bind("xsd", XSD)
    graph.bind("pkg", PKG)
    graph.bind("measure", MEASURE)
    graph.bind("category", CATEGORY)
    graph.bind("clause", CLAUSE)
    graph.bind("indicator", INDICATOR)
    graph.bind("pkgid", BASE)
    return graph


def ontology_graph(path: Path | None = None, outline: Outline | None = None) -> Graph:
    """Measures, categories, indicators and the national outline in one graph.

    Args:
        path: the Turtle file or folder to read (see
            :func:`policykg.ontology.vocab.parse_graph`); bundled when None.
        outline: the outline to add; the bundled one when None.

    Raises:
        OntologyError: the Turtle or the outline cannot be loaded.
    """
    graph = parse_graph(path)
    graph += outline_graph(outline)
    return bind_prefixes(graph)


def serialize(graph: Graph, format: Format = "turtle") -> str:
    """Serialise a graph as Turtle or JSON-LD.

    Args:
        graph: any rdflib graph, usually :func:`ontology_graph`.
        format: ``"turtle"`` or ``"json-ld"``.

    Raises:
        InvalidInput: an unknown format.
        OntologyError: rdflib fails to serialise.
    """
    if format not in FORMATS:
        raise InvalidInput(f"unknown RDF format {format!r}; use one of {', '.join(FORMATS)}")
    try:
        return graph.serialize(format=format)
    except Exception as e:  # rdflib plugin errors have no common base class
        raise OntologyError(f"cannot serialise the graph as {format}: {e}") from e
