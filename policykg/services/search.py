"""Full-text search over plan units, in either script, with the matching sentences.

Unit text is stored in simplified characters (``Unit.text_search`` holds the
heading and text lower-cased), so a query is converted with OpenCC ``t2s`` and
lower-cased before it is matched: 質押融資 finds 质押融资. On Neo4j the CJK
full-text index answers (``search_units_fulltext``); elsewhere a ``CONTAINS``
scan does (``search_units``); the server picks via ``search_query_name()``.
"""

from __future__ import annotations

import re
from typing import Any

from policykg.errors import InvalidInput
from policykg.graph.store import GraphStore
from policykg.services.models import SearchHit, SearchMatch
from policykg.text import label_key, sentence_spans

MAX_QUERY_CHARS = 200

_LUCENE_SPECIAL = re.compile(r'([+\-&|!(){}\[\]^"~*?:\\/])')


def normalise_query(q: str) -> str:
    """The query as it is matched: stripped, simplified, lower-cased.

    Raises:
        InvalidInput: empty, blank, or longer than :data:`MAX_QUERY_CHARS`.
    """
    if len(q) > MAX_QUERY_CHARS:
        raise InvalidInput(f"q is longer than {MAX_QUERY_CHARS} characters")
    key = label_key(q)
    if not key:
        raise InvalidInput("q must not be empty")
    return key


def lucene_phrase(q: str) -> str:
    """``q`` as one Lucene phrase, special characters escaped (for the full-text index)."""
    return '"' + _LUCENE_SPECIAL.sub(r"\\\1", q) + '"'


def sentences_with(text: str, q: str) -> list[dict[str, Any]]:
    """The sentences of ``text`` that contain ``q`` (case-insensitive), with offsets.

    Sentences are :func:`policykg.text.sentence_spans`. Each result has the sentence,
    its ``start``/``end`` offsets in ``text`` and the ``highlights``: the
    ``[start, end]`` offsets of every occurrence of ``q`` within the sentence.
    """
    if not q:
        return []
    lowered = text.lower()
    # lower() keeps the length of CJK text; if some letter changes length, match as is
    haystack = lowered if len(lowered) == len(text) else text
    needle = q.lower() if haystack is lowered else q
    out = []
    for start, end in sentence_spans(text):
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        segment = haystack[start:end]
        if not segment or needle not in segment:
            continue
        highlights, i = [], segment.find(needle)
        while i >= 0:
            highlights.append([i, i + len(needle)])
            i = segment.find(needle, i + len(needle))
        out.append(
            {"sentence": text[start:end], "start": start, "end": end, "highlights": highlights}
        )
    return out


def search(store: GraphStore, q: str) -> list[SearchHit]:
    """Units whose heading or text contains ``q``, each with its matching sentences.

    Raises:
        InvalidInput: an empty, blank or over-long query.
    """
    key = normalise_query(q)
    name = store.server.search_query_name()
    rows = store.read(name, q=lucene_phrase(key) if name == "search_units_fulltext" else key)
    hits = []
    for row in rows:
        matches = [
            SearchMatch(field=field, **s)
            for field in ("heading", "text")
            for s in sentences_with(row[field] or "", key)
        ]
        hits.append(
            SearchHit(
                unit_id=row["unit_id"],
                document_id=row["document_id"],
                jurisdiction_id=row["jurisdiction_id"],
                jurisdiction_name=row["jurisdiction_name"],
                kind=row["kind"],
                path=row["path"] or [],
                heading=row["heading"],
                score=float(row["score"] or 0.0),
                matches=matches,
            )
        )
    return hits
