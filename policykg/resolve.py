"""Turn what a user types for a measure into the measure's id.

Users ask for a measure the way a plan names it: by its id
(``pledge_financing``), its Chinese preferred or alternative label in either
script (知识产权质押融资, 質押融資) or its English label (IP pledge financing).
The ontology knows all of these; the graph is asked only when the ontology
does not, so a graph built from a richer ontology than the bundled one still
resolves its own labels.
"""

from __future__ import annotations

from policykg.errors import InvalidInput, NotFound
from policykg.graph.store import GraphStore
from policykg.ontology.vocab import Ontology, bundled_ontology
from policykg.text import label_key


def resolve_measure(source: GraphStore | Ontology, text: str) -> str:
    """Return the id of the measure that ``text`` names.

    Args:
        source: an :class:`Ontology` (resolved in memory only), or a graph store
            (the bundled ontology first, then the graph's ``Measure.labels_search``).
        text: a measure id, or a zh (simplified or traditional) or en label.

    Raises:
        InvalidInput: ``text`` is empty.
        NotFound: no measure has this id or label.
    """
    if not text or not text.strip():
        raise InvalidInput("a measure id or label is required")
    if isinstance(source, Ontology):
        return source.resolve(text).id
    try:
        return bundled_ontology().resolve(text).id
    except NotFound:
        pass
    key = label_key(text)
    # CONTAINS narrows the candidates; a label must then match one whole line of
    # labels_search, so 质押融资 does not resolve to 质押融资风险补偿.
    rows = source.read("find_measures_by_label", text=key)
    exact = [r["id"] for r in rows if key in (r["labels_search"] or "").split("\n")]
    if exact:
        return str(sorted(exact)[0])
    raise NotFound(f"no measure with id or label {text.strip()!r}")
