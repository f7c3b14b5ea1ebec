"""Lazy, self-healing connection to the graph for the API process.

The API must start while the graph server is down and recover by itself when
it comes back: the store is opened on first use, and dropped when a call finds
the server gone, so the next request reconnects.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from policykg.graph.store import GraphStore


class StoreHolder:
    def __init__(self, factory: Callable[[], GraphStore]) -> None:
        self._factory = factory
        self._store: GraphStore | None = None
        self._lock = threading.Lock()

    def get(self) -> GraphStore:
        with self._lock:
            if self._store is None:
                self._store = self._factory()
            return self._store

    def reset(self) -> None:
        """Forget the connection (after GraphUnavailable) so the next call reconnects."""
        with self._lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()

    def close(self) -> None:
        self.reset()
