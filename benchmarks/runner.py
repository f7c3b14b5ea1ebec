"""The measures: each a function that takes prepared input and returns plain figures.

Timings use ``time.perf_counter``. Ratios (tagger vs naive, batched vs
row-at-a-time) are always taken within one run on the same input, so they
compare across machines even where absolute figures do not.
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import io
import json
import math
import os
import pstats
import re
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import psutil

from policykg.build import prepare
from policykg.graph.store import GraphStore, Tx, WriteSummary
from policykg.graph.writer import document_statements, write_document
from policykg.linker import Linker
from policykg.loaders import load_document
from policykg.model import LINKABLE_KINDS, Document, ManifestEntry
from policykg.ontology.tagger import Tagger
from policykg.ontology.vocab import Ontology
from policykg.pipeline import Pipeline
from policykg.text import to_simplified

ROOT = Path(__file__).resolve().parent.parent


# --- small helpers ------------------------------------------------------------------


def percentiles(samples: Sequence[float], points: Sequence[int] = (50, 95, 99)) -> dict[str, float]:
    """Nearest-rank percentiles of ``samples`` (seconds) as milliseconds, plus the mean."""
    if not samples:
        return {**{f"p{p}": math.nan for p in points}, "mean": math.nan, "n": 0}
    ordered = sorted(samples)
    out: dict[str, float] = {}
    for p in points:
        rank = max(1, math.ceil(p / 100 * len(ordered)))
        out[f"p{p}"] = round(ordered[rank - 1] * 1000, 2)
    out["mean"] = round(sum(ordered) / len(ordered) * 1000, 2)
    out["n"] = len(ordered)
    return out


def peak_rss_mb(pid: int) -> float:
    """Peak resident set size of a live process (VmHWM on Linux, else current RSS), MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    except OSError:
        pass
    return round(psutil.Process(pid).memory_info().rss / 2**20, 1)


def tree_rss_mb(pid: int) -> dict[str, float]:
    """Current and peak RSS of a process and its children, MB."""
    proc = psutil.Process(pid)
    procs = [proc, *proc.children(recursive=True)]
    rss = sum(p.memory_info().rss for p in procs if p.is_running())
    return {"rss": round(rss / 2**20, 1), "peak": sum(peak_rss_mb(p.pid) for p in procs)}


def unit_chars(doc: Document) -> int:
    """Characters the tagger reads in a document: every unit's heading and text."""
    return sum(len(u.heading) + len(u.text) for u in doc.units)


# --- parse, tag, link -----------------------------------------------------------------


def measure_parse(
    entries: Sequence[tuple[ManifestEntry, Path]],
) -> tuple[list[Document], dict[str, Any]]:
    """Loaders only (decode, repair, normalise, segment, extract): plans/s and MB/s.

    File reads happen before the clock starts, so the figure is the loaders' own.
    """
    raws = [(entry, path.read_bytes()) for entry, path in entries]
    size = sum(len(raw) for _, raw in raws)
    docs = []
    start = time.perf_counter()
    for entry, raw in raws:
        docs.append(load_document(raw, entry))
    elapsed = time.perf_counter() - start
    return docs, {
        "plans": len(docs),
        "bytes": size,
        "seconds": round(elapsed, 3),
        "plans_per_s": round(len(docs) / elapsed, 2),
        "mb_per_s": round(size / 2**20 / elapsed, 3),
        "units": sum(len(d.units) for d in docs),
    }


