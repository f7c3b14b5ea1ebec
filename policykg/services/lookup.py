"""Turn what a user types for a measure into measure ids.

Users ask for a measure the way a plan names it: by its id
(``pledge_financing``), its Chinese preferred or alternative label in either
script (知识产权质押融资, 質押融資) or its English label (IP pledge financing).
The bundled ontology knows all of these; the graph is asked only when the
ontology does not, so a graph built from a richer ontology than the bundled
one still resolves its own labels.
"""

from __future__ import annotations

from policykg.errors import InvalidInput, NotFound
from policykg.graph.store import GraphStore
from policykg.ontology.vocab import bundled_ontology
from policykg.text import label_key


def measures_labelled(store: GraphStore, key: str, *, exact: bool = False) -> list[str]:
    """Ids of the graph's measures whose id or a label contains ``key``, sorted.

    Args:
        store: the graph store.
        key: a :func:`policykg.text.label_key` key.
        exact: keep only the measures one of whose labels *is* ``key``, so
            质押融资 does not name 质押融资风险补偿.
    """
    # CONTAINS narrows the candidates; labels_search holds one label per line
    rows = store.read("find_measures_by_label", text=key)
    return [
        str(r["id"]) for r in rows if not exact or key in (r["labels_search"] or "").split("\n")
    ]


def resolve_measure(store: GraphStore, text: str) -> str:
    """Return the id of the measure that ``text`` names: the bundled ontology first, then the graph.

    Args:
        store: the graph store.
        text: a measure id, or a zh (simplified or traditional) or en label.

    Raises:
        InvalidInput: ``text`` is empty.
        NotFound: no measure has this id or label.
    """
    if not text or not text.strip():
        raise InvalidInput("a measure id or label is required")
    try:
        return bundled_ontology().resolve(text).id
    except NotFound:
        pass
    exact = measures_labelled(store, label_key(text), exact=True)
    if exact:
        return exact[0]
    raise NotFound(f"no measure with id or label {text.strip()!r}")
