"""Which plan of a jurisdiction supersedes which: one pure decision over their metadata.

A jurisdiction may hold several documents: unrelated plans, or versions of one
plan (a 征求意见稿 and its final text, a revision). :func:`decide_versions`
says, for every document of one jurisdiction, whether a later version
supersedes it. The writer calls it in each document's write transaction, over
the jurisdiction's documents as the graph holds them then, so an ingest and a
rebuild decide alike, and the order documents arrive in never matters.

The rules, in order:

1. **The user says so.** A document whose ``replaces`` names another document
   of the jurisdiction supersedes it (``--replaces ID``, the upload's
   ``replaces`` field, a manifest's ``replaces:``). The metadata is not asked
   about that pair.
2. **The metadata says so.** Two documents whose titles are the same once the
   draft markers are set aside (``（征求意见稿）``, ``（草案）``, ``（讨论稿）``,
   ``（送审稿）``) are versions of one plan:

   * a final supersedes a draft, unless the draft is dated after the final
     (a revision out for comment: it does not replace the plan in force, and
     is not older than it either);
   * of two finals, or two drafts, the one with the later date supersedes the
     other (issue dates compared when both have one, else publication dates).
3. **Nothing else is guessed.** Same title but no dates to compare, or the same
   date, and the same status: both stay current, with a warning that names
   them and says how to decide (``--replaces``). Different titles: unrelated.

A superseded document points at the *current* version it gives way to (the
end of its chain: draft -> final -> revision points at the revision).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

_DRAFT_MARK = re.compile(r"[（(]\s*(?:征求意见稿|草案|讨论稿|送审稿)\s*[）)]")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class VersionFacts:
    """What the decision reads of one document (dates as ISO strings, as stored)."""

    id: str
    title: str | None = None
    status: str | None = None
    issued_on: str | None = None
    published_on: str | None = None
    replaces: str | None = None


@dataclass(frozen=True)
class VersionDecision:
    """The outcome for one jurisdiction.

    Attributes:
        superseded_by: every document id -> the id of the current version that
            supersedes it, or None for a current document.
        warnings: pairs the metadata could not order, and ``replaces`` that
            name no document of the jurisdiction.
    """

    superseded_by: dict[str, str | None]
    warnings: list[str] = field(default_factory=list)

    @property
    def current(self) -> list[str]:
        """The ids of the current documents, sorted."""
        return sorted(i for i, by in self.superseded_by.items() if by is None)


def version_title(title: str | None) -> str | None:
    """The title that names a plan across its versions: draft markers and spaces removed."""
    if not title:
        return None
    return _SPACE.sub("", _DRAFT_MARK.sub("", title)) or None


def _status(d: VersionFacts) -> str:
    return "draft" if d.status == "draft" else "final"


def _dates(a: VersionFacts, b: VersionFacts) -> tuple[str, str] | None:
    """The dates that order ``a`` and ``b``: issue dates when both have one, else publication."""
    if a.issued_on and b.issued_on:
        return a.issued_on[:10], b.issued_on[:10]
    if a.published_on and b.published_on:
        return a.published_on[:10], b.published_on[:10]
    return None


def _later(a: VersionFacts, b: VersionFacts) -> tuple[str, str] | str:
    """``(winner, loser)`` when the metadata orders the two versions, else why it cannot."""
    dates = _dates(a, b)
    if _status(a) != _status(b):
        draft, final = (a, b) if _status(a) == "draft" else (b, a)
        draft_date, final_date = (dates if draft is a else dates[::-1]) if dates else (None, None)
        if draft_date and final_date and draft_date > final_date:
            return f"the draft {draft.id} is dated after the final {final.id}"
        return final.id, draft.id
    if dates is None:
        return "neither has a date to compare"
    if dates[0] == dates[1]:
        return f"both are dated {dates[0]}"
    return (a.id, b.id) if dates[0] > dates[1] else (b.id, a.id)


def _reach(edges: dict[str, set[str]], start: str) -> set[str]:
    """Every node reachable from ``start`` along ``edges`` (start excluded unless on a cycle)."""
    seen: set[str] = set()
    todo = list(edges.get(start, ()))
    while todo:
        n = todo.pop()
        if n not in seen:
            seen.add(n)
            todo.extend(edges.get(n, ()))
    return seen


def _drop_cycles(
    edges: dict[str, set[str]], explicit: set[tuple[str, str]], warnings: list[str]
) -> None:
    """Remove edges that close a cycle: metadata ones first, the user's only if they loop."""
    for kinds in ("metadata", "explicit"):
        looping = {n for n in edges if n in _reach(edges, n)}
        if not looping:
            return
        for winner in sorted(looping):
            for loser in sorted(edges[winner] & looping):
                is_explicit = (winner, loser) in explicit
                if (kinds == "metadata") != is_explicit:
                    edges[winner].discard(loser)
        if kinds == "explicit":
            warnings.append(
                "the documents " + ", ".join(sorted(looping)) + " replace each other in a "
                "circle; none of them is taken as superseded"
            )