class NaiveTagger:
    """The baseline: one ``re.search`` per label per unit field, over every label.

    Patterns are compiled once (``re``'s own cache holds 512 patterns, fewer than
    the ontology's labels, so uncompiled calls would also measure recompiling).
    The text is converted to simplified script first, as the real tagger does.
    It only finds which labels occur; it does none of the real tagger's overlap,
    coordination or adoption work, so the comparison flatters the baseline.
    """

    def __init__(self, ontology: Ontology) -> None:
        labels = sorted({to_simplified(label) for m in ontology.measures for label in m.labels_zh})
        self.labels = labels
        self._patterns = [re.compile(re.escape(label)) for label in labels]

    def tag_text(self, text: str) -> list[str]:
        simple = to_simplified(text)
        return [p.pattern for p in self._patterns if p.search(simple)]

    def tag_document(self, doc: Document) -> int:
        found = 0
        for unit in doc.units:
            found += len(self.tag_text(unit.heading)) + len(self.tag_text(unit.text))
        return found


def measure_tagging(
    tagger: Tagger, naive: NaiveTagger, docs: Sequence[Document], baseline_docs: int
) -> dict[str, Any]:
    """Tagger throughput over all ``docs``; both taggers on the first ``baseline_docs``.

    The ratio is taken on the same subset (interleaved per document, so a burst
    of load from other processes hits both alike).
    """
    chars = sum(unit_chars(d) for d in docs)
    start = time.perf_counter()
    for doc in docs:
        tagger.tag_document(doc)
    elapsed = time.perf_counter() - start
    subset = list(docs[:baseline_docs])
    t_fast = t_naive = 0.0
    for doc in subset:
        copy = doc.model_copy(deep=True)
        t0 = time.perf_counter()
        tagger.tag_document(copy)
        t1 = time.perf_counter()
        naive.tag_document(doc)
        t_naive += time.perf_counter() - t1
        t_fast += t1 - t0
    # The matching step alone (script conversion + one Aho-Corasick pass, what
    # the naive loop's label search corresponds to), without the tagger's
    # overlap, coordination, sentence and adoption work.
    t_core = 0.0
    for doc in subset:
        t0 = time.perf_counter()
        for unit in doc.units:
            tagger.match_labels(unit.heading)
            tagger.match_labels(unit.text)
        t_core += time.perf_counter() - t0
    sub_chars = sum(unit_chars(d) for d in subset)
    return {
        "chars": chars,
        "seconds": round(elapsed, 3),
        "chars_per_s": round(chars / elapsed),
        "labels": len(naive.labels),
        "baseline_plans": len(subset),
        "baseline_chars": sub_chars,
        "tagger_chars_per_s_on_subset": round(sub_chars / t_fast) if t_fast else None,
        "naive_chars_per_s": round(sub_chars / t_naive) if t_naive else None,
        "speedup_vs_naive": round(t_naive / t_fast, 2) if t_fast else None,
        "matching_step_chars_per_s": round(sub_chars / t_core) if t_core else None,
        "matching_step_speedup_vs_naive": round(t_naive / t_core, 2) if t_core else None,
        "tags": sum(len(u.measures) for d in docs for u in d.units),
    }


def measure_linking(linker: Linker, docs: Sequence[Document]) -> dict[str, Any]:
    """Clause-linking throughput: units/s (all units, and the linkable ones it ranks)."""
    units = sum(len(d.units) for d in docs)
    linkable = sum(1 for d in docs for u in d.units if u.kind in LINKABLE_KINDS)
    start = time.perf_counter()
    for doc in docs:
        linker.link_document(doc)
    elapsed = time.perf_counter() - start
    return {
        "units": units,
        "linkable_units": linkable,
        "seconds": round(elapsed, 3),
        "units_per_s": round(units / elapsed, 1),
        "linkable_units_per_s": round(linkable / elapsed, 1),
        "links": sum(len(u.clauses) for d in docs for u in d.units),
    }


# --- graph loading ------------------------------------------------------------------------


def _elements(summary: WriteSummary) -> int:
    return summary.nodes_created + summary.relationships_created


def load_batched(store: GraphStore, docs: Sequence[Document]) -> dict[str, Any]:
    """The project's writer: one transaction per document, UNWIND batches."""
    total = WriteSummary()
    start = time.perf_counter()
    for doc in docs:
        total = total + write_document(store, doc)
    elapsed = time.perf_counter() - start
    statements = sum(len(document_statements(doc)) for doc in docs)
    return _load_figures(len(docs), elapsed, total, statements=statements)


