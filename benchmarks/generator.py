"""A synthetic corpus of N plans recombined from the units of the real five.

The real plans are parsed with the project's own loaders; their goal, task,
专栏 (column) and guarantee units are pooled, shuffled and re-assembled into new
plans numbered in the styles the real plans use (一、 / （一） / 1. / 专栏N),
under synthetic jurisdictions (``city042`` with a made-up Chinese name) and
varied dates. So that the loaders do the same work they do on real captures,
some plans are written in GB18030, some converted to traditional characters
with OpenCC ``s2t``, and a few with CRLF line ends. Output is deterministic for
a given seed.

A corpus of size N holds the five real plans (byte copies) plus N - 5
synthetic ones, with a ``manifest.yaml`` in the format of
``data/corpus/manifest.yaml``.
"""

from __future__ import annotations

import random
import shutil
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import opencc
import yaml

from policykg.loaders import load_document
from policykg.loaders.manifest import load_manifest
from policykg.model import Document, ManifestEntry, Unit
from policykg.resources import corpus_dir

#: Share of synthetic plans written in GB18030, in traditional script, with CRLF.
GBK_SHARE = 0.2
TRADITIONAL_SHARE = 0.2
CRLF_SHARE = 0.05

#: Characters for made-up place names (two of them, then 市). None of the real
#: five plans' names can come out of these, so no synthetic name collides.
_NAME_CHARS = "安宁江川山泽平阳丰源清华临远新丽庆昌永兴明德嘉定泉溪云峰林海"
_PROVINCES = (
    "河北省", "山西省", "辽宁省", "吉林省", "江苏省", "浙江省", "安徽省", "福建省",
    "江西省", "山东省", "河南省", "湖北省", "湖南省", "广东省", "四川省", "贵州省",
    "云南省", "陕西省", "甘肃省",
)  # fmt: skip
#: Names of the real jurisdictions as their texts spell them, replaced by the
#: synthetic name so a recombined plan does not talk about another city.
_REAL_NAMES = (
    "呼和浩特市", "呼和浩特", "河源市", "河源", "广西壮族自治区", "广西", "宁波市",
    "宁波", "重庆市", "重庆", "内蒙古自治区", "内蒙古", "广东省", "浙江省",
)  # fmt: skip
_TITLES = (
    "{name}知识产权强市建设实施方案",
    "{name}推进知识产权强市建设工作方案",
    "{name}知识产权保护和运用“十四五”规划",
    "关于全面加强知识产权工作的实施意见",
    "{name}贯彻落实《知识产权强国建设纲要（2021—2035年）》实施方案",
)
_NUMERALS = "一二三四五六七八九十"


def chinese_number(n: int) -> str:
    """1 -> 一, 12 -> 十二, 24 -> 二十四 (the numbers headings use, up to 99)."""
    if n <= 0 or n >= 100:
        raise ValueError(f"heading numbers run from 1 to 99, not {n}")
    tens, ones = divmod(n, 10)
    if tens == 0:
        return _NUMERALS[ones - 1]
    head = "" if tens == 1 else _NUMERALS[tens - 1]
    return head + "十" + (_NUMERALS[ones - 1] if ones else "")


@dataclass
class UnitPool:
    """Units of the real plans, grouped by the role they can play in a new plan."""

    #: (heading of a task group, its leaf items: tasks and columns)
    groups: list[tuple[str, list[Unit]]] = field(default_factory=list)
    goals: list[Unit] = field(default_factory=list)
    guarantees: list[Unit] = field(default_factory=list)
    guidance: list[Unit] = field(default_factory=list)

    def sizes(self) -> dict[str, int]:
        return {
            "groups": len(self.groups),
            "items": sum(len(items) for _, items in self.groups),
            "goals": len(self.goals),
            "guarantees": len(self.guarantees),
            "guidance": len(self.guidance),
        }


def parse_real_corpus(corpus: Path | None = None) -> list[tuple[ManifestEntry, Path, Document]]:
    """The real plans parsed with the loaders only (no tagging or linking)."""
    corpus = corpus or corpus_dir()
    out = []
    for entry in load_manifest(corpus / "manifest.yaml"):
        path = corpus / entry.file
        out.append((entry, path, load_document(path.read_bytes(), entry)))
    return out


