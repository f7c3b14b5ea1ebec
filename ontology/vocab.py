"""Typed access to the measure ontology (``measures.ttl`` and ``indicators.ttl``).

Turtle is the source of truth; this module reads it with rdflib and turns it
into frozen pydantic models so that the tagger, the graph writer and the API
never walk RDF themselves. :func:`bundled_ontology` parses the packaged files
once per process.
"""

from __future__ import annotations

from functools import cached_property, lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF, SKOS, Namespace

from policykg.errors import NotFound, OntologyError
from policykg.text import label_key

PKG = Namespace("https://policykg.org/def#")
BASE = "https://policykg.org/id/"
MEASURE = Namespace(BASE + "measure/")
CATEGORY = Namespace(BASE + "category/")
CLAUSE = Namespace(BASE + "clause/")
INDICATOR = Namespace(BASE + "indicator/")
CHAPTER = Namespace(BASE + "chapter/")
DOCUMENT = Namespace(BASE + "document/")

#: The Turtle files of the bundled ontology, in load order.
ONTOLOGY_FILES: tuple[str, ...] = ("measures.ttl", "indicators.ttl")


def ontology_dir() -> Path:
    """The folder that holds the bundled ``*.ttl`` files (``ontology/`` in a checkout)."""
    return Path(__file__).resolve().parent


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(_Frozen):
    """A top concept of the measure scheme (protection, finance, ...)."""

    id: str
    label_zh: str
    label_en: str
    definition: str = ""


class Indicator(_Frozen):
    """A canonical indicator that quantitative targets point at."""

    id: str
    label_zh: str
    label_en: str = ""
    unit: str


class Measure(_Frozen):
    """A policy measure: what a plan can adopt."""

    id: str
    label_zh: str
    label_en: str
    definition: str = Field(description="English definition")
    definition_zh: str = Field(default="", description="Chinese definition")
    category: str = Field(description="id of the broader category")
    clauses: list[str] = Field(description="outline clause ids the measure serves, sorted")
    alt_labels: list[str] = Field(description="Chinese alternative labels, simplified, sorted")
    core: bool = False
    implies: list[str] = Field(default_factory=list, description="measure ids adopted with it")
    context_labels: list[str] = Field(
        default_factory=list,
        description="labels (simplified, sorted) that count only with IP context in their clause",
    )
    topic_labels: list[str] = Field(
        default_factory=list,
        description="labels (simplified, sorted) that count only beside one of the measure's cues",
    )
    context_cues: list[str] = Field(
        default_factory=list,
        description="words that give this measure's context labels their sense, besides IP cues",
    )
    split_labels: list[str] = Field(
        default_factory=list,
        description="labels whose two parts a plan writes apart (纳入…考核), simplified, sorted",
    )
    decoy_labels: list[str] = Field(
        default_factory=list,
        description="compounds holding a label that name something else (医疗保险), sorted",
    )

    @property
    def iri(self) -> str:
        return str(MEASURE[self.id])

    @property
    def labels_zh(self) -> list[str]:
        """The preferred label followed by the alternative labels."""
        return [self.label_zh, *self.alt_labels]


class Ontology(_Frozen):
    """The measures, categories and indicators of one ontology load."""

    measures: list[Measure]
    categories: list[Category]
    indicators: list[Indicator]
    ip_cues: list[str] = Field(
        default_factory=list,
        description="words that place a clause in the IP domain (pkg:ipCue of the scheme)",
    )

    @cached_property
    def _measure_index(self) -> dict[str, Measure]:
        return {m.id: m for m in self.measures}

    @cached_property
    def _label_index(self) -> dict[str, str]:
        # Keys are label_key()s of the id and of every label. The Turtle is
        # checked for shared labels (by the same key), so one key never names
        # two measures; if it did, the first measure wins.
        index: dict[str, str] = {}
        for m in self.measures:
            for label in (m.id, m.label_en, *m.labels_zh):
                index.setdefault(label_key(label), m.id)
        return index

    def measure(self, measure_id: str) -> Measure:
        """Return the measure with this id.

        Raises:
            NotFound: no measure has this id.
        """
        try:
            return self._measure_index[measure_id]
        except KeyError:
            raise NotFound(f"no measure with id {measure_id!r}") from None

    def category(self, category_id: str) -> Category:
        """Return the category with this id (NotFound if none)."""
        for c in self.categories:
            if c.id == category_id:
                return c
        raise NotFound(f"no category with id {category_id!r}")

    def indicator(self, indicator_id: str) -> Indicator:
        """Return the indicator with this id (NotFound if none)."""
        for i in self.indicators:
            if i.id == indicator_id:
                return i
        raise NotFound(f"no indicator with id {indicator_id!r}")

    def resolve(self, label_or_id: str) -> Measure:
        """Find a measure by id, Chinese label (either script) or English label.

        Args:
            label_or_id: a measure id, a zh prefLabel or altLabel in simplified
                or traditional characters, or an English prefLabel in any case.

        Raises:
            NotFound: nothing matches.
        """
        found = self._label_index.get(label_key(label_or_id))
        if found is not None:
            return self._measure_index[found]
        raise NotFound(f"no measure with id or label {label_or_id!r}")

    def measures_serving(self, clause_id: str) -> list[Measure]:
        """The measures linked to an outline clause with ``pkg:servesClause``."""
        return [m for m in self.measures if clause_id in m.clauses]


def _zh_literals(graph: Graph, subject: URIRef, predicate: URIRef) -> list[str]:
    """The sorted zh literals of ``subject predicate`` (labels, cues)."""
    return sorted(
        str(o)
        for o in graph.objects(subject, predicate)
        if isinstance(o, Literal) and o.language == "zh"
    )