def write_document_rows(store: GraphStore, doc: Document) -> tuple[WriteSummary, int]:
    """Row at a time: every node and relationship row in its own transaction.

    The writer's own statements (:func:`document_statements`), in its order,
    with each ``$rows`` batch sent as one-row statements, so the Cypher is
    identical and only the batching differs. Returns the summary and the
    number of statements sent.
    """
    total = WriteSummary()
    sent = 0
    for name, params in document_statements(doc):
        batches = (
            [{**params, "rows": [row]} for row in params["rows"]] if "rows" in params else [params]
        )
        for batch in batches:
            total = total + store.write(name, **batch)
            sent += 1
    return total, sent


def load_row_at_a_time(
    store: GraphStore, docs: Sequence[Document], budget_s: float = math.inf
) -> dict[str, Any]:
    """Row-at-a-time loading, stopping after the document that crosses ``budget_s``.

    When it stops early the figures cover the documents written, and
    ``extrapolated_seconds`` scales the time by graph elements to all of ``docs``
    (elements counted as the rows of :func:`document_statements`, so that is an estimate).
    """
    total = WriteSummary()
    statements = 0
    done = 0
    start = time.perf_counter()
    for doc in docs:
        summary, sent = write_document_rows(store, doc)
        total = total + summary
        statements += sent
        done += 1
        if time.perf_counter() - start > budget_s:
            break
    elapsed = time.perf_counter() - start
    out = _load_figures(done, elapsed, total, statements)
    out["complete"] = done == len(docs)
    if done < len(docs):
        rows_done = sum(_row_count(d) for d in docs[:done])
        rows_all = sum(_row_count(d) for d in docs)
        out["extrapolated_seconds"] = round(elapsed * rows_all / rows_done, 1)
    return out


def _row_count(doc: Document) -> int:
    return sum(len(params.get("rows", ())) for _, params in document_statements(doc))


def _load_figures(
    docs: int, elapsed: float, total: WriteSummary, statements: int
) -> dict[str, Any]:
    elements = _elements(total)
    return {
        "plans": docs,
        "seconds": round(elapsed, 3),
        "nodes": total.nodes_created,
        "relationships": total.relationships_created,
        "elements_per_s": round(elements / elapsed, 1) if elapsed else None,
        "plans_per_s": round(docs / elapsed, 2) if elapsed else None,
        "statements": statements,
    }


# --- full build in a child process ------------------------------------------------------


def full_build(home: Path, database: str, corpus: Path) -> dict[str, Any]:
    """``policykg build`` of ``corpus`` into a fresh ``database``, in a child process.

    The child reports its own wall time (from before the pipeline is built to
    the last commit) and its peak RSS (``ru_maxrss``), so the figure is what a
    user running a build pays, imports excepted.
    """
    code = (
        "import json, resource, sys, time\n"
        "from pathlib import Path\n"
        "from policykg.settings import Settings\n"
        "from policykg.graph.connect import open_store\n"
        "from policykg.build import build\n"
        "from policykg.pipeline import Pipeline\n"
        "s = Settings(_env_file=None, POLICYKG_HOME=Path(sys.argv[1]), NEO4J_DATABASE=sys.argv[2],"
        " POLICYKG_DB_TIMEOUT=600)\n"
        "t0 = time.perf_counter()\n"
        "store = open_store(s, start=False)\n"
        "summaries = build(store, Pipeline(), Path(sys.argv[3]))\n"
        "store.close()\n"
        "t = time.perf_counter() - t0\n"
        "peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024\n"
        "print(json.dumps({'seconds': round(t, 2), 'plans': len(summaries),"
        " 'peak_rss_mb': round(peak, 1)}))\n"
    )
    start = time.perf_counter()
    proc = subprocess.run(
        [sys.executable, "-c", code, str(home), database, str(corpus)],
        capture_output=True,
        text=True,
        check=False,
        cwd=ROOT,
    )
    wall = time.perf_counter() - start
    if proc.returncode != 0:
        raise RuntimeError(f"build child failed: {proc.stderr[-2000:]}")
    out: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    out["process_seconds"] = round(wall, 2)
    out["seconds_per_plan"] = round(out["seconds"] / max(1, out["plans"]), 4)
    return out


