"""From plan bytes to an annotated :class:`Document`: loaders, tagger, linker.

The one place that chains the steps, so the CLI, the API's upload endpoint and
the benchmarks all parse a plan the same way. Nothing here touches the graph.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path

from policykg.errors import InvalidInput
from policykg.linker import Linker
from policykg.linker.indicator_clauses import bundled_indicator_clauses
from policykg.loaders import read_plan_bytes
from policykg.loaders.manifest import load_manifest
from policykg.loaders.source import load_source
from policykg.model import Document, ManifestEntry
from policykg.ontology.outline import Outline, bundled_outline
from policykg.ontology.tagger import Tagger
from policykg.ontology.vocab import Ontology, bundled_ontology


@dataclass
class Pipeline:
    """Parses, tags and links plans; build once, reuse for many documents."""

    ontology: Ontology = field(default_factory=bundled_ontology)
    outline: Outline = field(default_factory=bundled_outline)
    max_bytes: int = 20 * 1024 * 1024

    @cached_property
    def indicator_clauses(self) -> dict[str, tuple[str, ...]]:
        """Which outline clauses each canonical indicator quantifies."""
        return bundled_indicator_clauses()

    @cached_property
    def tagger(self) -> Tagger:
        return Tagger(self.ontology)

    @cached_property
    def linker(self) -> Linker:
        return Linker(self.outline, {m.id: list(m.clauses) for m in self.ontology.measures})

    def parse(
        self,
        raw: bytes,
        entry: ManifestEntry,
        *,
        source_url: str | None = None,
        charset: str | None = None,
    ) -> Document:
        """Read (text, HTML, PDF or DOCX), segment, tag and link one plan.

        Args:
            raw: the source bytes as read, uploaded or downloaded.
            entry: its manifest entry.
            source_url: where the bytes were fetched from, if they were.
            charset: the charset the server declared for them, if any.
        """
        doc = load_source(
            raw, entry, source_url=source_url, charset=charset, max_bytes=self.max_bytes
        )
        self.tagger.tag_document(doc)
        self.linker.link_document(doc)
        return doc

    def parse_file(self, path: Path, entry: ManifestEntry) -> Document:
        return self.parse(read_plan_bytes(path, self.max_bytes), entry)


def corpus_entries(corpus: Path) -> list[tuple[ManifestEntry, Path]]:
    """The manifest entries of a corpus folder with their files, checked to exist.

    For folders of files only; ``policykg build`` also fetches the entries that
    name a URL (:func:`policykg.sources.corpus_sources`).
    """
    entries = load_manifest(corpus / "manifest.yaml")
    out = []
    for entry in entries:
        if entry.url is not None:
            raise InvalidInput(
                f"manifest in {corpus} names the URL {entry.url}; "
                "`policykg build --corpus` fetches it"
            )
        path = corpus / entry.file
        if not path.is_file():
            raise InvalidInput(f"manifest names {entry.file}, which is not in {corpus}")
        out.append((entry, path))
    return out
