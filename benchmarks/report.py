"""Turn the results dict into the target check and the markdown table."""

from __future__ import annotations

from typing import Any

#: The issue's targets, checked at the largest size run.
BUILD_SECONDS_MAX = 120.0
TAGGER_SPEEDUP_MIN = 20.0
LOAD_SPEEDUP_MIN = 10.0
P95_MS_MAX = {"adopters": 50.0, "coverage": 50.0, "compare_all": 200.0}


def _get(d: Any, *keys: str) -> Any:
    for k in keys:
        if not isinstance(d, dict) or k not in d:
            return None
        d = d[k]
    return d


def targets(results: dict[str, Any]) -> dict[str, Any]:
    """Each target with the measured figure and whether it is met (None: not measured)."""
    sizes = sorted(results["sizes"], key=int)
    if not sizes:
        return {}
    top = results["sizes"][sizes[-1]]
    out: dict[str, Any] = {"at_size": int(sizes[-1])}

    def check(name: str, value: Any, ok: bool | None) -> None:
        out[name] = {"value": value, "met": ok if value is not None else None}

    build = _get(top, "build", "seconds")
    check("build_under_2_min", build, build is not None and build < BUILD_SECONDS_MAX)
    tag = _get(top, "tag", "speedup_vs_naive")
    check("tagger_20x_naive", tag, tag is not None and tag >= TAGGER_SPEEDUP_MIN)
    load = _get(top, "load_speedup")
    check("batched_10x_rows", load, load is not None and load >= LOAD_SPEEDUP_MIN)
    for case, limit in P95_MS_MAX.items():
        p95 = _get(top, "query", case, "p95")
        check(f"p95_{case}_under_{limit:g}ms", p95, p95 is not None and p95 < limit)
    per_plan = {
        s: _get(results["sizes"][s], "build", "seconds_per_plan")
        for s in sizes
        if _get(results["sizes"][s], "build", "seconds_per_plan") is not None
    }
    if len(per_plan) >= 2:
        # the five real plans are longer than average and pay warm-up: compare the
        # synthetic sizes when there are two, else whatever two there are
        keys = [s for s in per_plan if int(s) > 5] or list(per_plan)
        if len(keys) < 2:
            keys = list(per_plan)
        first, last = per_plan[keys[0]], per_plan[keys[-1]]
        growth = round(last / first, 2) if first else None
        out["cost_per_plan"] = {
            "seconds_per_plan": per_plan,
            "growth": growth,
            "between": [int(keys[0]), int(keys[-1])],
            "met": growth is not None and growth < 1.5,
        }
    return out


def _fmt(v: Any) -> str:
    if v is None:
        return "–"
    if isinstance(v, float):
        return f"{v:,.3g}" if abs(v) < 100 else f"{v:,.0f}"
    if isinstance(v, int):
        return f"{v:,}"
    return str(v)


def markdown(results: dict[str, Any]) -> str:
    """A short table, one column per size, then the targets."""
    sizes = sorted(results["sizes"], key=int)
    cols = [results["sizes"][s] for s in sizes]
    rows: list[tuple[str, list[Any]]] = [
        ("corpus MB", [_get(c, "corpus", "mb") for c in cols]),
        ("parse plans/s", [_get(c, "parse", "plans_per_s") for c in cols]),
        ("parse MB/s", [_get(c, "parse", "mb_per_s") for c in cols]),
        ("tag chars/s (all plans)", [_get(c, "tag", "chars_per_s") for c in cols]),
        (
            "tag chars/s (baseline subset)",
            [_get(c, "tag", "tagger_chars_per_s_on_subset") for c in cols],
        ),
        ("naive chars/s (baseline subset)", [_get(c, "tag", "naive_chars_per_s") for c in cols]),
        ("tagger / naive", [_get(c, "tag", "speedup_vs_naive") for c in cols]),
        (
            "matching step / naive",
            [_get(c, "tag", "matching_step_speedup_vs_naive") for c in cols],
        ),
        ("link units/s", [_get(c, "link", "units_per_s") for c in cols]),
        ("batched load s", [_get(c, "load_batched", "seconds") for c in cols]),
        ("batched nodes+rels/s", [_get(c, "load_batched", "elements_per_s") for c in cols]),
        ("row-at-a-time nodes+rels/s", [_get(c, "load_rows", "elements_per_s") for c in cols]),
        (
            "row-at-a-time plans written",
            [
                None
                if _get(c, "load_rows") is None
                else f"{c['load_rows']['plans']}"
                + ("" if c["load_rows"].get("complete") else " (extrapolated)")
                for c in cols
            ],
        ),
        ("batched / row-at-a-time", [_get(c, "load_speedup") for c in cols]),
        ("full build s", [_get(c, "build", "seconds") for c in cols]),
        ("full build s/plan", [_get(c, "build", "seconds_per_plan") for c in cols]),
        ("build peak RSS MB", [_get(c, "build", "peak_rss_mb") for c in cols]),
    ]
    for case in ("adopters", "compare_2", "compare_all", "coverage", "matrix", "search"):
        rows.append(
            (
                f"{case} p50/p95/p99 ms",
                [
                    None
                    if _get(c, "query", case) is None
                    else "/".join(_fmt(c["query"][case][p]) for p in ("p50", "p95", "p99"))
                    for c in cols
                ],
            )
        )
    rows += [
        ("API req/s (16 clients)", [_get(c, "api", "requests_per_s") for c in cols]),
        ("API p95 ms under load", [_get(c, "api", "latency", "p95") for c in cols]),
        ("API errors", [_get(c, "api", "errors") or None for c in cols]),
        ("page / p50/p95 ms", [_page(c, "/") for c in cols]),
        ("measure page p50/p95 ms", [_page(c, "/pages/measures/质押融资") for c in cols]),
        ("API peak RSS MB", [_get(c, "api_rss_mb", "peak") for c in cols]),
        ("graph server RSS MB", [_get(c, "graph_server_rss_mb", "rss") for c in cols]),
    ]
    m = results["machine"]
    lines = [
        f"## Benchmarks {results['date'][:10]}",
        "",
        f"{m['cpus']} CPUs, Python {m['python']}, {m.get('graph_server', '')}; load average "
        f"{m['loadavg_start']} at start, {m.get('loadavg_end')} at end. {m['note']}.",
        "",
        "| measure | " + " | ".join(f"N={s}" for s in sizes) + " |",
        "|---|" + "---|" * len(sizes),
    ]
    for name, values in rows:
        if all(v is None for v in values):
            continue
        lines.append(f"| {name} | " + " | ".join(_fmt(v) for v in values) + " |")
    t = results.get("targets") or {}
    if t:
        lines += ["", f"Targets at N={t['at_size']}:", ""]
        for name, v in t.items():
            if name == "at_size":
                continue
            if name == "cost_per_plan":
                lines.append(
                    f"- cost per plan between N={v['between'][0]} and N={v['between'][1]}: "
                    f"x{v['growth']} ({'roughly constant' if v['met'] else 'grows'})"
                )
                continue
            state = {True: "met", False: "MISSED", None: "not measured"}[v["met"]]
            lines.append(f"- {name}: {_fmt(v['value'])} ({state})")
    return "\n".join(lines) + "\n"


def _page(c: dict[str, Any], path: str) -> str | None:
    p = _get(c, "pages", path)
    if not p or "p50" not in p:
        return None if not p else f"HTTP {p.get('status')}"
    return f"{_fmt(p['p50'])}/{_fmt(p['p95'])}"
