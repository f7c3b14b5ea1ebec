"""The typed document model: what loaders produce and what ``graph/`` writes.

Data flows one way: raw bytes -> loaders (decode, repair, normalise, segment,
extract) -> :class:`Document` -> tagger and linker add :class:`MeasureTag` and
:class:`ClauseLink` to each :class:`Unit` -> ``graph/`` writes the document in
one transaction. Nothing in this module touches the database.

All Chinese text fields hold simplified characters after normalisation; the
``*_original`` fields keep the text as published (traditional script, before
pinyin stripping) so a reader can check the source.
"""

from __future__ import annotations

from datetime import date
from typing import Any, Literal
from urllib.parse import urlsplit

from pydantic import BaseModel, ConfigDict, Field, model_validator

Level = Literal[
    "national",
    "province",
    "municipality",
    "sub_provincial_city",
    "prefecture_city",
    "county",
    "district",
]
UnitKind = Literal["task", "column", "goal", "guarantee", "background", "other"]
Status = Literal["final", "draft"]
SourceFormat = Literal["text", "html", "pdf", "docx"]
#: How a plan reached the system: a corpus build, `ingest FILE`, `ingest URL`, an upload.
Route = Literal["corpus", "file", "url", "upload"]
Comparator = Literal["eq", "gte", "gt", "lte", "lt"]

LEVELS: tuple[str, ...] = Level.__args__  # type: ignore[attr-defined]
UNIT_KINDS: tuple[str, ...] = UnitKind.__args__  # type: ignore[attr-defined]
#: A document id: the jurisdiction id, a dash, 12 hex digits of the source's SHA-256.
DOCUMENT_ID_PATTERN = r"^[a-z][a-z0-9_-]{1,63}-[0-9a-f]{12}$"
SHA256_PATTERN = r"^[0-9a-f]{64}$"
#: Unit kinds the clause linker ranks (background and other are never linked).
LINKABLE_KINDS: frozenset[str] = frozenset({"task", "column", "goal", "guarantee"})


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)


class Jurisdiction(_Model):
    """An administrative area that issues plans."""

    id: str = Field(
        pattern=r"^[a-z][a-z0-9_-]{1,63}$",
        # the rule in words: user-facing errors quote it (policykg.ingest)
        description="a lowercase ascii slug of 2–64 characters "
        "(a letter, then letters, digits, _ or -)",
    )
    name: str = Field(min_length=1, description="Chinese name, e.g. 呼和浩特市")
    level: Level
    province: str | None = Field(default=None, description="province it belongs to, if any")


class Citation(_Model):
    """A document the plan cites: a 《title》, a 文号, or both."""

    title: str | None = None
    doc_number: str | None = None
    context: str = Field(default="", description="the sentence the citation stands in")


class MeasureTag(_Model):
    """A measure of the ontology found in a unit's text.

    ``adoption`` is False for mentions that do not commit the jurisdiction:
    reviews of past achievements, abolitions, responsible-unit lists.
    """

    measure_id: str
    evidence: str = Field(description="the words in the text that triggered the tag")
    sentence: str = Field(default="", description="the sentence that holds the evidence")
    adoption: bool = True
    reason: str = Field(default="adoption", description="adoption | background | abolition | ...")


class ClauseLink(_Model):
    """A ranked link from a unit to a national outline clause it implements."""

    clause_id: str = Field(pattern=r"^C[0-9]{2}$")
    score: float = Field(ge=0.0, le=1.0)
    rank: int = Field(ge=1)
    method: str = Field(description="the signals that contributed, e.g. 'measures+lexical+path'")
    evidence: str = Field(default="", description="shared measures, matched terms, heading match")


class Target(_Model):
    """A quantitative commitment, normalised (万/亿 multiplied out)."""

    id: str
    unit_id: str | None = None
    metric: str = Field(description="the metric as the plan names it")
    indicator: str | None = Field(default=None, description="canonical indicator id")
    value: float
    unit: str
    year: int | None = None
    comparator: Comparator | None = None
    baseline: float | None = None
    baseline_year: int | None = None
    attribute: str | None = Field(default=None, description="预期性 / 约束性 where a table says")
    category: str | None = Field(default=None, description="table category where a table says")
    text: str = Field(description="the sentence or table row it came from")


