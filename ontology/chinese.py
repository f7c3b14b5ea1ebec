"""Script normalisation shared by the ontology lookup and the tagger.

Labels in the Turtle files are simplified Chinese; plans and user queries may be
traditional (the Chongqing plan is). OpenCC's ``t2s`` conversion maps both onto
the same simplified string and leaves simplified text as it is, so converting
twice is harmless.
"""

from __future__ import annotations

from functools import lru_cache

import opencc

from policykg.errors import OntologyError


@lru_cache(maxsize=1)
def _converter() -> opencc.OpenCC:
    # The ``opencc`` wheel accepts both "t2s" and "t2s.json"; the bare name is
    # what its README documents.
    try:
        return opencc.OpenCC("t2s")
    except Exception as e:  # the wheel raises a bare RuntimeError on a bad config
        raise OntologyError(f"cannot load the OpenCC t2s conversion: {e}") from e


def to_simplified(text: str) -> str:
    """Convert traditional characters to simplified; simplified text is unchanged.

    Args:
        text: any Chinese text, possibly mixed with Latin letters and digits.

    Returns:
        The text in simplified script.
    """
    if not text:
        return text
    return str(_converter().convert(text))
