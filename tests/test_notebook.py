"""notebooks/walkthrough.ipynb runs top to bottom against a real embedded graph server.

The notebook starts its own embedded server in a temporary ``POLICYKG_HOME``
(never the user's), builds the corpus there, and stops the server in its last
cell. The facts checked in its outputs are in the plan texts: IP pledge
financing (知识产权质押融资) in hohhot.txt, heyuan.txt, guangxi.txt and
chongqing.txt (質押融資); Ningbo's draft is dated 2020-07-08 and Heyuan's
capture has no date (data/corpus/manifest.yaml); Guangxi's plan sets 2.5
high-value invention patents per 10,000 people by 2025 ("全区每万人口高价值发明专利
拥有量达到2.5件", guangxi.txt).
"""

from __future__ import annotations

from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")
pytest.importorskip("matplotlib")

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "walkthrough.ipynb"


def _text(cell: nbformat.NotebookNode) -> str:
    parts = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(out.get("text", ""))
        elif out.get("output_type") in ("execute_result", "display_data"):
            data = out.get("data", {})
            parts.append(data.get("text/markdown", "") or data.get("text/plain", ""))
    return "".join(parts)


@pytest.mark.slow
@pytest.mark.embedded
def test_walkthrough_executes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "policykg-home"
    monkeypatch.setenv("POLICYKG_HOME", str(home))
    monkeypatch.setenv("NEO4J_DATABASE", "walkthrough")
    monkeypatch.setenv("POLICYKG_JVM_HEAP", "1g")
    for name in ("NEO4J_URI", "NEO4J_USERNAME", "NEO4J_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MPLBACKEND", "Agg")

    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",
        # run in the temp folder: no .env of the checkout is read by Settings()
        resources={"metadata": {"path": str(tmp_path)}},
    )
    try:
        client.execute()
    finally:
        # never leave a server behind, even when a cell failed before the last one
        from policykg.graph.embedded import EmbeddedServer

        if home.exists():
            EmbeddedServer(home, "walkthrough").stop()

    out = "\n".join(_text(c) for c in nb.cells if c.cell_type == "code")
    # the corpus was built in the temporary home
    assert "'Jurisdiction': 5" in out and "'Document': 5" in out
    # pledge financing: the four plans whose text has 知识产权质押融资, heyuan last (undated)
    line = next(x for x in out.splitlines() if x.startswith("adopters in issue-date order:"))
    for j in ("guangxi", "hohhot", "chongqing", "heyuan"):
        assert f"'{j}'" in line
    assert line.rstrip().endswith("'heyuan']")
    assert "plans by issue date: ningbo (2020-07-08) < guangxi (2022-02-10)" in out
    assert "heyuan (undated)" in out
    # Guangxi's 2.5 high-value invention patents per 10,000 people by 2025
    assert "| guangxi | 2.5 | 件 | 2025 |" in out
    # charts were drawn, the pyvis page embedded inline, the server stopped
    images = [o for c in nb.cells for o in c.get("outputs", []) if "image/png" in o.get("data", {})]
    assert len(images) >= 2
    assert any(
        "vis-network" in o.get("data", {}).get("text/html", "")
        or "vis.Network" in o.get("data", {}).get("text/html", "")
        for c in nb.cells
        for o in c.get("outputs", [])
    )
    assert "done; server stopped" in out
    assert not (home / "server.pid").exists()
