"""The researchers' web pages, through the app, on the five-plan graph and on hostile text.

Facts come from the plan texts in data/corpus (line numbers of the byte copies
cited; chongqing.txt is in traditional characters, which the loaders convert to
simplified, so its sentences appear here in simplified form) and from
data/reference/national_outline.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from html.parser import HTMLParser

import pytest
from fastapi.testclient import TestClient

from policykg import services
from policykg.api.main import create_app
from policykg.api.web import Page, highlight, highlight_terms
from policykg.graph.store import GraphStore
from policykg.graph.writer import write_document, write_reference
from policykg.model import ClauseLink, Document, Jurisdiction, MeasureTag, Target, Unit
from policykg.ontology.outline import bundled_outline
from policykg.ontology.vocab import bundled_ontology
from policykg.settings import Settings

HOSTILE = "</script><script>alert(1)</script>"
NAMES = {
    "chongqing": "重庆市",
    "guangxi": "广西壮族自治区",
    "heyuan": "河源市",
    "hohhot": "呼和浩特市",
    "ningbo": "宁波市",
}


def _client(store: GraphStore) -> TestClient:
    return TestClient(
        create_app(
            Settings(_env_file=None),  # type: ignore[call-arg]
            store_factory=lambda: store,
        )
    )


@pytest.fixture(scope="module")
def client(corpus_store: GraphStore) -> Iterator[TestClient]:
    # one app per module: the app closes its store when it stops, and corpus_store
    # is shared by the module
    with _client(corpus_store) as c:
        yield c


def _html(client: TestClient, url: str, status: int = 200) -> str:
    r = client.get(url)
    assert r.status_code == status, (url, r.status_code, r.text[:300])
    assert r.headers["content-type"].startswith("text/html")
    return r.text


def _section(html: str, element_id: str) -> str:
    """The text from the element with this id up to the next element with an adopter-like id."""
    start = html.index(f'id="{element_id}"')
    nxt = re.compile(r'<section class="adopter"|<section aria-labelledby="(?:mentions|non)"')
    m = nxt.search(html, start + 1)
    return html[start : m.start() if m else len(html)]


class _Outline(HTMLParser):
    """Collects what the accessibility checks need: headings, labels, form fields, th scope."""

    def __init__(self) -> None:
        super().__init__()
        self.headings: list[int] = []
        self.html_lang: str | None = None
        self.label_for: set[str] = set()
        self.fields: list[tuple[str | None, bool]] = []  # (id, inside a <label>)
        self.th_without_scope = 0
        self.in_thead = False
        self.in_label = 0
        self.ids: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        if a.get("id"):
            self.ids.append(a["id"] or "")
        if tag == "html":
            self.html_lang = a.get("lang")
        elif re.fullmatch(r"h[1-6]", tag):
            self.headings.append(int(tag[1]))
        elif tag == "label":
            self.in_label += 1
            if a.get("for"):
                self.label_for.add(a["for"] or "")
        elif tag in ("input", "select", "textarea") and a.get("type") != "hidden":
            if not (tag == "input" and a.get("type") == "submit"):
                self.fields.append((a.get("id"), self.in_label > 0))
        elif tag == "th" and "scope" not in a:
            self.th_without_scope += 1

    def handle_endtag(self, tag: str) -> None:
        if tag == "label":
            self.in_label -= 1


def assert_accessible(html: str) -> None:
    """One h1, no skipped heading level, labelled fields, scoped th, a lang, unique ids."""
    o = _Outline()
    o.feed(html)
    assert o.html_lang in ("zh-CN", "en")
    assert o.headings.count(1) == 1 and o.headings[0] == 1, o.headings
    for before, after in zip(o.headings, o.headings[1:], strict=False):
        assert after <= before + 1, f"heading h{before} followed by h{after}"
    for field_id, wrapped in o.fields:
        assert wrapped or (field_id and field_id in o.label_for), f"unlabelled field {field_id}"
    assert o.th_without_scope == 0
    assert len(o.ids) == len(set(o.ids)), "duplicate element ids"
    assert '<meta name="viewport"' in html


# --- helpers, no graph ---------------------------------------------------------------------------


def test_highlight_escapes_before_wrapping() -> None:
    text = "a<b>&质押融资</b>"
    out = str(highlight(text, [[5, 9]]))
    assert out == "a&lt;b&gt;&amp;<mark>质押融资</mark>&lt;/b&gt;"
    # a span that cuts through what would be an entity or tag still yields escaped text
    assert str(highlight("<i>", [[0, 2]])) == "<mark>&lt;i</mark>&gt;"
    assert str(highlight_terms("质押质押", ["质押"])) == "<mark>质押</mark><mark>质押</mark>"
    assert str(highlight_terms("x", [])) == "x"


def test_links_carry_the_language() -> None:
    from starlette.requests import Request

    request = Request(
        {
            "type": "http",
            "path": "/pages/compare",
            "headers": [],
            "query_string": b"j=hohhot&j=ningbo&lang=en",
            "method": "GET",
        }
    )
    en = Page(request, "en")
    assert (
        en.href("/pages/compare", j=["hohhot", "ningbo"])
        == "/pages/compare?j=hohhot&j=ningbo&lang=en"
    )
    assert (
        en.jurisdiction_href("hohhot", "hohhot-1/2")
        == "/pages/jurisdictions/hohhot?lang=en#unit-hohhot-1/2"
    )
    assert en.toggle_href() == "/pages/compare?j=hohhot&j=ningbo"
    zh = Page(request, "zh")
    assert zh.href("/pages/matrix", category=None) == "/pages/matrix"
    assert zh.toggle_href() == "/pages/compare?j=hohhot&j=ningbo&lang=en"


# --- the five-plan graph --------------------------------------------------------------------------


def test_home_shows_the_corpus_the_tree_and_a_search_box(client: TestClient) -> None:
    html = _html(client, "/")
    assert_accessible(html)
    for jid, name in NAMES.items():
        assert f'href="/pages/jurisdictions/{jid}">{name}</a>' in html
    # plan dates from the manifest / plan text: hohhot 2022-12-25, chongqing 2024-10-11
    assert "2022-12-25" in html and "2024-10-11" in html
    assert "呼和浩特市推进知识产权强市建设工作方案" in html
    assert '<form class="search" role="search" action="/pages/search"' in html
    assert 'href="/views/overview"' in html
    # all five plans commit to IP pledge financing: hohhot.txt:94, heyuan.txt:170,
    # guangxi.txt:69, ningbo.txt (年质押金额达到40亿), chongqing.txt:29
    pledge = re.search(
        r'href="/pages/measures/pledge_financing">知识产权质押融资</a>.*?</li>', html, re.S
    )
    assert pledge and "5/5" in pledge.group(0)


def test_measure_page_lists_adopters_with_their_sentences(client: TestClient) -> None:
    html = _html(client, "/pages/measures/质押融资")
    assert_accessible(html)
    assert "<h1>知识产权质押融资</h1>" in html
    assert "IP pledge financing" in html  # the English label is shown next to the Chinese one
    assert 'href="/pages/clauses/C13"' in html  # ontology: pledge_financing serves C13
    assert 'src="/views/measures/pledge_financing"' in html

    hohhot = _section(html, "adopter-hohhot")
    # hohhot.txt:94 "15.加大知识产权质押融资工作力度。"
    assert "加大<mark>知识产权质押融资</mark>工作力度" in hohhot
    guangxi = _section(html, "adopter-guangxi")
    assert "知识产权质押融资银企对接活动" in re.sub(r"</?mark>", "", guangxi)  # guangxi.txt
    chongqing = _section(html, "adopter-chongqing")
    # chongqing.txt:29 "保險多方參與的知識產權質押融資風險共擔機制", in simplified
    assert "保险多方参与的" in chongqing and "风险共担" in chongqing
    ningbo = _section(html, "adopter-ningbo")
    assert "年<mark>质押金额</mark>达到40亿" in ningbo  # ningbo.txt: 知识产权年质押金额达到40亿

    # the evidence link leads to the unit on the jurisdiction page, which holds the sentence
    link = re.search(r'href="(/pages/jurisdictions/hohhot)#(unit-[^"]+)"', hohhot)
    assert link
    page = _html(client, link.group(1))
    anchor = page.index(f'id="{link.group(2)}"')
    assert "加大知识产权质押融资工作力度" in page[anchor : anchor + 2000]


def test_measure_labels_resolve_in_either_script_and_in_english(client: TestClient) -> None:
    for key in ("pledge_financing", "質押融資", "IP pledge financing"):
        html = _html(client, f"/pages/measures/{key}")
        assert "<h1>知识产权质押融资</h1>" in html
        assert '<link rel="canonical" href="/pages/measures/pledge_financing">' in html
    en = _html(client, "/pages/measures/质押融资?lang=en")
    assert '<html lang="en">' in en and "<h1>IP pledge financing</h1>" in en
    assert 'href="/pages/jurisdictions/hohhot?lang=en#unit-' in en
    toggle = re.search(r'<a class="lang" href="([^"]+)"[^>]*>中文</a>', en)
    assert toggle and toggle.group(1) == "/pages/measures/%E8%B4%A8%E6%8A%BC%E8%9E%8D%E8%B5%84"
    zh = _html(client, "/pages/measures/pledge_financing")
    assert '<html lang="zh-CN">' in zh
    assert re.search(
        r'<a class="lang" href="/pages/measures/pledge_financing\?lang=en"[^>]*>English', zh
    )


def test_jurisdiction_page_shows_plans_units_targets_gaps_and_peers(
    client: TestClient, corpus_store: GraphStore
) -> None:
    html = _html(client, "/pages/jurisdictions/hohhot")
    assert_accessible(html)
    assert "<h1>呼和浩特市</h1>" in html
    # hohhot.txt header: 呼政发〔2022〕49号, issued by 呼和浩特市人民政府
    assert "呼政发〔2022〕49号" in html and "呼和浩特市人民政府" in html
    assert "<h3" in html and "呼和浩特市推进知识产权强市建设工作方案</h3>" in html
    # a unit with its heading, kind, measures and clauses (hohhot.txt:94)
    unit = re.search(
        r'<li class="unit" id="unit-[^"]+">\s*<div class="unit-head">\s*'
        r"<strong>15\.? ?加大知识产权质押融资工作力度</strong>(.*?)</dl>",
        html,
        re.S,
    )
    assert unit, "the pledge-financing task is a unit of the tree"
    assert 'href="/pages/measures/pledge_financing"' in unit.group(1)
    # targets: hohhot.txt "地理标志数量达到37件"
    targets = html[html.index('id="targets"') : html.index('id="gaps"')]
    assert "地理标志数量" in targets and "37 件" in targets
    # clauses not covered: as many as the outline's 24 minus those hohhot implements
    implemented = services.jurisdiction(corpus_store, "hohhot").counts.clauses_implemented
    gaps = html[html.index('id="gaps"') : html.index('id="plans"')]
    assert gaps.count('href="/pages/clauses/C') == 24 - implemented
    # the four other jurisdictions, ranked by Jaccard over adopted measures
    similar = html[html.index('id="similar"') : html.index('id="targets"')]
    assert all(name in similar for jid, name in NAMES.items() if jid != "hohhot")
    scores = [float(s) for s in re.findall(r'<td class="num">(\d\.\d{3})</td>', similar)]
    assert len(scores) == 4 and scores == sorted(scores, reverse=True)
    pair = services.compare(corpus_store, ["hohhot", "ningbo"]).similarity.pairwise[0]
    assert f"{pair.jaccard:.3f}" in similar


def test_compare_page_side_by_side(client: TestClient) -> None:
    html = _html(client, "/pages/compare?j=hohhot&j=ningbo")
    assert_accessible(html)
    assert "<h1>比较: 呼和浩特市 / 宁波市</h1>" in html
    assert 'name="j" value="hohhot" checked' in html and 'name="j" value="ningbo" checked' in html
    assert 'name="j" value="heyuan">' in html
    shared = html[html.index('id="shared"') : html.index('id="unique"')]
    row = re.search(
        r'<tr><th scope="row"><a href="/pages/measures/pledge_financing">.*?</tr>', shared, re.S
    )
    assert row, "both plans adopt pledge financing"
    assert "加大<mark>知识产权质押融资</mark>工作力度" in row.group(0)  # hohhot.txt:94
    assert "年<mark>质押金额</mark>达到40亿" in row.group(0)  # ningbo.txt
    coverage = html[html.index('id="cov"') : html.index('id="tg"')]
    assert len(re.findall(r'href="/pages/clauses/C\d\d"', coverage)) == 24
    assert 'src="/views/compare?j=hohhot&amp;j=ningbo"' in html


def test_compare_form_without_a_pair(client: TestClient) -> None:
    empty = _html(client, "/pages/compare")
    assert_accessible(empty)
    assert 'id="shared"' not in empty and 'type="checkbox" name="j" value="hohhot">' in empty
    one = _html(client, "/pages/compare?j=hohhot", status=422)
    assert "请至少选择两个地区" in one


def test_compare_ids_are_checked_alike_by_the_api_the_views_and_the_page(
    client: TestClient,
) -> None:
    for path in ("/compare", "/views/compare"):
        r = client.get(path, params={"j": ["hohhot", "atlantis", "lemuria"]})
        assert r.status_code == 404, path
        assert r.json()["error"]["detail"]["unknown"] == ["atlantis", "lemuria"], path
        r = client.get(path, params={"j": "hohhot, hohhot"})
        assert r.status_code == 422, path
        assert "two distinct" in r.json()["error"]["message"], path
        assert client.get(path, params={"j": "hohhot,ningbo"}).status_code == 200, path
    # the page reads "hohhot,ningbo" as the API does: a pair, both boxes ticked
    html = _html(client, "/pages/compare?j=hohhot,ningbo")
    assert 'name="j" value="hohhot" checked' in html and 'name="j" value="ningbo" checked' in html
    assert "请至少选择两个地区" in _html(client, "/pages/compare?j=hohhot,hohhot", status=422)


def test_similar_jurisdictions_rank_as_the_similarity_report_does(
    client: TestClient, corpus_store: GraphStore
) -> None:
    similar = services.similar_jurisdictions(corpus_store, "hohhot")
    report = client.get("/analytics/similarity", params={"top": 4}).json()
    (hohhot,) = [m for m in report["most_similar"] if m["jurisdiction"] == "hohhot"]
    assert [s.id for s in similar] == [n["jurisdiction"] for n in hohhot["overall"]]
    assert [round(s.jaccard, 4) for s in similar] == [n["score"] for n in hohhot["overall"]]


def test_clause_page_lists_implementing_units(client: TestClient) -> None:
    html = _html(client, "/pages/clauses/C10")
    assert_accessible(html)
    # national_outline.yaml: C10 健全统一领导、衔接顺畅、快速高效的协同保护格局
    assert "<h1>C10 健全统一领导、衔接顺畅、快速高效的协同保护格局</h1>" in html
    # chongqing.txt: 深化知識產權協(xié)同保護機制改革, a task on exactly this clause
    cq = html[html.index('id="j-chongqing"') :]
    assert re.search(
        r'href="/pages/jurisdictions/chongqing#unit-[^"]+">深化知识产权协同保护机制改革', cq
    )
    index = _html(client, "/pages/clauses")
    assert_accessible(index)
    assert len(re.findall(r'href="/pages/clauses/C\d\d"', index)) == 24


def test_matrix_page_filters_and_csv(client: TestClient) -> None:
    html = _html(client, "/pages/matrix?category=finance")
    assert_accessible(html)
    row = re.search(
        r'<tr><th scope="row"><a href="/pages/measures/pledge_financing">.*?</tr>', html, re.S
    )
    assert row and row.group(0).count('class="cell yes"') == 5
    assert 'href="/pages/measures/pledge_financing#adopter-hohhot"' in row.group(0)
    assert "high_value_patent" not in html  # a creation measure, filtered out
    assert 'href="/pages/matrix.csv?category=finance"' in html

    province = _html(client, "/pages/matrix?level=province")
    head = province[province.index("<thead>") : province.index("</thead>")]
    assert "广西壮族自治区" in head and "呼和浩特市" not in head

    r = client.get("/pages/matrix.csv?category=finance&level=province")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/csv")
    lines = r.content.decode("utf-8-sig").splitlines()
    assert (
        lines[0].startswith("jurisdiction_id,jurisdiction_name,") and "pledge_financing" in lines[0]
    )
    assert [line.split(",")[0] for line in lines[1:]] == ["guangxi"]


def test_search_page_highlights_in_either_script(client: TestClient) -> None:
    html = _html(client, "/pages/search?q=質押融資")  # traditional query
    assert_accessible(html)
    assert "加大知识产权<mark>质押融资</mark>工作力度" in html  # hohhot.txt:94
    assert 'href="/pages/jurisdictions/hohhot#unit-' in html
    assert 'value="質押融資"' in html  # the box keeps what was typed
    # measures whose labels hold the query, the one it names exactly first (measures.ttl)
    found = html[html.index('id="mm"') : html.index('id="units"')]
    links = re.findall(r'href="/pages/measures/(\w+)"', found)
    assert links[0] == "pledge_financing" and "pledge_risk_sharing" in links
    hostile = _html(client, "/pages/search?q=" + HOSTILE)
    assert "<script" not in hostile and "&lt;/script&gt;&lt;script&gt;" in hostile
    # more hits than a page holds: a link to the next page, which numbers on from 51
    many = _html(client, "/pages/search?q=知识产权")
    count = int(re.search(r"<p>(\d+) 条结果</p>", many).group(1))  # type: ignore[union-attr]
    assert count > 50 and many.count('<li>\n    <p class="where">') == 50
    assert 'href="/pages/search?q=%E7%9F%A5%E8%AF%86%E4%BA%A7%E6%9D%83&amp;offset=50"' in many
    second = _html(client, "/pages/search?q=知识产权&offset=50")
    assert '<ol class="hits" start="51">' in second
    assert "<mark>" not in _html(client, "/pages/search?q=zzzqqq")
    assert "请输入" not in _html(client, "/pages/search")  # no query, no error
    _html(client, "/pages/search?q=" + "字" * 201, status=422)


@pytest.mark.parametrize(
    "url, fragment",
    [
        ("/pages/measures/no_such_measure", "no_such_measure"),
        ("/pages/jurisdictions/atlantis", "atlantis"),
        ("/pages/clauses/C99", "C99"),
        ("/pages/compare?j=hohhot&j=atlantis", "atlantis"),
        ("/pages/matrix?category=nope", "nope"),
        ("/pages/matrix.csv?level=nope", "nope"),
        ("/pages/nowhere/at/all", "nowhere"),
    ],
)
def test_unknown_ids_give_html_404(client: TestClient, url: str, fragment: str) -> None:
    html = _html(client, url, status=404)
    assert_accessible(html)
    assert fragment in html and "<h1>出错了</h1>" in html


def test_stylesheet_is_served_and_linked(client: TestClient) -> None:
    r = client.get("/static/style.css")
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/css")
    assert "max-age=31536000" in r.headers["cache-control"]
    assert "@media" in r.text  # narrow screens get their own layout
    assert re.search(
        r'<link rel="stylesheet" href="/static/style.css\?v=[0-9a-f]{12}">', _html(client, "/")
    )


def test_json_api_paths_still_answer_json(client: TestClient) -> None:
    assert client.get("/compare?j=hohhot&j=ningbo").headers["content-type"] == "application/json"
    assert client.get("/search?q=质押").headers["content-type"] == "application/json"


# --- hostile text -------------------------------------------------------------------------------


def _hostile_document() -> Document:
    j = Jurisdiction(
        id="testville", name=f"测试市{HOSTILE}", level="prefecture_city", province="测试省"
    )
    doc_id = "testville-plan"
    unit = Unit(
        id=f"{doc_id}/1",
        document_id=doc_id,
        order=0,
        depth=0,
        kind="task",
        heading=f"一、推进质押融资{HOSTILE}",
        path=[f"一、推进质押融资{HOSTILE}"],
        text=f"开展知识产权质押融资。{HOSTILE}",
        agencies=[f"市局{HOSTILE}"],
        measures=[
            MeasureTag(
                measure_id="pledge_financing",
                evidence="质押融资",
                sentence=f"开展知识产权质押融资。{HOSTILE}",
            )
        ],
        clauses=[ClauseLink(clause_id="C13", score=0.9, rank=1, method="test")],
    )
    target = Target(
        id=f"{doc_id}/1/t0",
        unit_id=unit.id,
        metric=f"质押融资金额{HOSTILE}",
        indicator=None,
        value=5.0,
        unit="亿元",
        year=2025,
        text=f"质押融资金额达到5亿元{HOSTILE}",
    )
    return Document(
        id=doc_id,
        jurisdiction=j,
        title=f"测试方案{HOSTILE}",
        doc_number=HOSTILE,
        issued_on=date(2024, 1, 1),
        source_file="testville.txt",
        sha256="0" * 64,
        encoding="utf-8",
        units=[unit],
        targets=[target],
    )


@pytest.fixture(scope="module")
def hostile_client(scratch_store: GraphStore) -> Iterator[TestClient]:
    write_reference(scratch_store, bundled_outline(), bundled_ontology())
    write_document(scratch_store, _hostile_document())
    with _client(scratch_store) as c:
        yield c


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/pages/jurisdictions/testville",
        "/pages/measures/pledge_financing",
        "/pages/search?q=质押融资",
        "/pages/clauses/C13",
        "/pages/matrix?category=finance",
        "/pages/compare?j=testville",
    ],
)
def test_hostile_plan_text_is_escaped(hostile_client: TestClient, url: str) -> None:
    r = hostile_client.get(url)
    assert r.status_code in (200, 422)
    assert "<script" not in r.text  # the pages have no script of their own either
    assert "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;" in r.text
