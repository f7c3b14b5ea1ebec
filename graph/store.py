"""The graph store: the only place that holds a ``neo4j`` driver.

Everything else receives a :class:`GraphStore` and asks it to run *named*
queries (``queries/<name>.cypher``) with parameters. Reads run in read
transactions, writes in write transactions; a group of writes that must land
together (one document) runs in one transaction through :meth:`GraphStore.transaction`.
Driver errors are wrapped into :class:`~policykg.errors.PolicyKGError`
subclasses where they enter our code.
"""

from __future__ import annotations

import contextlib
import random
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, TypeVar

import neo4j
from neo4j import GraphDatabase, ManagedTransaction
from neo4j import exceptions as nx

from policykg.errors import GraphUnavailable, PolicyKGError, QueryFailed
from policykg.graph import dialect
from policykg.graph.dialect import ServerInfo
from policykg.graph.schema import NODE_KEYS, RELATIONSHIPS
from policykg.queries import get_query

T = TypeVar("T")

#: How often a write transaction the server aborted as transient is tried in all.
TRANSIENT_ATTEMPTS = 5

#: Errors that mean "the server is not there (now)": the API answers 503.
_UNAVAILABLE = (
    nx.ServiceUnavailable,
    nx.SessionExpired,
    nx.AuthError,
    nx.TransientError,
    ConnectionError,
    TimeoutError,
    OSError,
)


def _retryable(cause: BaseException | None) -> bool:
    """A failure that running the same transaction again may not meet (told by code, not text)."""
    if isinstance(cause, nx.TransientError):
        return True
    return isinstance(cause, nx.Neo4jError) and cause.code == _CONSTRAINT_RACE


_CONSTRAINT_RACE = "Neo.ClientError.Schema.ConstraintValidationFailed"


@dataclass(frozen=True)
class WriteSummary:
    nodes_created: int = 0
    nodes_deleted: int = 0
    relationships_created: int = 0
    relationships_deleted: int = 0
    properties_set: int = 0

    def __add__(self, other: WriteSummary) -> WriteSummary:
        return WriteSummary(
            *(getattr(self, f) + getattr(other, f) for f in self.__dataclass_fields__)
        )


def _summary(counters: neo4j.SummaryCounters) -> WriteSummary:
    return WriteSummary(
        counters.nodes_created,
        counters.nodes_deleted,
        counters.relationships_created,
        counters.relationships_deleted,
        counters.properties_set,
    )


def _wrap(e: Exception, what: str) -> PolicyKGError:
    if isinstance(e, PolicyKGError):
        return e
    if isinstance(e, nx.AuthError):
        return GraphUnavailable(f"graph server refused the credentials ({what})")
    if isinstance(e, _UNAVAILABLE):
        return GraphUnavailable(f"graph server unavailable during {what}: {e}")
    if isinstance(e, nx.Neo4jError):
        return QueryFailed(f"{what} failed: {e.message or e}", detail={"code": e.code})
    return QueryFailed(f"{what} failed: {e}")


def with_deadline(fn: Callable[[], T], seconds: float, what: str) -> T:
    """Run ``fn`` but give up after ``seconds``.

    The driver has no client-side read timeout: against a server that accepts
    the connection and then stops answering (a paused or overloaded JVM) a call
    would block forever. The call runs in a daemon thread; on timeout we raise
    and the caller drops the driver, whose closed sockets release the thread.
    """
    box: dict[str, Any] = {}

    def target() -> None:
        try:
            box["value"] = fn()
        except BaseException as e:  # handed to the caller's thread below
            box["error"] = e

    worker = threading.Thread(target=target, name=f"policykg-graph-{what}", daemon=True)
    worker.start()
    worker.join(seconds)
    if worker.is_alive():
        raise GraphUnavailable(f"graph server did not answer {what} within {seconds:.0f}s")
    if "error" in box:
        raise box["error"]
    value: T = box["value"]
    return value


class Tx:
    """A write transaction that runs named queries (see :meth:`GraphStore.transaction`)."""

    def __init__(self, tx: neo4j.Transaction, timeout: float) -> None:
        self._tx = tx
        self._timeout = timeout
        self.summary = WriteSummary()

    def run(self, name: str, **params: Any) -> list[dict[str, Any]]:
        q = get_query(name)

        def work() -> tuple[list[dict[str, Any]], WriteSummary]:
            result = self._tx.run(q.text, params)
            rows = result.data()
            return rows, _summary(result.consume().counters)

        rows, summary = with_deadline(work, self._timeout, name)
        self.summary = self.summary + summary
        return rows


