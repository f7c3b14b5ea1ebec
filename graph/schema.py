"""The graph's node labels, relationship types and keys: the one whitelist.

Labels and relationship types cannot be Cypher parameters, so anything spliced
into a statement (schema DDL, the generic count query) must come from here.
The README's data-model section and the Cypher lint schema are built from the
same lists, so they cannot drift apart.
"""

from __future__ import annotations

#: label -> the property that identifies a node (uniqueness constraint).
NODE_KEYS: dict[str, str] = {
    "Jurisdiction": "id",
    "Document": "id",
    "Unit": "id",
    "Agency": "id",
    "Citation": "id",
    "Target": "id",
    "Measure": "id",
    "Category": "id",
    "Clause": "id",
    "Chapter": "id",
    "Indicator": "id",
}

#: relationship type -> (from label, to label, meaning)
RELATIONSHIPS: dict[str, tuple[str, str, str]] = {
    "ISSUED": ("Jurisdiction", "Document", "the jurisdiction issued the plan"),
    "HAS_UNIT": ("Document", "Unit", "every unit of the plan, sections included"),
    "PART_OF": ("Unit", "Unit", "heading tree: child unit to its parent"),
    "RESPONSIBLE_FOR": ("Agency", "Unit", "an agency named responsible for the unit"),
    "CITES": ("Document", "Citation", "a document the plan cites (title and/or 文号)"),
    "SETS": ("Unit", "Target", "a quantitative target stated in the unit"),
    "HAS_TARGET": ("Document", "Target", "every target of the plan"),
    "ON_INDICATOR": ("Target", "Indicator", "the canonical indicator a target is on"),
    "MENTIONS": ("Unit", "Measure", "measure found in the unit {adoption, evidence, ...}"),
    "ADOPTS": ("Jurisdiction", "Measure", "derived summary of adopting MENTIONS {units}"),
    "IMPLEMENTS": ("Unit", "Clause", "outline clause the unit implements {score, rank, ...}"),
    "BROADER": ("Measure", "Category", "SKOS broader: the measure's category"),
    "SERVES": ("Measure", "Clause", "outline clause the measure serves"),
    "IN_CHAPTER": ("Clause", "Chapter", "the outline chapter of a clause"),
    "QUANTIFIES": ("Indicator", "Clause", "an indicator that measures a clause's goal"),
}

#: extra (non-unique) indexes: label -> properties
INDEXES: dict[str, tuple[str, ...]] = {
    "Unit": ("document_id", "kind"),
    "Target": ("indicator",),
    "Document": ("jurisdiction_id",),
}

#: property keys used by the named queries, for the Cypher lint schema.
PROPERTY_KEYS: tuple[str, ...] = (
    "id",
    "name",
    "level",
    "province",
    "title",
    "title_original",
    "issuers",
    "doc_number",
    "issued_on",
    "published_on",
    "status",
    "source_file",
    "source_format",
    "source_url",
    "replaces",
    "superseded_by",
    "sha256",
    "encoding",
    "warnings",
    "jurisdiction_id",
    "document_id",
    "parent_id",
    "order",
    "depth",
    "marker",
    "number",
    "kind",
    "path",
    "heading",
    "text",
    "text_original",
    "text_search",
    "agencies",
    "context",
    "unit_id",
    "metric",
    "indicator",
    "value",
    "unit",
    "year",
    "comparator",
    "baseline",
    "baseline_year",
    "attribute",
    "category",
    "label_zh",
    "label_en",
    "definition",
    "definition_zh",
    "alt_labels",
    "labels_search",
    "core",
    "chapter",
    "digest",
    "key_terms",
    "evidence",
    "evidences",
    "sentence",
    "sentences",
    "adoption",
    "reason",
    "score",
    "rank",
    "method",
    "scope",
    "loaded_at",
    "version",
    "units",
    "targets_count",
    "ordinal",
)


def labels() -> list[str]:
    return sorted(NODE_KEYS)


def relationship_types() -> list[str]:
    return sorted(RELATIONSHIPS)


def check_label(label: str) -> str:
    """Return ``label`` backticked if whitelisted, else raise ValueError."""
    if label not in NODE_KEYS:
        raise ValueError(f"label {label!r} is not in the schema whitelist")
    return f"`{label}`"