# --- query latency ------------------------------------------------------------------------


@dataclass
class QueryCase:
    """One service call to time, by name."""

    name: str
    call: Callable[[], object]


def query_cases(store: GraphStore, jurisdiction_ids: Sequence[str]) -> list[QueryCase]:
    """The service calls the brief names, cycling through a few arguments each."""
    from policykg import services

    measures = ["质押融资", "专利导航", "知识产权保护中心", "地理标志", "维权援助"]
    clause_ids = ["C05", "C10", "C14", "C17", "C20"]
    words = ["质押融资", "專利導航", "地理标志", "海外维权", "数据知识产权"]
    ids = list(jurisdiction_ids)
    pairs = [[ids[i], ids[(i + 1) % len(ids)]] for i in range(min(5, len(ids)))]

    def cycle(values: Sequence[Any], fn: Callable[[Any], object]) -> Callable[[], object]:
        state = {"i": 0}

        def call() -> object:
            value = values[state["i"] % len(values)]
            state["i"] += 1
            return fn(value)

        return call

    return [
        QueryCase("adopters", cycle(measures, lambda m: services.adopters(store, m))),
        QueryCase("compare_2", cycle(pairs, lambda p: services.compare(store, p))),
        QueryCase("compare_all", lambda: services.compare(store, ids)),
        QueryCase("coverage", cycle(clause_ids, lambda c: services.coverage(store, c))),
        QueryCase("matrix", lambda: services.matrix(store, "measure")),
        QueryCase("search", cycle(words, lambda q: services.search(store, q))),
    ]


def measure_queries(
    cases: Sequence[QueryCase], calls: int, warmup: int = 5, deadline_s: float = math.inf
) -> dict[str, dict[str, float]]:
    """Warm latency of each case: ``warmup`` untimed calls, then up to ``calls`` timed ones.

    A case stops early after ``deadline_s`` seconds of timed calls (the count
    says how many ran).
    """
    out = {}
    for case in cases:
        for _ in range(warmup):
            case.call()
        samples = []
        start = time.perf_counter()
        for _ in range(calls):
            t0 = time.perf_counter()
            case.call()
            samples.append(time.perf_counter() - t0)
            if time.perf_counter() - start > deadline_s:
                break
        out[case.name] = percentiles(samples)
    return out


# --- the API over loopback ----------------------------------------------------------------


