"""The graph views in a real headless Chromium: they draw, settle, and need no network.

Uses Debian's ``chromium`` (``/usr/bin/chromium``) driven by Playwright; the
tests skip, saying why, when either is missing. Screenshots are written to
the artifacts folder (``views-*.png``).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import chromium, guarded_page, served_app

from policykg.graph.store import GraphStore
from policykg.services.records import DocumentInfo, JurisdictionInfo, MeasureInfo, Mention, UnitRef
from policykg.services.subgraphs import OverviewData
from policykg.views import render_html
from policykg.views.builders import build_overview

pytestmark = pytest.mark.browser

HOSTILE = "</script><script>alert(1)</script>"

# Counts pixels that are not (near) white on the network's canvas.
INK = """() => {
  const c = document.querySelector('#mynetwork canvas');
  const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
  let n = 0;
  for (let i = 0; i < d.length; i += 4) {
    if (d[i + 3] > 0 && (d[i] < 235 || d[i + 1] < 235 || d[i + 2] < 235)) n++;
  }
  return n;
}"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A page that may reach only file:// and 127.0.0.1; it fails on script errors."""
    context, pg, blocked, errors = guarded_page(
        browser,
        ("file://", "http://127.0.0.1:", "data:"),
        dialogs=True,
        viewport={"width": 1280, "height": 800},
    )
    try:
        yield pg
    finally:
        context.close()
    assert not blocked, f"the page asked for other hosts: {blocked}"
    assert not errors, errors


@pytest.fixture(scope="module")
def base_url(corpus_store: GraphStore, graph_server: Any) -> Iterator[str]:
    with served_app(graph_server) as url:
        yield url


def _drawn(pg: Any, shot: Path) -> list[str]:
    """Wait for the layout to settle; check the canvas has ink; return the node ids."""
    pg.wait_for_function("() => window.policykgStable === true", timeout=60_000)
    assert pg.evaluate("() => network.physics.options.enabled") is False  # physics stopped
    ink = pg.evaluate(INK)
    pg.screenshot(path=str(shot))
    assert ink > 1000, f"canvas nearly blank ({ink} coloured pixels)"
    ids: list[str] = pg.evaluate("() => network.body.data.nodes.getIds()")
    return ids


VIEWS = [
    ("overview", "/views/overview", ["jurisdiction:hohhot", "measure:pledge_financing"]),
    ("measure", "/views/measures/质押融资", ["measure:pledge_financing", "clause:C13"]),
    ("jurisdiction", "/views/jurisdictions/hohhot", ["jurisdiction:hohhot", "clause:C13"]),
    ("clause", "/views/clauses/C13", ["clause:C13", "jurisdiction:guangxi"]),
    (
        "compare",
        "/views/compare?j=hohhot&j=heyuan",
        ["jurisdiction:hohhot", "jurisdiction:heyuan", "measure:pledge_financing"],
    ),
]


@pytest.mark.parametrize(("kind", "path", "expected"), VIEWS, ids=[v[0] for v in VIEWS])
def test_view_draws_in_chromium(
    page: Any, base_url: str, artifacts_dir: Path, kind: str, path: str, expected: list[str]
) -> None:
    page.goto(base_url + path)
    ids = _drawn(page, artifacts_dir / f"views-{kind}.png")
    assert set(expected) <= set(ids)
    assert page.locator("h1").inner_text().strip()
    assert page.locator("#legend li").count() >= 3


def test_filter_hides_other_levels(page: Any, base_url: str) -> None:
    page.goto(base_url + "/views/overview")
    page.wait_for_function("() => window.policykgStable === true", timeout=60_000)
    page.select_option("select[data-attr=pkg_level]", "province")
    shown = page.evaluate(
        "() => nodes.get({filter: n => !n.hidden && n.id.startsWith('jurisdiction:')})"
        ".map(n => n.id)"
    )
    assert shown == ["jurisdiction:guangxi"]  # the manifest's only province
    page.select_option("select[data-attr=pkg_level]", "")
    assert page.evaluate("() => nodes.get({filter: n => n.hidden}).length") == 0


def test_exported_file_draws_offline(
    page: Any, corpus_store: GraphStore, tmp_path: Path, artifacts_dir: Path
) -> None:
    from policykg.commands.view import write_view

    out = tmp_path / "overview.html"
    write_view(corpus_store, "overview", [], out)
    page.goto(out.as_uri())
    ids = _drawn(page, artifacts_dir / "views-exported-overview.png")
    assert "jurisdiction:chongqing" in ids


def test_hostile_text_shows_as_text_in_the_tooltip(
    page: Any, tmp_path: Path, artifacts_dir: Path
) -> None:
    j = JurisdictionInfo(
        "testville", "测试市", "prefecture_city", None, (DocumentInfo("d", "方案"),)
    )
    m = MeasureInfo("pledge_financing", f"质押{HOSTILE}", "IP pledge financing", HOSTILE, "finance")
    unit = UnitRef("u1", "d", f"方案{HOSTILE}", f"一、{HOSTILE}", (f"一、{HOSTILE}",), "task", 0)
    mention = Mention("testville", "pledge_financing", unit, True, "质押", HOSTILE, "adoption")
    out = tmp_path / "hostile.html"
    out.write_text(render_html(build_overview(OverviewData([j], [m], [mention]))), "utf-8")
    page.goto(out.as_uri())
    page.wait_for_function("() => window.policykgStable === true", timeout=60_000)
    where = page.evaluate(
        """() => {
          const p = network.getPositions(['measure:pledge_financing'])['measure:pledge_financing'];
          const d = network.canvasToDOM(p);
          const r = document.querySelector('#mynetwork canvas').getBoundingClientRect();
          return [r.left + d.x, r.top + d.y];
        }"""
    )
    page.mouse.move(where[0], where[1])
    tooltip = page.locator("div.vis-tooltip")
    tooltip.wait_for(state="visible", timeout=10_000)
    text = tooltip.inner_text()
    assert HOSTILE in text  # shown literally, as text
    assert tooltip.locator("script").count() == 0
    page.screenshot(path=str(artifacts_dir / "views-hostile-tooltip.png"))
