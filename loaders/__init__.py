"""policykg.loaders: plan files in, typed :class:`~policykg.model.Document` out.

Public entry points: :func:`read_plan_bytes` (size-checked read) and
:func:`load_document` (the whole chain). The loaders never touch the graph
database; ``graph/`` writes what they return.
"""

from policykg.loaders.decode import read_plan_bytes
from policykg.loaders.pipeline import load_document

__all__ = ["load_document", "read_plan_bytes"]