class Unit(_Model):
    """A node of a plan's heading tree: a section, a task, a 专栏 box, a goal...

    Every heading becomes a unit, so ``parent_id`` rebuilds the tree; ``path``
    repeats the headings from the root down for readers and exports.
    """

    id: str = Field(description="stable across rebuilds of the same source")
    document_id: str
    parent_id: str | None = None
    order: int = Field(ge=0, description="position in document order")
    depth: int = Field(ge=0, description="0 for top-level sections")
    marker: str | None = Field(
        default=None, description="the plan's own number: 一、 （三） 2. 专栏3"
    )
    number: int | None = Field(default=None, description="the marker as an integer, when numbered")
    kind: UnitKind
    path: list[str] = Field(default_factory=list, description="headings root -> this unit")
    heading: str
    text: str
    text_original: str = Field(default="", description="as published, before normalisation")
    agencies: list[str] = Field(default_factory=list)
    measures: list[MeasureTag] = Field(default_factory=list)
    clauses: list[ClauseLink] = Field(default_factory=list)


class ManifestEntry(_Model):
    """One plan source and what is known about it beyond its text.

    The manifest supplies the jurisdiction (which the text never states as an
    id) and fallbacks for metadata the captured text lacks. Text first,
    manifest second, null when neither says.

    A source is a ``file`` beside the manifest or a ``url`` to fetch: exactly
    one of them is given. For a URL, ``file`` is filled with the last part of
    its path (the name messages and ``source_file`` use).
    """

    file: str = Field(min_length=1, description="the plan file's name")
    url: str | None = Field(
        default=None,
        pattern=r"^[hH][tT][tT][pP][sS]?://\S+$",
        description="an http or https URL the plan is fetched from",
    )
    jurisdiction: Jurisdiction
    title: str | None = None
    doc_number: str | None = None
    issuers: list[str] = Field(default_factory=list)
    issued_on: date | None = None
    published_on: date | None = None
    status: Status | None = None
    replaces: str | None = Field(
        default=None,
        pattern=DOCUMENT_ID_PATTERN,
        description="the id of an earlier document of the same jurisdiction that this one "
        "supersedes (a jurisdiction id, a dash and 12 hex digits)",
    )
    sha256: str | None = Field(
        default=None,
        pattern=SHA256_PATTERN,
        description="SHA-256 of the source bytes (64 lowercase hex digits); when given, "
        "the bytes read or fetched must have it",
    )

    @model_validator(mode="before")
    @classmethod
    def _file_or_url(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        file, url = data.get("file"), data.get("url")
        if file and url:
            raise ValueError("give file or url, not both")
        if url and isinstance(url, str):
            return {**data, "file": url_file_name(url)}
        return data  # neither: the missing file is reported as a missing field

    @property
    def source(self) -> str:
        """How messages name the source: its URL, else its file name."""
        return self.url or self.file


def url_file_name(url: str) -> str:
    """The name a fetched plan is known by: the last part of its URL's path, else its host."""
    parts = urlsplit(url)
    name = parts.path.rstrip("/").rsplit("/", 1)[-1]
    return name or parts.hostname or url


class Document(_Model):
    """One plan, parsed, with everything ``graph/`` writes for it."""

    id: str
    jurisdiction: Jurisdiction
    title: str | None = None
    title_original: str | None = None
    issuers: list[str] = Field(default_factory=list)
    doc_number: str | None = None
    issued_on: date | None = None
    published_on: date | None = None
    status: Status = "final"
    source_file: str
    source_format: SourceFormat = Field(
        default="text", description="format of the source bytes, detected from their content"
    )
    source_url: str | None = Field(default=None, description="where it was fetched from, if so")
    sha256: str = Field(description="of the source bytes; the document id derives from it")
    encoding: str | None = Field(
        default=None, description="encoding of a text or HTML source; None for PDF and DOCX"
    )
    replaces: str | None = Field(
        default=None, description="the document the user said this one supersedes"
    )
    citations: list[Citation] = Field(default_factory=list)
    units: list[Unit] = Field(default_factory=list)
    targets: list[Target] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)

    def unit(self, unit_id: str) -> Unit:
        """Return the unit with this id (KeyError if none)."""
        for u in self.units:
            if u.id == unit_id:
                return u
        raise KeyError(unit_id)
