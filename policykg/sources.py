"""Where a plan's bytes come from: a file, a URL, an upload or a corpus folder.

Every route that adds a plan (``policykg build``, ``policykg ingest FILE|URL``,
``POST /documents``) first turns what the user gave into a :class:`Source`:
the bytes exactly as read or downloaded, the manifest entry, the route and,
for a download, where it came from and the charset the server declared (which
a web page's extraction needs again when the graph is rebuilt). A source that
cannot be read or fetched fails here, before anything is archived or written.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from policykg.errors import InvalidInput
from policykg.fetch import FetchLimits, fetch
from policykg.loaders import read_plan_bytes
from policykg.loaders.manifest import load_manifest
from policykg.model import ManifestEntry, Route


@dataclass(frozen=True)
class Source:
    """One plan's bytes and what is known about where they came from.

    Attributes:
        raw: the bytes as read, uploaded or downloaded (never re-encoded).
        entry: the manifest entry: jurisdiction, metadata fallbacks, replaces.
        route: how the plan reached the system.
        final_url: for a download, the URL the bytes came from after redirects.
        charset: for a download, the charset of its ``Content-Type``.
    """

    raw: bytes
    entry: ManifestEntry
    route: Route
    final_url: str | None = None
    charset: str | None = None

    @property
    def source_url(self) -> str | None:
        """The URL the user gave (None for a file or an upload)."""
        return self.entry.url


def is_url(value: str) -> bool:
    """True for an ``http://`` or ``https://`` argument (anything else is a path)."""
    return value.lower().startswith(("http://", "https://"))


def read_source(path: Path, entry: ManifestEntry, route: Route, max_bytes: int) -> Source:
    """A plan file's bytes, refused by size before they are read."""
    return Source(read_plan_bytes(path, max_bytes), entry, route)


def fetch_source(entry: ManifestEntry, limits: FetchLimits, route: Route) -> Source:
    """Download ``entry.url`` within ``limits``.

    Raises:
        FetchFailed: a bad scheme, an error status, a timeout, too many
            redirects, a content type that is no plan.
        PayloadTooLarge: a body over the size limit.
    """
    if entry.url is None:
        raise InvalidInput(f"{entry.file}: no URL to fetch")
    fetched = fetch(entry.url, limits)
    return Source(fetched.content, entry, route, fetched.final_url, fetched.charset)


def corpus_sources(corpus: Path, limits: FetchLimits) -> list[Source]:
    """Every plan of a corpus folder: files read, URLs fetched, in manifest order.

    Raises:
        InvalidInput: a bad manifest, a file it names that is missing, or a
            URL that cannot be fetched (nothing is returned then).
    """
    out = []
    for entry in load_manifest(corpus / "manifest.yaml"):
        if entry.url is not None:
            out.append(fetch_source(entry, limits, "corpus"))
            continue
        path = corpus / entry.file
        if not path.is_file():
            raise InvalidInput(f"manifest names {entry.file}, which is not in {corpus}")
        out.append(read_source(path, entry, "corpus", limits.max_bytes))
    return out