class ApiServer:
    """uvicorn serving ``create_app`` in a child process on 127.0.0.1 (see serve.py)."""

    def __init__(self, home: Path, database: str) -> None:
        self.home = home
        self.database = database
        self.proc: subprocess.Popen[bytes] | None = None
        self.port = 0

    def __enter__(self) -> ApiServer:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            self.port = int(s.getsockname()[1])
        self.proc = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "benchmarks.serve",
                str(self.home),
                self.database,
                str(self.port),
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                err = self.proc.stderr.read().decode() if self.proc.stderr else ""
                raise RuntimeError(f"API server exited: {err[-2000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=5).status_code < 500:
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.3)
        raise RuntimeError("API server did not answer within 120 s")

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def rss(self) -> dict[str, float]:
        assert self.proc is not None
        return tree_rss_mb(self.proc.pid)

    def __exit__(self, *exc: object) -> None:
        if self.proc is not None:
            self.proc.terminate()
            try:
                self.proc.wait(30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(10)


def api_paths(jurisdiction_ids: Sequence[str]) -> list[str]:
    """A mixed set of read requests (the query cases' HTTP twins)."""
    ids = list(jurisdiction_ids)
    two = f"j={ids[0]}&j={ids[1 % len(ids)]}"
    return [
        "/measures/质押融资/adopters",
        "/measures/专利导航/adopters",
        f"/compare?{two}",
        "/clauses/C10/coverage",
        "/clauses/C14/coverage",
        "/search?q=质押融资",
        "/matrix?by=measure",
        "/health",
    ]


async def _load(
    url: str, paths: Sequence[str], concurrency: int, max_requests: int, max_seconds: float
) -> dict[str, Any]:
    latencies: list[float] = []
    errors: dict[str, int] = {}
    issued = 0
    lock = asyncio.Lock()
    start = time.perf_counter()
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, timeout=60, limits=limits) as client:

        async def worker() -> None:
            nonlocal issued
            while True:
                async with lock:
                    if issued >= max_requests or time.perf_counter() - start > max_seconds:
                        return
                    path = paths[issued % len(paths)]
                    issued += 1
                t0 = time.perf_counter()
                try:
                    r = await client.get(path)
                    if r.status_code >= 400:
                        errors[str(r.status_code)] = errors.get(str(r.status_code), 0) + 1
                except httpx.HTTPError as e:
                    errors[type(e).__name__] = errors.get(type(e).__name__, 0) + 1
                latencies.append(time.perf_counter() - t0)

        await asyncio.gather(*(worker() for _ in range(concurrency)))
    elapsed = time.perf_counter() - start
    return {
        "requests": len(latencies),
        "seconds": round(elapsed, 2),
        "requests_per_s": round(len(latencies) / elapsed, 1),
        "concurrency": concurrency,
        "latency": percentiles(latencies),
        "errors": errors,
    }


def measure_api_throughput(
    url: str,
    paths: Sequence[str],
    concurrency: int = 16,
    max_requests: int = 2000,
    max_seconds: float = 30.0,
) -> dict[str, Any]:
    """Requests/s with ``concurrency`` clients, bounded in count and in time."""
    return asyncio.run(_load(url, paths, concurrency, max_requests, max_seconds))


def measure_pages(
    url: str, paths: Sequence[str], calls: int, deadline_s: float = math.inf
) -> dict[str, dict[str, Any]]:
    """Sequential, warm load time of HTML pages (server time + transfer, no rendering).

    Each page stops early after ``deadline_s`` seconds (``n`` says how many ran).
    """
    out: dict[str, dict[str, Any]] = {}
    with httpx.Client(base_url=url, timeout=60) as client:
        for path in paths:
            r = client.get(path)
            if r.status_code != 200:
                out[path] = {"status": r.status_code}
                continue
            samples = []
            start = time.perf_counter()
            for _ in range(calls):
                t0 = time.perf_counter()
                client.get(path).raise_for_status()
                samples.append(time.perf_counter() - t0)
                if time.perf_counter() - start > deadline_s:
                    break
            out[path] = {**percentiles(samples), "bytes": len(r.content)}
    return out


# --- profiling ----------------------------------------------------------------------------


#: Folders of the project whose functions the cumulative hot-spot list keeps.
_PROJECT_DIRS = ("loaders/", "ontology/", "linker/", "graph/", "policykg/", "api/", "queries/")


def profile(fn: Callable[[], object], top: int = 15) -> dict[str, list[dict[str, Any]]]:
    """cProfile ``fn``: the ``top`` functions by own time (anywhere), and the
    project's own functions by cumulative time, each as file:line:function."""
    prof = cProfile.Profile()
    prof.enable()
    fn()
    prof.disable()
    stats = pstats.Stats(prof, stream=io.StringIO())
    rows = []
    for (file, line, func), (_cc, calls, tottime, cumtime, _) in stats.stats.items():  # type: ignore[attr-defined]
        rows.append(
            {
                "where": f"{_short(file)}:{line}:{func}",
                "calls": calls,
                "own_s": round(tottime, 3),
                "cum_s": round(cumtime, 3),
            }
        )
    own = sorted(rows, key=lambda r: r["own_s"], reverse=True)[:top]
    project = sorted(
        (r for r in rows if r["where"].startswith(_PROJECT_DIRS)),
        key=lambda r: r["cum_s"],
        reverse=True,
    )[:top]
    return {"own_time": own, "project_cumulative": project}


