"""``python -m benchmarks [--sizes 5,50,500] [--quick]``: run every measure, write results.

Everything runs against an embedded graph server started in a temporary
``POLICYKG_HOME`` (never the user's ``~/.local/share/policykg``), one fresh
database per measure and size. Results go to ``benchmarks/results/<date>.json``
and ``<date>.md``; the table is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from benchmarks import lifecycle, report, runner
from benchmarks.generator import generate, parse_real_corpus
from policykg.graph.embedded import ROOT_USER, EmbeddedServer
from policykg.graph.store import GraphStore
from policykg.model import Document
from policykg.pipeline import Pipeline, corpus_entries

RESULTS = Path(__file__).resolve().parent / "results"


def _say(msg: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    p.add_argument("--sizes", default="5,50,500", help="corpus sizes (plans), comma-separated")
    p.add_argument("--quick", action="store_true", help="fewer calls, shorter budgets")
    p.add_argument("--seed", type=int, default=20261121, help="corpus generator seed")
    p.add_argument("--out", type=Path, default=RESULTS, help="results folder")
    p.add_argument(
        "--only",
        default="",
        help="comma-separated subset of: pipeline,load,build,query,api (default all)",
    )
    p.add_argument("--heap", default="1g", help="embedded server JVM heap")
    p.add_argument(
        "--render", type=Path, default=None, help="only rewrite the .md of this results .json"
    )
    return p.parse_args(argv)


def run(args: argparse.Namespace) -> dict[str, Any]:
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    only = {s.strip() for s in args.only.split(",") if s.strip()} or {
        "pipeline", "load", "build", "query", "api"
    }  # fmt: skip
    calls = 50 if args.quick else 200
    row_budget = 15.0 if args.quick else 90.0
    query_deadline = 15.0 if args.quick else 90.0
    api_requests, api_seconds = (500, 10.0) if args.quick else (2000, 30.0)
    lifecycle.stop_stale_servers(say=_say)
    lifecycle.stop_on_signals()
    tmp = Path(tempfile.mkdtemp(prefix=lifecycle.PREFIX))
    lifecycle.claim(tmp)
    home = tmp / "home"
    results: dict[str, Any] = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": {
            "cpus": os.cpu_count(),
            "python": platform.python_version(),
            "platform": platform.platform(),
            "loadavg_start": [round(x, 2) for x in os.getloadavg()],
            "note": "shared machine: other processes were running; absolute figures are "
            "relative to this machine and its load, the ratios are what compare",
        },
        "seed": args.seed,
        "quick": args.quick,
        "sizes": {},
    }
    _say("parse the real corpus for the generator")
    real = parse_real_corpus()
    server = EmbeddedServer(home, "bench", start_timeout=300, heap=args.heap)
    try:
        # started inside the try: a signal during the start still stops it
        _say(f"start the embedded server in {home}")
        status = server.start()
        assert status.bolt_uri and status.pid
        results["machine"]["graph_server"] = "embedded ArcadeDB (Bolt), JVM heap " + args.heap

        def connect(database: str) -> GraphStore:
            return GraphStore.connect(
                status.bolt_uri or "", (ROOT_USER, server.password()), database, timeout=600
            )

        with connect("bench") as probe:
            results["machine"]["graph_server"] += f", agent {probe.server.agent}"
        # The JVM compiles its hot paths during the first writes: warm it up on
        # the real five in a throw-away database so N=5 does not pay for it.
        _say("warm up the graph server")
        warm = Pipeline()
        server.create_database("warmup")
        warm_docs = [doc.model_copy(deep=True) for _, _, doc in real]
        for doc in warm_docs:
            warm.tagger.tag_document(doc)
            warm.linker.link_document(doc)
        with runner.fresh_store(connect, "warmup", warm) as store:
            runner.load_batched(store, warm_docs)
        server.drop_database("warmup")
        for n in sizes:
            results["sizes"][str(n)] = run_size(
                n, args, tmp, home, server, connect, real, only, calls, row_budget,
                query_deadline, api_requests, api_seconds,
            )  # fmt: skip
            results["sizes"][str(n)]["graph_server_rss_mb"] = runner.tree_rss_mb(status.pid)
            # other processes' load changes during a run: say what each size ran under
            results["sizes"][str(n)]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
            save(args, results)  # a later size that fails keeps the earlier ones
        if "pipeline" in only or "load" in only:
            n = max(sizes)
            folder = tmp / f"corpus{n}"
            entries = corpus_entries(folder)[: min(n, 40)]
            pipeline = Pipeline()
            _ = pipeline.tagger, pipeline.linker
            _say(f"profile parse+tag+link of {len(entries)} plans")
            results["profile"] = {"pipeline": runner.profile_pipeline(entries, pipeline)}
            docs = [pipeline.parse_file(p, e) for e, p in entries[:20]]
            server.create_database("profilewrite")
            store = runner.fresh_store(connect, "profilewrite", pipeline)
            _say(f"profile the batched write of {len(docs)} plans")
            results["profile"]["write"] = runner.profile_write(store, docs)
            store.close()
            server.drop_database("profilewrite")
            server.create_database("profilewrite2")
            with runner.fresh_store(connect, "profilewrite2", pipeline) as store:
                results["profile"]["write_statements"] = runner.breakdown_write(store, docs)
            server.drop_database("profilewrite2")
    finally:
        results["machine"]["loadavg_end"] = [round(x, 2) for x in os.getloadavg()]
        _say("stop the embedded server")
        server.stop()
        shutil.rmtree(tmp, ignore_errors=True)
    return results


def run_size(
    n: int,
    args: argparse.Namespace,
    tmp: Path,
    home: Path,
    server: EmbeddedServer,
    connect: Any,
    real: Any,
    only: set[str],
    calls: int,
    row_budget: float,
    query_deadline: float,
    api_requests: int,
    api_seconds: float,
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    folder = tmp / f"corpus{n}"
    _say(f"N={n}: generate the corpus")
    gen = generate(n, folder, args.seed, real=real)
    out["corpus"] = {
        "plans": gen.plans,
        "synthetic": gen.synthetic,
        "mb": round(gen.bytes / 2**20, 2),
        "encodings": gen.encodings,
        "traditional": gen.traditional,
        "crlf": gen.crlf,
    }
    entries = corpus_entries(folder)
    pipeline = Pipeline()
    tagger, linker = pipeline.tagger, pipeline.linker  # built before the clocks start
    docs: list[Document] = []
    if only & {"pipeline", "load"}:
        _say(f"N={n}: parse")
        docs, out["parse"] = runner.measure_parse(entries)
        _say(f"N={n}: tag (and the naive baseline)")
        naive = runner.NaiveTagger(pipeline.ontology)
        out["tag"] = runner.measure_tagging(tagger, naive, docs, min(n, 10 if args.quick else 25))
        _say(f"N={n}: link")
        out["link"] = runner.measure_linking(linker, docs)
    if "load" in only:
        db = f"b{n}batch"
        server.create_database(db)
        store = runner.fresh_store(connect, db, pipeline)
        _say(f"N={n}: batched load")
        out["load_batched"] = runner.load_batched(store, docs)
        store.close()
        server.drop_database(db)
        db = f"b{n}row"
        server.create_database(db)
        store = runner.fresh_store(connect, db, pipeline)
        _say(f"N={n}: row-at-a-time load (budget {row_budget:.0f} s)")
        out["load_rows"] = runner.load_row_at_a_time(store, docs, row_budget)
        store.close()
        server.drop_database(db)
        b, r = out["load_batched"], out["load_rows"]
        if b["elements_per_s"] and r["elements_per_s"]:
            out["load_speedup"] = round(b["elements_per_s"] / r["elements_per_s"], 1)
    db = f"b{n}build"
    if only & {"build", "query", "api"}:
        server.create_database(db)
        _say(f"N={n}: full build in a child process")
        out["build"] = runner.full_build(home, db, folder)
    if "query" in only:
        store = connect(db)
        ids = [e.jurisdiction.id for e, _ in entries]
        _say(f"N={n}: query latency ({calls} calls each)")
        out["query"] = runner.measure_queries(
            runner.query_cases(store, ids), calls, deadline_s=query_deadline
        )
        out["query_mode"] = "service functions in-process on one GraphStore (no HTTP)"
        out["query_breakdown"] = runner.breakdown_cases(
            runner.query_cases(store, ids), 20, deadline_s=20.0
        )
        store.close()
    if "api" in only:
        ids = [e.jurisdiction.id for e, _ in entries]
        _say(f"N={n}: API throughput over loopback")
        with runner.ApiServer(home, db) as api:
            out["api"] = runner.measure_api_throughput(
                api.url, runner.api_paths(ids), 16, api_requests, api_seconds
            )
            out["pages"] = runner.measure_pages(
                api.url, ["/", "/pages/measures/质押融资", "/pages/clauses/C10"],
                20 if args.quick else 50,
                deadline_s=query_deadline / 3,
            )  # fmt: skip
            out["api_rss_mb"] = api.rss()
    if only & {"build", "query", "api"}:
        server.drop_database(db)
    return out


def save(args: argparse.Namespace, results: dict[str, Any]) -> tuple[Path, Path, str]:
    """Write ``<date>.json`` and ``<date>.md`` (``-quick`` suffixed for quick runs)."""
    results["targets"] = report.targets(results)
    args.out.mkdir(parents=True, exist_ok=True)
    stamp = results["date"][:10]
    suffix = "-quick" if args.quick else ""
    json_path = args.out / f"{stamp}{suffix}.json"
    md_path = args.out / f"{stamp}{suffix}.md"
    json_path.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", "utf-8")
    table = report.markdown(results)
    md_path.write_text(table, encoding="utf-8")
    return json_path, md_path, table


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    if args.render is not None:
        results = json.loads(args.render.read_text(encoding="utf-8"))
        results["targets"] = report.targets(results)
        table = report.markdown(results)
        args.render.with_suffix(".md").write_text(table, encoding="utf-8")
        print(table)
        return 0
    results = run(args)
    json_path, md_path, table = save(args, results)
    print(table)
    _say(f"wrote {json_path} and {md_path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