def _sort_key(d: VersionFacts) -> tuple[str, bool, str]:
    return ((d.issued_on or d.published_on or "")[:10], _status(d) == "final", d.id)


def decide_versions(docs: Iterable[VersionFacts]) -> VersionDecision:
    """Decide which documents of one jurisdiction are superseded, and by which.

    Args:
        docs: every document of one jurisdiction (their order does not matter).

    Returns:
        Each document's current successor (None for current ones), and a
        warning for every pair of versions the metadata could not order.
    """
    by_id = {d.id: d for d in docs}
    ids = sorted(by_id)
    edges: dict[str, set[str]] = {i: set() for i in ids}  # winner -> losers
    explicit: set[tuple[str, str]] = set()
    warnings: list[str] = []
    for i in ids:
        target = by_id[i].replaces
        if target is None or target == i:
            continue
        if target not in by_id:
            warnings.append(f"{i} replaces {target}, which is not a document of its jurisdiction")
            continue
        edges[i].add(target)
        explicit.add((i, target))
    told = {frozenset(pair) for pair in explicit}

    groups: dict[str, list[str]] = {}
    for i in ids:
        key = version_title(by_id[i].title)
        if key is not None:
            groups.setdefault(key, []).append(i)
    for members in groups.values():
        for n, a in enumerate(members):
            for b in members[n + 1 :]:
                if frozenset((a, b)) in told:
                    continue
                outcome = _later(by_id[a], by_id[b])
                if isinstance(outcome, tuple):
                    edges[outcome[0]].add(outcome[1])
                else:
                    warnings.append(
                        f"{a} and {b} look like versions of one plan (《{by_id[a].title}》, "
                        f"《{by_id[b].title}》) but {outcome}: both stay current; "
                        "say which replaces the other with --replaces"
                    )
    _drop_cycles(edges, explicit, warnings)

    superseded = {loser for losers in edges.values() for loser in losers}
    current = [i for i in ids if i not in superseded]
    out: dict[str, str | None] = {i: None for i in current}
    for i in ids:
        if i in superseded:
            heads = [c for c in current if i in _reach(edges, c)]
            out[i] = max(heads, key=lambda c: _sort_key(by_id[c])) if heads else None
    return VersionDecision(out, warnings)


def version_chains(superseded_by: dict[str, str | None]) -> dict[str, list[str]]:
    """Current document id -> the ids it supersedes (sorted), from a decision's mapping."""
    chains: dict[str, list[str]] = {i: [] for i, by in superseded_by.items() if by is None}
    for i, by in sorted(superseded_by.items()):
        if by is not None and by in chains:
            chains[by].append(i)
    return chains


def facts_of(rows: Sequence[dict[str, object]]) -> list[VersionFacts]:
    """Version facts from graph rows with the fields of :class:`VersionFacts`."""
    return [
        VersionFacts(
            id=str(r["id"]),
            title=_opt(r.get("title")),
            status=_opt(r.get("status")),
            issued_on=_opt(r.get("issued_on")),
            published_on=_opt(r.get("published_on")),
            replaces=_opt(r.get("replaces")),
        )
        for r in rows
    ]


def _opt(value: object) -> str | None:
    return None if value is None else str(value)