def _short(file: str) -> str:
    for marker in ("/site-packages/", str(ROOT) + "/"):
        if marker in file:
            return file.split(marker, 1)[1]
    return os.path.basename(file)


def profile_pipeline(entries: Sequence[tuple[ManifestEntry, Path]], pipeline: Pipeline) -> Any:
    """Own-time hot spots of parse + tag + link over ``entries``."""
    raws = [(e, p.read_bytes()) for e, p in entries]
    return profile(lambda: [pipeline.parse(raw, e) for e, raw in raws])


def profile_write(store: GraphStore, docs: Sequence[Document]) -> Any:
    """Own-time hot spots (client side) of the batched writer over ``docs``."""
    return profile(lambda: [write_document(store, d) for d in docs])


@contextlib.contextmanager
def named_query_timer() -> Iterator[dict[str, list[float]]]:
    """Record the wall time of every named query run (reads and transaction writes).

    Wraps :meth:`GraphStore.read` and :meth:`Tx.run` for the duration of the
    ``with`` block (benchmark instrumentation only; restored on exit).
    """
    times: dict[str, list[float]] = defaultdict(list)
    orig_read, orig_run = GraphStore.read, Tx.run

    def read(self: GraphStore, name: str, **params: Any) -> list[dict[str, Any]]:
        t0 = time.perf_counter()
        try:
            return orig_read(self, name, **params)
        finally:
            times[name].append(time.perf_counter() - t0)

    def run(self: Tx, name: str, **params: Any) -> list[dict[str, Any]]:
        t0 = time.perf_counter()
        try:
            return orig_run(self, name, **params)
        finally:
            times[name].append(time.perf_counter() - t0)

    setattr(GraphStore, "read", read)  # noqa: B010 - mypy refuses a method assignment
    setattr(Tx, "run", run)  # noqa: B010
    try:
        yield times
    finally:
        setattr(GraphStore, "read", orig_read)  # noqa: B010
        setattr(Tx, "run", orig_run)  # noqa: B010


def query_breakdown(times: dict[str, list[float]]) -> list[dict[str, Any]]:
    """Named queries by total time: calls, total seconds, mean ms."""
    rows = [
        {
            "query": name,
            "calls": len(ts),
            "total_s": round(sum(ts), 3),
            "mean_ms": round(sum(ts) / len(ts) * 1000, 2),
        }
        for name, ts in times.items()
    ]
    return sorted(rows, key=lambda r: r["total_s"], reverse=True)


def breakdown_cases(
    cases: Sequence[QueryCase], calls: int, deadline_s: float = math.inf
) -> dict[str, list[dict[str, Any]]]:
    """Which named queries each service call spends its time in."""
    out = {}
    for case in cases:
        start = time.perf_counter()
        with named_query_timer() as times:
            for _ in range(calls):
                case.call()
                if time.perf_counter() - start > deadline_s:
                    break
        out[case.name] = query_breakdown(times)
    return out


def breakdown_write(store: GraphStore, docs: Sequence[Document]) -> list[dict[str, Any]]:
    """Which statements of the batched writer take the time."""
    with named_query_timer() as times:
        for doc in docs:
            write_document(store, doc)
    return query_breakdown(times)


def fresh_store(
    store_factory: Callable[[str], GraphStore], database: str, pipeline: Pipeline
) -> GraphStore:
    """A store on ``database`` with schema and reference data written."""
    store = store_factory(database)
    prepare(store, pipeline)
    return store
