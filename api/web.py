"""Helpers of the researchers' web pages: templates, language, links, highlighting.

The pages (``api/routes/pages.py``) show what :mod:`policykg.services` returns;
nothing here reads the graph. They are server-rendered with Jinja2, with
autoescape on for every ``.html`` template: plan text is untrusted, so nothing
from the graph is ever marked safe in a template. The only markup built in
Python is :func:`highlight`, which escapes every piece of text itself before
wrapping matches in ``<mark>``.

Every page takes ``?lang=zh|en`` (default ``zh``); :class:`Page` carries it into
every link it builds, so a shared URL opens in the language it was shared in.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, Literal
from urllib.parse import quote, urlencode, urlsplit

from fastapi import Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

TEMPLATES_DIR = Path(__file__).parent / "templates"
STATIC_DIR = Path(__file__).parent / "static"

Lang = Literal["zh", "en"]

#: UI words in both languages; data labels come from the graph (label_zh / label_en).
TEXT: dict[str, dict[str, str]] = {
    "zh": {
        "site": "PolicyKG 知识产权政策图谱",
        "home": "首页",
        "search": "检索",
        "search_label": "检索规划原文（简体或繁体）",
        "search_button": "检索",
        "measures": "政策措施",
        "measure": "措施",
        "jurisdictions": "地区",
        "jurisdiction": "地区",
        "compare": "比较",
        "clauses": "纲要条款",
        "clause": "条款",
        "matrix": "采纳矩阵",
        "overview_graph": "总览图",
        "graph_view": "关系图",
        "open_graph": "在新页面打开关系图",
        "level": "层级",
        "province": "所属省份",
        "plans": "规划文件",
        "plan": "规划",
        "issued_on": "印发日期",
        "published_on": "发布日期",
        "doc_number": "文号",
        "issuers": "印发机关",
        "status": "状态",
        "units": "条目",
        "adopted_measures": "采纳措施",
        "implemented_clauses": "落实条款",
        "targets": "目标",
        "adopters": "采纳地区",
        "adopters_count": "采纳地区数",
        "non_adopters": "未采纳地区",
        "mentions_only": "仅提及（未作为举措）",
        "definition": "定义",
        "category": "类别",
        "all_categories": "全部类别",
        "all_levels": "全部层级",
        "alt_labels": "别名",
        "clauses_served": "服务的纲要条款",
        "evidence": "依据",
        "sentence": "原文句子",
        "kind": "类型",
        "agencies": "责任单位",
        "heading_tree": "结构与条目",
        "targets_table": "量化目标",
        "indicator": "指标",
        "value": "目标值",
        "year": "年份",
        "metric": "原文指标",
        "text": "原文",
        "not_covered": "未落实的纲要条款",
        "similar": "最相似的地区（所采纳措施的 Jaccard 相似度）",
        "similarity": "相似度",
        "shared": "共同措施",
        "union": "合计",
        "shared_measures": "共同采纳的措施",
        "unique_measures": "仅该地区采纳的措施",
        "clause_coverage": "纲要条款落实情况（落实条目数）",
        "targets_by_indicator": "各指标的目标",
        "national": "国家纲要",
        "choose": "选择两个或以上地区",
        "compare_button": "比较",
        "need_two": "请至少选择两个地区。",
        "implementing": "落实该条款的地区",
        "not_implementing": "未落实该条款的地区",
        "mode_quantifies": "有量化目标",
        "mode_restates": "仅表述",
        "score": "匹配分",
        "chapter": "章",
        "key_terms": "关键词",
        "digest": "摘要",
        "filter": "筛选",
        "apply": "应用",
        "download_csv": "下载 CSV",
        "download_csv_all": "完整矩阵 CSV（API）",
        "results": "条结果",
        "no_results": "没有结果。",
        "more": "下一页",
        "prev": "上一页",
        "none": "无",
        "error": "出错了",
        "back_home": "返回首页",
        "corpus_holds": "本图谱收录",
        "core": "核心",
        "count_adopting": "采纳",
        "no_plan": "（无标题）",
        "measures_in_category": "项措施",
        "skip": "跳到正文",
        "in_plan": "原文",
        "contents": "目录",
        "matrix_note": "● n：该地区有 n 个条目采纳此措施，点击查看依据",
        "tree_note": "每项措施后的 n/N：N 个地区中有 n 个在规划中采纳了该措施。",
        "source_format": "来源格式",
        "source_url": "原文链接",
        "versions": "版本",
        "current": "现行版本",
        "superseded": "已被取代",
        "superseded_note": "此版本已被取代，现行版本为：",
        "earlier_versions": "个早期版本",
        "unavailable": "图谱数据库暂时无法访问，请稍后再试。",
    },
    "en": {
        "site": "PolicyKG — IP policy graph",
        "home": "Home",
        "search": "Search",
        "search_label": "Search the plan texts (simplified or traditional)",
        "search_button": "Search",
        "measures": "Measures",
        "measure": "Measure",
        "jurisdictions": "Jurisdictions",
        "jurisdiction": "Jurisdiction",
        "compare": "Compare",
        "clauses": "Outline clauses",
        "clause": "Clause",
        "matrix": "Adoption matrix",
        "overview_graph": "Overview graph",
        "graph_view": "Graph",
        "open_graph": "Open the graph on its own page",
        "level": "Level",
        "province": "Province",
        "plans": "Plans",
        "plan": "Plan",
        "issued_on": "Issued",
        "published_on": "Published",
        "doc_number": "Document number",
        "issuers": "Issuers",
        "status": "Status",
        "units": "Units",
        "adopted_measures": "Measures adopted",
        "implemented_clauses": "Clauses implemented",
        "targets": "Targets",
        "adopters": "Adopting jurisdictions",
        "adopters_count": "Adopters",
        "non_adopters": "Not adopting",
        "mentions_only": "Mentioned only (not as a commitment)",
        "definition": "Definition",
        "category": "Category",
        "all_categories": "All categories",
        "all_levels": "All levels",
        "alt_labels": "Other labels",
        "clauses_served": "Outline clauses it serves",
        "evidence": "Evidence",
        "sentence": "Sentence",
        "kind": "Kind",
        "agencies": "Agencies",
        "heading_tree": "Structure and units",
        "targets_table": "Quantified targets",
        "indicator": "Indicator",
        "value": "Target",
        "year": "Year",
        "metric": "Metric as written",
        "text": "Text",
        "not_covered": "Outline clauses not covered",
        "similar": "Most similar jurisdictions (Jaccard over adopted measures)",
        "similarity": "Similarity",
        "shared": "Shared",
        "union": "Union",
        "shared_measures": "Measures all of them adopt",
        "unique_measures": "Measures only one of them adopts",
        "clause_coverage": "Outline clause coverage (implementing units)",
        "targets_by_indicator": "Targets per indicator",
        "national": "National outline",
        "choose": "Choose two or more jurisdictions",
        "compare_button": "Compare",
        "need_two": "Choose at least two jurisdictions.",
        "implementing": "Jurisdictions implementing it",
        "not_implementing": "Jurisdictions not implementing it",
        "mode_quantifies": "sets a target",
        "mode_restates": "restates only",
        "score": "Score",
        "chapter": "Chapter",
        "key_terms": "Key terms",
        "digest": "Digest",
        "filter": "Filter",
        "apply": "Apply",
        "download_csv": "Download CSV",
        "download_csv_all": "Full matrix as CSV (API)",
        "results": "results",
        "no_results": "No results.",
        "more": "Next page",
        "prev": "Previous page",
        "none": "none",
        "error": "Something went wrong",
        "back_home": "Back to the home page",
        "corpus_holds": "What the graph holds",
        "core": "core",
        "count_adopting": "adopted by",
        "no_plan": "(untitled)",
        "measures_in_category": "measures",
        "skip": "Skip to content",
        "in_plan": "in the plan",
        "contents": "Contents",
        "matrix_note": "● n: n units of the plan adopt the measure; click for the evidence",
        "tree_note": "n/N after a measure: n of the N jurisdictions commit to it in their plans.",
        "source_format": "Source format",
        "source_url": "Original",
        "versions": "Versions",
        "current": "current",
        "superseded": "superseded",
        "superseded_note": "A later version supersedes this one. The current version:",
        "earlier_versions": "earlier versions",
        "unavailable": "The graph database cannot be reached right now; try again in a minute.",
    },
}

LEVELS: dict[str, dict[str, str]] = {
    "zh": {
        "province": "省级",
        "municipality": "直辖市",
        "sub_provincial_city": "副省级市",
        "prefecture_city": "地级市",
        "county": "县级",
    },
    "en": {
        "province": "province",
        "municipality": "municipality",
        "sub_provincial_city": "sub-provincial city",
        "prefecture_city": "prefecture-level city",
        "county": "county",
    },
}

KINDS: dict[str, dict[str, str]] = {
    "zh": {
        "task": "任务",
        "column": "专栏",
        "goal": "目标",
        "guarantee": "保障措施",
        "background": "背景",
        "other": "其他",
        "final": "正式",
        "draft": "征求意见稿",
    },
    "en": {
        "task": "task",
        "column": "box (专栏)",
        "goal": "goal",
        "guarantee": "safeguard",
        "background": "background",
        "other": "other",
        "final": "final",
        "draft": "draft",
    },
}

COMPARATORS = {"gt": ">", "gte": "≥", "lt": "<", "lte": "≤"}

FORMATS: dict[str, dict[str, str]] = {
    "zh": {"text": "文本", "html": "网页 (HTML)", "pdf": "PDF", "docx": "Word (DOCX)"},
    "en": {"text": "text", "html": "web page (HTML)", "pdf": "PDF", "docx": "Word (DOCX)"},
}

# Where the graph views live (served by the views router under /views).
VIEW_PATHS = {
    "overview": "/views/overview",
    "measure": "/views/measures/{id}",
    "jurisdiction": "/views/jurisdictions/{id}",
    "clause": "/views/clauses/{id}",
    "compare": "/views/compare",
}


def pick_lang(value: str | None) -> Lang:
    """``en`` when asked for, else ``zh`` (an unknown value is not worth an error page)."""
    return "en" if value == "en" else "zh"


def unit_anchor(unit_id: str) -> str:
    """The element id of a unit on its jurisdiction page."""
    return f"unit-{unit_id}"


def highlight(text: str, spans: Iterable[Sequence[int]]) -> Markup:
    """``text`` escaped, with each ``[start, end)`` span wrapped in ``<mark>``.

    Escaping happens piece by piece *before* wrapping, so offsets stay those of
    the plain text and no character of the text can open or close a tag.
    Overlapping spans are merged into the first.
    """
    out: list[Markup] = []
    pos = 0
    for start, end in sorted((int(s), int(e)) for s, e in spans):
        start, end = max(start, pos), min(end, len(text))
        if start >= end:
            continue
        out.append(escape(text[pos:start]))
        out.append(Markup("<mark>%s</mark>") % text[start:end])
        pos = end
    out.append(escape(text[pos:]))
    return Markup("").join(out)


def highlight_terms(text: str, terms: Iterable[str]) -> Markup:
    """``text`` escaped with every occurrence of any of ``terms`` marked."""
    spans = []
    for term in {t for t in terms if t}:
        i = text.find(term)
        while i >= 0:
            spans.append((i, i + len(term)))
            i = text.find(term, i + len(term))
    return highlight(text, spans)


@cache
def _environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES_DIR),
        autoescape=select_autoescape(["html"]),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        highlight=highlight, highlight_terms=highlight_terms, unit_anchor=unit_anchor
    )
    return env


@cache
def stylesheet_version() -> str:
    """A short hash of the stylesheet, so its URL changes whenever its content does."""
    return hashlib.sha256((STATIC_DIR / "style.css").read_bytes()).hexdigest()[:12]


@dataclass
class Page:
    """What every template needs: the request, the language and link builders."""

    request: Request
    lang: Lang

    def t(self, key: str) -> str:
        """A UI word in the page's language."""
        return TEXT[self.lang].get(key, TEXT["zh"][key])

    def label(self, item: object, zh: str = "label_zh", en: str = "label_en") -> str:
        """The item's English label on an English page when it has one, else its Chinese one.

        ``item`` is a service result (a model or a record) or a mapping.
        """
        if not item:
            return ""

        def get(key: str) -> Any:
            if isinstance(item, Mapping):
                return item.get(key)
            return getattr(item, key, None)

        if self.lang == "en" and get(en):
            return str(get(en))
        return str(get(zh) or get(en) or get("id") or "")

    def level(self, level: str | None) -> str:
        """A jurisdiction level in words."""
        return LEVELS[self.lang].get(level or "", level or "")

    def kind(self, kind: str | None) -> str:
        """A unit kind in words (the kind itself where no word is known)."""
        return KINDS[self.lang].get(kind or "", kind or "")

    def source_format(self, fmt: str | None) -> str:
        """A source format in words (plans written before formats were told apart were text)."""
        return FORMATS[self.lang].get(fmt or "text", fmt or "")

    def external_href(self, url: str | None) -> str | None:
        """``url`` when it may be a link (http or https only, never ``javascript:``), else None."""
        if url and urlsplit(url).scheme.lower() in ("http", "https"):
            return url
        return None

    def comparator(self, comparator: str | None) -> str:
        """A target's comparator as a sign (nothing for plain equality)."""
        return COMPARATORS.get(comparator or "", "")

    def href(self, path: str, fragment: str | None = None, **params: Any) -> str:
        """``path`` with the query params (lists repeat), the language and a fragment."""
        pairs: list[tuple[str, str]] = []
        for key, value in params.items():
            if value is None or value == "":
                continue
            values = value if isinstance(value, list | tuple) else [value]
            pairs.extend((key, str(v)) for v in values)
        if self.lang != "zh":
            pairs.append(("lang", self.lang))
        url = quote(path, safe="/:")
        if pairs:
            url += "?" + urlencode(pairs)
        if fragment:
            url += "#" + quote(fragment, safe="/-_.~:")
        return url

    def measure_href(self, measure_id: str, fragment: str | None = None) -> str:
        """The measure page."""
        return self.href(f"/pages/measures/{measure_id}", fragment)

    def jurisdiction_href(self, jurisdiction_id: str, unit_id: str | None = None) -> str:
        """The jurisdiction page, at one unit when given."""
        return self.href(
            f"/pages/jurisdictions/{jurisdiction_id}", unit_anchor(unit_id) if unit_id else None
        )

    def document_href(self, document_id: str) -> str:
        """A plan's own page (every version has one, superseded or not)."""
        return self.href(f"/pages/documents/{document_id}")

    def clause_href(self, clause_id: str) -> str:
        """The clause page."""
        return self.href(f"/pages/clauses/{clause_id}")

    def view_href(self, kind: str, ident: str | None = None, **params: Any) -> str:
        """A graph view (they have no language of their own, so no ``lang``)."""
        path = VIEW_PATHS[kind].format(id=quote(ident or "", safe=""))
        return path + ("?" + urlencode(params, doseq=True) if params else "")

    def toggle_href(self) -> str:
        """This page in the other language."""
        other = "en" if self.lang == "zh" else "zh"
        url = self.request.url.remove_query_params("lang")
        if other != "zh":
            url = url.include_query_params(lang=other)
        return quote(url.path, safe="/:") + (f"?{url.query}" if url.query else "")

    def other_lang_name(self) -> str:
        """The toggle's text: the name of the other language in that language."""
        return "English" if self.lang == "zh" else "中文"

    def css_href(self) -> str:
        """The stylesheet, versioned by content so it can be cached for a year."""
        return f"/static/style.css?v={stylesheet_version()}"


def render(page: Page, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    """Render ``template`` with ``page`` (as ``p``) and ``context`` into an HTML response."""
    html = _environment().get_template(template).render(p=page, **context)
    return HTMLResponse(html, status_code=status)