def unit_pool(docs: list[Document]) -> UnitPool:
    """Pool the recombinable units of parsed plans.

    A *group* is a task unit whose children are all leaves (numbered tasks and
    专栏 boxes); goals, guarantees and the 指导思想 paragraph are taken as leaves.
    """
    pool = UnitPool()
    for doc in docs:
        children: dict[str | None, list[Unit]] = defaultdict(list)
        for u in doc.units:
            children[u.parent_id].append(u)
        for u in doc.units:
            kids = children.get(u.id, [])
            if u.kind == "task" and kids and all(not children.get(k.id) for k in kids):
                items = [k for k in kids if k.kind in ("task", "column")]
                if items:
                    pool.groups.append((u.heading, items))
            elif not kids and u.kind == "goal":
                pool.goals.append(u)
            elif not kids and u.kind == "guarantee":
                pool.guarantees.append(u)
            elif not kids and u.kind == "other" and u.heading == "指导思想":
                pool.guidance.append(u)
    return pool


def _body(unit: Unit) -> list[str]:
    """The unit's text as lines without its heading line when the heading stands alone."""
    lines = [line for line in unit.text.split("\n") if line.strip()]
    if lines and lines[0].strip() == unit.heading and len(lines) > 1:
        return lines[1:]
    return lines


@dataclass(frozen=True)
class SyntheticJurisdiction:
    id: str
    name: str
    short: str
    province: str


def jurisdictions(count: int, rng: random.Random) -> list[SyntheticJurisdiction]:
    """``count`` distinct made-up prefecture-level cities, ids city006, city007, ..."""
    pairs = [a + b for a in _NAME_CHARS for b in _NAME_CHARS if a != b]
    if count > len(pairs):
        raise ValueError(f"at most {len(pairs)} synthetic jurisdictions, not {count}")
    names = rng.sample(pairs, count)
    return [
        SyntheticJurisdiction(f"city{i + 6:03d}", f"{n}市", n, rng.choice(_PROVINCES))
        for i, n in enumerate(names)
    ]


class PlanWriter:
    """Writes one synthetic plan's text from the pool (one random generator per corpus)."""

    def __init__(self, pool: UnitPool, rng: random.Random) -> None:
        self.pool = pool
        self.rng = rng

    def _localise(self, text: str, j: SyntheticJurisdiction) -> str:
        for real in _REAL_NAMES:
            if real in text:
                text = text.replace(real, j.name if real.endswith(("市", "区")) else j.short)
        return text

    def plan(self, j: SyntheticJurisdiction) -> tuple[str, dict[str, Any]]:
        """The text of one plan and its manifest metadata."""
        rng = self.rng
        issued = date(2020, 1, 1) + timedelta(days=rng.randrange(6 * 365))
        published = issued + timedelta(days=rng.randrange(3, 60))
        title = rng.choice(_TITLES).format(name=j.name)
        if not title.startswith(j.name):
            title = j.name + title if rng.random() < 0.5 else title
        doc_number = f"{j.short[0]}府发〔{issued.year}〕{rng.randrange(1, 80)}号"
        issuer = f"{j.name}人民政府"
        # numbering: continuous 1. across groups (Hohhot, Guangxi), restarting
        # per group (Heyuan), or no third level at all (Ningbo's flat （N）).
        style = rng.choice(("continuous", "restart", "flat"))
        lines: list[str] = [
            f"首页 > 政策文件 > {issuer}关于印发{title}的通知",
            f"发布日期：{published.isoformat()}",
            "",
            f"{issuer}关于印发{title}的通知",
            doc_number,
            "各县（区）人民政府，市政府各部门，各直属机构：",
            f"现将《{title.replace('《', '〈').replace('》', '〉')}》印发给你们，请认真贯彻落实。",
            issuer,
            f"{issued.year}年{issued.month}月{issued.day}日",
            "（此件公开发布）",
            "",
            title,
            f"为深入贯彻落实《知识产权强国建设纲要（2021—2035年）》，加快建设知识产权强市，"
            f"结合{j.name}实际，制定本方案。",
        ]
        section = 0

        def heading(text: str) -> None:
            nonlocal section
            section += 1
            lines.append(f"{chinese_number(section)}、{text}")

        heading("总体要求")
        firsts = (rng.choice(self.pool.guidance), rng.choice(self.pool.goals))
        for sub, unit in enumerate(firsts, start=1):
            head = "指导思想" if unit in self.pool.guidance else "发展目标"
            lines.append(f"（{chinese_number(sub)}）{head}")
            lines += [self._localise(t, j) for t in _body(unit)]
        groups = rng.sample(self.pool.groups, k=min(len(self.pool.groups), rng.randint(4, 7)))
        item_no = 0
        column_no = 0
        if style == "flat":
            for g_heading, items in groups:
                heading(self._localise(g_heading, j))
                for unit in items[: rng.randint(2, 6)]:
                    if unit.kind == "column":
                        column_no += 1
                        lines.append(f"专栏{column_no} {self._localise(unit.heading, j)}")
                        lines += [self._localise(t, j) for t in _body(unit)]
                        continue
                    item_no += 1
                    text = [self._localise(t, j) for t in unit.text.split("\n") if t.strip()]
                    lines.append(f"（{chinese_number(item_no)}）{text[0]}")
                    lines += text[1:]
        else:
            heading("主要任务")
            for g, (g_heading, items) in enumerate(groups, start=1):
                lines.append(f"（{chinese_number(g)}）{self._localise(g_heading, j)}")
                if style == "restart":
                    item_no = 0
                chosen = list(items)
                rng.shuffle(chosen)
                for unit in chosen[: rng.randint(2, 7)]:
                    if unit.kind == "column":
                        column_no += 1
                        lines.append(f"专栏{column_no} {self._localise(unit.heading, j)}")
                        lines += [self._localise(t, j) for t in _body(unit)]
                        continue
                    item_no += 1
                    text = [self._localise(t, j) for t in unit.text.split("\n") if t.strip()]
                    lines.append(f"{item_no}.{text[0]}")
                    lines += text[1:]
        heading("保障措施")
        guarantees = rng.sample(self.pool.guarantees, k=min(4, len(self.pool.guarantees)))
        for n, unit in enumerate(guarantees, start=1):
            body = [self._localise(t, j) for t in unit.text.split("\n") if t.strip()]
            lines.append(f"（{chinese_number(n)}）{body[0]}")
            lines += body[1:]
        meta = {
            "title": title,
            "doc_number": doc_number,
            "issuers": [issuer],
            "issued_on": issued.isoformat(),
            "published_on": published.isoformat(),
            "status": "final",
            "style": style,
        }
        return "\n".join(lines) + "\n", meta


