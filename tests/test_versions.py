"""policykg/versions.py: which plan of a jurisdiction supersedes which, decided from metadata.

The cases are the ones the bundled Ningbo plan raises: it is a 征求意见稿
(《关于全面加强知识产权工作的实施意见（征求意见稿）》, 2020-07-08), whose
final text would carry the same title without the marker.
"""

from __future__ import annotations

import itertools

import pytest

from policykg.versions import VersionFacts, decide_versions, version_title

DRAFT_TITLE = "关于全面加强知识产权工作的实施意见（征求意见稿）"
FINAL_TITLE = "关于全面加强知识产权工作的实施意见"

draft = VersionFacts("ningbo-aaaaaaaaaaaa", DRAFT_TITLE, "draft", "2020-07-08", "2020-07-10")
final = VersionFacts("ningbo-bbbbbbbbbbbb", FINAL_TITLE, "final", "2020-12-01")
final_undated = VersionFacts("ningbo-cccccccccccc", FINAL_TITLE, "final")


def test_draft_markers_are_set_aside_in_the_version_title() -> None:
    assert version_title(DRAFT_TITLE) == version_title(FINAL_TITLE) == FINAL_TITLE
    assert version_title("某市知识产权规划(草案)") == version_title("某市知识产权规划")
    assert version_title("某市知识产权规划（试行）") != version_title("某市知识产权规划")
    assert version_title(None) is None and version_title("") is None


@pytest.mark.parametrize("later", [final, final_undated])
def test_a_final_supersedes_its_draft_in_either_order(later: VersionFacts) -> None:
    for docs in itertools.permutations([draft, later]):
        decision = decide_versions(docs)
        assert decision.superseded_by == {draft.id: later.id, later.id: None}
        assert decision.current == [later.id]
        assert decision.warnings == []


def test_of_two_finals_the_later_date_wins_and_a_chain_points_at_the_current() -> None:
    revision = VersionFacts("ningbo-dddddddddddd", FINAL_TITLE, "final", "2023-03-01")
    for docs in itertools.permutations([draft, final, revision]):
        decision = decide_versions(docs)
        # the draft points at the current version, not at the final it first gave way to
        assert decision.superseded_by == {draft.id: revision.id, final.id: revision.id,
                                          revision.id: None}  # fmt: skip


def test_same_title_without_dates_to_compare_keeps_both_and_warns() -> None:
    a = VersionFacts("x-aaaaaaaaaaaa", FINAL_TITLE, "final")
    b = VersionFacts("x-bbbbbbbbbbbb", FINAL_TITLE, "final", "2021-01-01")
    decision = decide_versions([a, b])
    assert decision.current == [a.id, b.id]
    (warning,) = decision.warnings
    assert a.id in warning and b.id in warning and "neither has a date" in warning
    assert "--replaces" in warning
    same_day = decide_versions(
        [b, VersionFacts("x-cccccccccccc", FINAL_TITLE, "final", "2021-01-01")]
    )
    assert len(same_day.current) == 2 and "both are dated 2021-01-01" in same_day.warnings[0]


def test_a_draft_dated_after_the_final_is_a_revision_out_for_comment() -> None:
    revision_draft = VersionFacts("ningbo-eeeeeeeeeeee", DRAFT_TITLE, "draft", "2024-05-01")
    decision = decide_versions([final, revision_draft])
    assert decision.current == sorted([final.id, revision_draft.id])
    assert "dated after the final" in decision.warnings[0]


def test_publication_dates_order_when_issue_dates_are_missing() -> None:
    a = VersionFacts("x-aaaaaaaaaaaa", FINAL_TITLE, "final", None, "2021-01-01")
    b = VersionFacts("x-bbbbbbbbbbbb", FINAL_TITLE, "final", None, "2022-01-01")
    assert decide_versions([b, a]).superseded_by == {a.id: b.id, b.id: None}


def test_different_titles_are_different_plans() -> None:
    other = VersionFacts(
        "ningbo-ffffffffffff", "宁波市知识产权保护条例实施方案", "final", "2021-01-01"
    )
    assert decide_versions([draft, other]).current == sorted([draft.id, other.id])
    untitled = [VersionFacts("x-aaaaaaaaaaaa"), VersionFacts("x-bbbbbbbbbbbb")]
    decision = decide_versions(untitled)
    assert decision.current == ["x-aaaaaaaaaaaa", "x-bbbbbbbbbbbb"] and decision.warnings == []


def test_the_user_says_which_replaces_which_whatever_the_metadata() -> None:
    # the metadata would keep the dated final; the user says the undated one replaces it
    told = VersionFacts(final_undated.id, FINAL_TITLE, "final", replaces=final.id)
    assert decide_versions([final, told]).superseded_by == {final.id: told.id, told.id: None}
    # across titles too
    other = VersionFacts("ningbo-ffffffffffff", "另一个方案", "final", replaces=draft.id)
    assert decide_versions([draft, other]).superseded_by == {draft.id: other.id, other.id: None}


def test_replaces_that_loop_or_name_no_document_are_reported_not_followed() -> None:
    a = VersionFacts("x-aaaaaaaaaaaa", "甲", replaces="x-bbbbbbbbbbbb")
    b = VersionFacts("x-bbbbbbbbbbbb", "乙", replaces="x-aaaaaaaaaaaa")
    decision = decide_versions([a, b])
    assert decision.current == [a.id, b.id]
    assert "replace each other in a circle" in decision.warnings[0]
    lost = decide_versions([VersionFacts("x-cccccccccccc", "丙", replaces="x-dddddddddddd")])
    assert lost.current == ["x-cccccccccccc"]
    assert "not a document of its jurisdiction" in lost.warnings[0]