def _text(graph: Graph, subject: URIRef, predicate: URIRef, lang: str | None = None) -> str:
    """The one literal of ``subject predicate`` in ``lang`` (empty string if none)."""
    for obj in graph.objects(subject, predicate):
        if isinstance(obj, Literal) and (lang is None or obj.language == lang):
            return str(obj)
    return ""


def _local_id(iri: URIRef, namespace: Namespace) -> str:
    text = str(iri)
    if not text.startswith(str(namespace)):
        raise OntologyError(f"{iri} is not in namespace {namespace}")
    return text[len(str(namespace)) :]


def parse_graph(path: Path | None = None) -> Graph:
    """Parse the ontology Turtle into one rdflib graph.

    Args:
        path: a ``.ttl`` file, or a folder holding ``measures.ttl`` and
            ``indicators.ttl``; the bundled folder when None.

    Raises:
        OntologyError: a file is missing or is not valid Turtle.
    """
    path = path or ontology_dir()
    files = [path / name for name in ONTOLOGY_FILES] if path.is_dir() else [path]
    graph = Graph()
    for f in files:
        try:
            graph.parse(f, format="turtle")
        except FileNotFoundError as e:
            raise OntologyError(f"ontology file not found: {f}") from e
        except Exception as e:  # rdflib raises BadSyntax, ParserError, ValueError...
            raise OntologyError(f"cannot parse ontology file {f}: {e}") from e
    return graph


def ontology_from_graph(graph: Graph) -> Ontology:
    """Build the typed :class:`Ontology` from a parsed graph.

    Raises:
        OntologyError: a measure lacks a label or a category, or names a
            category that is not a category concept.
    """
    categories: list[Category] = []
    for iri in sorted(set(graph.subjects(RDF.type, PKG.Category)), key=str):
        assert isinstance(iri, URIRef)
        categories.append(
            Category(
                id=_local_id(iri, CATEGORY),
                label_zh=_text(graph, iri, SKOS.prefLabel, "zh"),
                label_en=_text(graph, iri, SKOS.prefLabel, "en"),
                definition=_text(graph, iri, SKOS.definition, "en"),
            )
        )
    category_ids = {c.id for c in categories}

    measures: list[Measure] = []
    for iri in sorted(set(graph.subjects(RDF.type, PKG.Measure)), key=str):
        assert isinstance(iri, URIRef)
        mid = _local_id(iri, MEASURE)
        broader = [o for o in graph.objects(iri, SKOS.broader) if isinstance(o, URIRef)]
        if len(broader) != 1:
            raise OntologyError(f"measure {mid} has {len(broader)} broader concepts, not 1")
        category = _local_id(broader[0], CATEGORY)
        if category not in category_ids:
            raise OntologyError(f"measure {mid} names unknown category {category}")
        label_zh = _text(graph, iri, SKOS.prefLabel, "zh")
        label_en = _text(graph, iri, SKOS.prefLabel, "en")
        if not label_zh or not label_en:
            raise OntologyError(f"measure {mid} lacks a zh or en prefLabel")
        core = graph.value(iri, PKG.core)
        measures.append(
            Measure(
                id=mid,
                label_zh=label_zh,
                label_en=label_en,
                definition=_text(graph, iri, SKOS.definition, "en"),
                definition_zh=_text(graph, iri, SKOS.definition, "zh"),
                category=category,
                clauses=sorted(
                    _local_id(c, CLAUSE)
                    for c in graph.objects(iri, PKG.servesClause)
                    if isinstance(c, URIRef)
                ),
                alt_labels=_zh_literals(graph, iri, SKOS.altLabel),
                core=bool(core.toPython()) if isinstance(core, Literal) else False,
                implies=sorted(
                    _local_id(o, MEASURE)
                    for o in graph.objects(iri, PKG.implies)
                    if isinstance(o, URIRef)
                ),
                context_labels=_zh_literals(graph, iri, PKG.contextLabel),
                topic_labels=_zh_literals(graph, iri, PKG.topicLabel),
                context_cues=_zh_literals(graph, iri, PKG.contextCue),
                split_labels=_zh_literals(graph, iri, PKG.splitLabel),
                decoy_labels=_zh_literals(graph, iri, PKG.decoyLabel),
            )
        )
    measure_ids = {m.id for m in measures}
    for m in measures:
        unknown = [i for i in m.implies if i not in measure_ids]
        if unknown:
            raise OntologyError(f"measure {m.id} implies unknown measures {unknown}")

    indicators: list[Indicator] = []
    for iri in sorted(set(graph.subjects(RDF.type, PKG.Indicator)), key=str):
        assert isinstance(iri, URIRef)
        indicators.append(
            Indicator(
                id=_local_id(iri, INDICATOR),
                label_zh=_text(graph, iri, SKOS.prefLabel, "zh"),
                label_en=_text(graph, iri, SKOS.prefLabel, "en"),
                unit=_text(graph, iri, PKG.unit),
            )
        )
    ip_cues = sorted(
        {
            c
            for s in graph.subjects(RDF.type, SKOS.ConceptScheme)
            if isinstance(s, URIRef)
            for c in _zh_literals(graph, s, PKG.ipCue)
        }
    )
    return Ontology(
        measures=measures, categories=categories, indicators=indicators, ip_cues=ip_cues
    )


def load_ontology(path: Path | None = None) -> Ontology:
    """Load and type the measure ontology.

    Args:
        path: a ``.ttl`` file, or a folder holding ``measures.ttl`` and
            ``indicators.ttl``; the bundled ontology when None.

    Raises:
        OntologyError: the Turtle is missing, malformed, or structurally wrong.
    """
    return ontology_from_graph(parse_graph(path))


@lru_cache(maxsize=1)
def bundled_ontology() -> Ontology:
    """The bundled ontology, parsed once per process."""
    return load_ontology()