@dataclass
class GeneratedCorpus:
    """Where a corpus was written and what it holds."""

    folder: Path
    plans: int
    synthetic: int
    bytes: int
    encodings: dict[str, int]
    traditional: int
    crlf: int


def generate(
    n: int,
    out: Path,
    seed: int = 20261121,
    *,
    real: list[tuple[ManifestEntry, Path, Document]] | None = None,
    include_real: bool = True,
) -> GeneratedCorpus:
    """Write a corpus of ``n`` plans (the real five plus ``n - 5`` synthetic) to ``out``.

    Args:
        n: number of plans; with ``include_real`` at least 5 (5 is the real
            corpus alone), else all ``n`` are synthetic.
        out: folder to write into (created; existing plan files are replaced).
        seed: the random seed; the same seed and n give the same bytes.
        real: the real corpus already parsed (parsed here when None).
        include_real: copy the five real plans in (the default).

    Returns:
        What was written.
    """
    if include_real and n < 5:
        raise ValueError("a corpus that includes the real plans holds at least five")
    real = real if real is not None else parse_real_corpus()
    rng = random.Random(seed)
    pool = unit_pool([doc for _, _, doc in real])
    to_trad = opencc.OpenCC("s2t")
    out.mkdir(parents=True, exist_ok=True)
    entries: list[dict[str, Any]] = []
    encodings: dict[str, int] = defaultdict(int)
    traditional = crlf = total = 0
    for entry, path, _ in real if include_real else []:
        shutil.copyfile(path, out / entry.file)
        entries.append(entry.model_dump(mode="json"))
        encodings["utf-8"] += 1
        total += path.stat().st_size
    writer = PlanWriter(pool, rng)
    synthetic = n - 5 if include_real else n
    for j in jurisdictions(synthetic, rng):
        text, meta = writer.plan(j)
        if rng.random() < TRADITIONAL_SHARE:
            text = to_trad.convert(text)
            traditional += 1
        if rng.random() < CRLF_SHARE:
            text = text.replace("\n", "\r\n")
            crlf += 1
        encoding = "gb18030" if rng.random() < GBK_SHARE else "utf-8"
        raw = text.encode(encoding)
        encodings[encoding] += 1
        name = f"{j.id}.txt"
        (out / name).write_bytes(raw)
        total += len(raw)
        meta.pop("style")
        entries.append(
            {
                "file": name,
                "jurisdiction": {
                    "id": j.id,
                    "name": j.name,
                    "level": "prefecture_city",
                    "province": j.province,
                },
                **meta,
            }
        )
    header = (
        f"# Benchmark corpus: {n} plans ({n - synthetic} real + {synthetic} recombined),\n"
        f"# generated by benchmarks/generator.py with seed {seed}. Not real plans.\n"
    )
    body = yaml.safe_dump({"documents": entries}, allow_unicode=True, sort_keys=False)
    (out / "manifest.yaml").write_text(header + body, encoding="utf-8")
    return GeneratedCorpus(out, n, synthetic, total, dict(encodings), traditional, crlf)