class GraphStore:
    """Runs named queries against one database of one Bolt server.

    Args:
        driver: an open ``neo4j`` driver.
        database: the database to use.
        server: what :func:`dialect.detect` said about the server.
        timeout: seconds before a single transaction is abandoned.
    """

    def __init__(
        self, driver: neo4j.Driver, database: str, server: ServerInfo, timeout: float = 30.0
    ) -> None:
        self._driver = driver
        self.database = database
        self.server = server
        self.timeout = timeout

    # --- construction ----------------------------------------------------------
    @classmethod
    def connect(
        cls,
        uri: str,
        auth: tuple[str, str],
        database: str,
        *,
        timeout: float = 30.0,
    ) -> GraphStore:
        """Open a driver, check the server answers, and detect its kind.

        Raises:
            GraphUnavailable: the server cannot be reached or refuses the login.
        """
        try:
            driver = GraphDatabase.driver(
                uri,
                auth=auth,
                connection_timeout=min(timeout, 10.0),
                connection_acquisition_timeout=timeout,
                max_transaction_retry_time=timeout,
                liveness_check_timeout=5.0,
                keep_alive=True,
            )
        except (ValueError, nx.ConfigurationError) as e:
            raise GraphUnavailable(f"bad graph server URI {uri!r}: {e}") from e
        try:
            info = with_deadline(driver.get_server_info, timeout, "connect")
            server = dialect.detect(info.agent, ".".join(map(str, info.protocol_version)))
            store = cls(driver, database, server, timeout)
            if server.has_components:
                # Only a real Neo4j has a meaningful dbms.components(); ArcadeDB
                # answers it with a fixed "Neo4j Kernel 5.26.0".
                rows = store.read("get_server_components")
                if rows:
                    version = (rows[0].get("versions") or [server.version])[0]
                    store.server = dialect.detect(info.agent, server.protocol, str(version))
            return store
        except PolicyKGError:
            driver.close()
            raise
        except Exception as e:
            driver.close()
            raise _wrap(e, f"connect to {uri}") from e

    def close(self) -> None:
        self._driver.close()

    def __enter__(self) -> GraphStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- running named queries --------------------------------------------------
    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Run a read query in a read transaction and return its rows as dicts."""
        q = get_query(name)
        if q.mode != "read":
            raise QueryFailed(f"query {name} is a write query; use write()")

        @neo4j.unit_of_work(timeout=self.timeout)
        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            return tx.run(q.text, params).data()

        return self._execute("read", name, work)

    def write(self, name: str, **params: Any) -> WriteSummary:
        """Run one write query in its own write transaction."""
        with self.transaction(name) as tx:
            tx.run(name, **params)
        return tx.summary

    @contextlib.contextmanager
    def transaction(self, what: str = "write") -> Iterator[Tx]:
        """A write transaction for several named queries that land together.

        Everything run on the yielded :class:`Tx` commits at the end of the
        ``with`` block, or none of it does (an exception rolls it back).
        """
        try:
            with self._driver.session(database=self.database) as session:
                tx = with_deadline(
                    lambda: session.begin_transaction(timeout=self.timeout), self.timeout, what
                )
                try:
                    wrapper = Tx(tx, self.timeout)
                    yield wrapper
                    with_deadline(tx.commit, self.timeout, f"commit of {what}")
                except BaseException:
                    with contextlib.suppress(Exception):
                        tx.rollback()
                    raise
                finally:
                    tx.close()
        except PolicyKGError:
            raise
        except Exception as e:
            raise _wrap(e, what) from e

    def run_transaction(
        self, what: str, work: Callable[[Tx], T], *, attempts: int = TRANSIENT_ATTEMPTS
    ) -> tuple[T, WriteSummary]:
        """Run ``work`` in one write transaction, again when the server calls a failure transient.

        Returns:
            What ``work`` returned, and the counts of the transaction that committed.

        Two writers touching the same nodes at once (two ingests of one
        jurisdiction, a build beside an ingest) make the server abort one of
        them with a transient error (a deadlock on Neo4j, a concurrent
        modification on ArcadeDB), or two MERGEs creating the same node let the
        uniqueness constraint refuse the second; the transaction rolled back
        whole, so it is simply run again (the MERGE then finds the node), after
        a short randomised pause. Anything else, and the last attempt's
        failure, is raised as :meth:`transaction` raises it.
        """
        for attempt in range(1, attempts + 1):
            try:
                with self.transaction(what) as tx:
                    result = work(tx)
                return result, tx.summary
            except PolicyKGError as e:
                if attempt == attempts or not _retryable(e.__cause__):
                    raise
                time.sleep(random.uniform(0.05, 0.2) * attempt)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _execute(self, mode: str, what: str, work: Callable[[ManagedTransaction], T]) -> T:
        def call() -> T:
            with self._driver.session(
                database=self.database,
                default_access_mode=neo4j.READ_ACCESS if mode == "read" else neo4j.WRITE_ACCESS,
            ) as session:
                if mode == "read":
                    return session.execute_read(work)
                return session.execute_write(work)

        try:
            return with_deadline(call, self.timeout, what)
        except Exception as e:
            raise _wrap(e, what) from e

    # --- schema and housekeeping ----------------------------------------------------
    def ensure_schema(self) -> list[str]:
        """Create the constraints and indexes this server supports; idempotent."""
        statements = dialect.schema_statements(self.server)
        for statement in statements:

            def run(statement: str = statement) -> None:
                with self._driver.session(database=self.database) as session:
                    session.run(statement).consume()

            try:
                with_deadline(run, self.timeout, "schema")
            except Exception as e:
                raise _wrap(e, f"schema statement {statement[:60]}") from e
        return statements

    def ping(self) -> ServerInfo:
        """Check the server answers a query now; raise GraphUnavailable if not."""
        self.read("get_ping")
        return self.server

    def counts(self) -> dict[str, int]:
        """Nodes per label and relationships per type (whitelisted names only)."""
        out: dict[str, int] = {}
        for row in self.read("count_nodes_by_label"):
            if row["label"] in NODE_KEYS:
                out[row["label"]] = out.get(row["label"], 0) + int(row["count"])
        for row in self.read("count_relationships_by_type"):
            if row["type"] in RELATIONSHIPS:
                out[row["type"]] = out.get(row["type"], 0) + int(row["count"])
        return out

    def schema_report(self) -> dict[str, list[str]]:
        """Names of the constraints and indexes present on the server."""
        constraints = [str(r.get("name")) for r in self.read("list_constraints")]
        indexes = [str(r.get("name")) for r in self.read("list_indexes")]
        return {"constraints": constraints, "indexes": indexes}
