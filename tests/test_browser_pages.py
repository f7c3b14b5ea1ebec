"""The researchers' pages in a real headless Chromium, along a researcher's path.

Home → search 质押融资 → the measure → its adopters with their sentences → the
sentence's unit in its plan → compare two adopters → a graph view; then the
measure page on a phone-sized screen. Uses Debian's ``chromium`` driven by
Playwright, with the same launch flags and server fixture as
``tests/test_browser_views.py``; skips, saying why, when either is missing.
Screenshots go to the artifacts folder (``pages-*.png``).

Facts: hohhot.txt:94 "15.加大知识产权质押融资工作力度。"; ningbo.txt "知识产权年质押金额达到40亿".
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_support import chromium, guarded_page, served_app

from policykg.graph.store import GraphStore

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with chromium() as b:
        yield b


def _context(browser: Any, **options: Any) -> tuple[Any, Any, list[str], list[str]]:
    """A page that may reach only 127.0.0.1, recording blocked requests and script errors."""
    return guarded_page(
        browser, ("http://127.0.0.1:", "data:", "about:"), console_errors=True, **options
    )


@pytest.fixture(scope="module")
def base_url(corpus_store: GraphStore, graph_server: Any) -> Iterator[str]:
    with served_app(graph_server) as url:
        yield url


def test_researcher_path(browser: Any, base_url: str, artifacts_dir: Path) -> None:
    context, pg, blocked, errors = _context(browser, viewport={"width": 1280, "height": 800})
    try:
        # home: the corpus and a search box
        pg.goto(base_url + "/")
        assert pg.locator("h1").count() == 1
        assert pg.locator("table tbody tr").count() == 5  # five plans in the corpus
        pg.screenshot(path=str(artifacts_dir / "pages-home.png"), full_page=False)

        # search by its label in the box; the result page highlights the sentences
        pg.get_by_label("检索规划原文（简体或繁体）").fill("质押融资")
        pg.get_by_role("button", name="检索").click()
        pg.wait_for_url("**/pages/search?q=*")
        assert pg.locator("ol.hits mark").count() > 5
        assert "质押融资" in pg.locator("ol.hits mark").first.inner_text()
        pg.screenshot(path=str(artifacts_dir / "pages-search.png"))

        # open the measure it names
        pg.locator("#mm + ul a").first.click()
        pg.wait_for_url("**/pages/measures/pledge_financing")
        assert pg.locator("h1").inner_text() == "知识产权质押融资"
        hohhot = pg.locator("#adopter-hohhot")
        assert hohhot.is_visible()
        assert "加大知识产权质押融资工作力度" in hohhot.locator("blockquote").first.inner_text()
        assert "年质押金额达到40亿" in pg.locator("#adopter-ningbo blockquote").first.inner_text()
        pg.screenshot(path=str(artifacts_dir / "pages-measure.png"))

        # the embedded graph view draws inside the page (loaded lazily, when scrolled to)
        pg.locator("figure.graph iframe").scroll_into_view_if_needed()
        frame = pg.frame_locator("figure.graph iframe")
        frame.locator("#mynetwork canvas").wait_for(timeout=30_000)
        graph = next(f for f in pg.frames if "/views/measures/" in f.url)
        graph.wait_for_function("() => window.policykgStable === true", timeout=60_000)
        assert "measure:pledge_financing" in graph.evaluate(
            "() => network.body.data.nodes.getIds()"
        )
        pg.screenshot(path=str(artifacts_dir / "pages-measure-graph.png"))

        # the language toggle keeps the page and switches its labels
        pg.get_by_role("link", name="English").click()
        pg.wait_for_url("**/pages/measures/pledge_financing?lang=en")
        assert pg.locator("h1").inner_text() == "IP pledge financing"
        assert pg.locator("html").get_attribute("lang") == "en"
        pg.get_by_role("link", name="中文").click()
        pg.wait_for_url("**/pages/measures/pledge_financing")
        hohhot = pg.locator("#adopter-hohhot")

        # the evidence link opens the plan at that unit, highlighted as the target
        hohhot.locator("p.where a").first.click()
        pg.wait_for_url(re.compile(r".*/pages/jurisdictions/hohhot#unit-.+"))
        target = pg.locator("li.unit:target")
        assert target.count() == 1
        assert "加大知识产权质押融资工作力度" in target.inner_text()
        assert target.is_visible()
        pg.screenshot(path=str(artifacts_dir / "pages-jurisdiction-unit.png"))

        # compare two adopters through the form (a GET, so the URL can be shared)
        pg.goto(base_url + "/pages/compare")
        pg.get_by_label("呼和浩特市").check()
        pg.get_by_label("宁波市").check()
        pg.get_by_role("button", name="比较").click()
        pg.wait_for_url("**/pages/compare?j=hohhot&j=ningbo")
        row = pg.locator("#shared ~ .scroll tr", has=pg.locator('a[href$="pledge_financing"]'))
        assert "加大知识产权质押融资工作力度" in row.inner_text()
        assert "年质押金额达到40亿" in row.inner_text()
        pg.screenshot(path=str(artifacts_dir / "pages-compare.png"))

        # the comparison's graph view, on its own page
        pg.get_by_role("link", name="在新页面打开关系图").click()
        pg.wait_for_url("**/views/compare?j=hohhot&j=ningbo")
        pg.wait_for_function("() => window.policykgStable === true", timeout=60_000)
        ids = pg.evaluate("() => network.body.data.nodes.getIds()")
        assert {"jurisdiction:hohhot", "jurisdiction:ningbo"} <= set(ids)
        pg.screenshot(path=str(artifacts_dir / "pages-compare-graph.png"))
    finally:
        context.close()
    assert not blocked, f"the pages asked for other hosts: {blocked}"
    assert not errors, errors


def test_pages_fit_a_phone_screen(browser: Any, base_url: str, artifacts_dir: Path) -> None:
    context, pg, blocked, errors = _context(
        browser, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    try:
        for name, path in [
            ("measure", "/pages/measures/pledge_financing?lang=en"),
            ("matrix", "/pages/matrix"),
            ("compare", "/pages/compare?j=hohhot&j=heyuan"),
        ]:
            pg.goto(base_url + path)
            # the page itself never scrolls sideways; wide tables scroll in their own box
            width = pg.evaluate("() => document.documentElement.scrollWidth")
            assert width <= 390, f"{path}: page is {width}px wide on a 390px screen"
            pg.screenshot(path=str(artifacts_dir / f"pages-phone-{name}.png"))
        assert pg.locator("html").get_attribute("lang") == "zh-CN"
    finally:
        context.close()
    assert not blocked, f"the pages asked for other hosts: {blocked}"
    assert not errors, errors
