"""Render a :class:`~policykg.views.builders.View` as one self-contained HTML page.

The graph goes through a pyvis ``Network`` (node and edge options, vis
options); the page is our own template rather than pyvis's, because pyvis
0.3.2's template always links Bootstrap from a CDN. The vis-network script and
stylesheet are read from the files bundled in the pyvis package and inlined,
so the page makes no request to any host and opens offline; a
Content-Security-Policy meta tag makes the browser refuse any that slipped in.

Plan text reaches the page three ways, each made safe:

* node and edge data are JSON inside a ``<script type="application/json">``
  block, with ``<``, ``>`` and ``&`` written as ``\\u003c`` etc., so no text
  can close the script element;
* tooltips are HTML fragments whose text :func:`policykg.views.style.tooltip`
  escaped; the page parses them into elements (vis-network would otherwise
  show the tags as text);
* labels are drawn on the canvas as text; the title, legend and filter
  options go through Jinja's autoescape.
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources
from typing import Any

from jinja2 import Environment
from markupsafe import Markup
from pyvis.network import Network

from policykg.views.builders import View
from policykg.views.style import LegendItem

#: node / edge keys that are vis-network options; any other attribute is
#: data for the page (filters, tests) and travels as ``pkg_<name>``, so it
#: cannot collide with a vis option such as ``level`` or ``group``.
VIS_NODE_KEYS = frozenset(
    {
        "label",
        "title",
        "shape",
        "color",
        "size",
        "font",
        "x",
        "y",
        "fixed",
        "physics",
        "borderWidth",
        "shapeProperties",
        "hidden",
        "mass",
        "value",
    }
)
VIS_EDGE_KEYS = frozenset(
    {"title", "color", "dashes", "width", "arrows", "label", "smooth", "hidden", "length"}
)

VIS_VERSION_DIR = "templates/lib/vis-9.1.2"


@cache
def vis_assets() -> tuple[str, str]:
    """The vis-network script and stylesheet bundled with pyvis, as text.

    The trailing ``sourceMappingURL`` comment is dropped: the map is not
    bundled, and developer tools would otherwise try to fetch it.
    """
    base = resources.files("pyvis") / VIS_VERSION_DIR
    js = (base / "vis-network.min.js").read_text(encoding="utf-8")
    css = (base / "vis-network.css").read_text(encoding="utf-8")
    js = "\n".join(line for line in js.split("\n") if not line.startswith("//# sourceMappingURL"))
    # Inlined as-is into <script>/<style>: make sure nothing in them closes the element.
    if "</script" in js.lower() or "</style" in css.lower():
        raise RuntimeError("bundled vis-network assets contain a closing tag")
    return js, css


def vis_options(physics: bool) -> dict[str, Any]:
    """vis-network options: physics stabilises once, then the page switches it off."""
    options: dict[str, Any] = {
        "nodes": {
            "font": {"size": 14, "face": "Noto Sans CJK SC, Source Han Sans SC, sans-serif"},
            "borderWidth": 1,
        },
        "edges": {
            "smooth": False,
            "arrows": {"to": {"enabled": True, "scaleFactor": 0.4}},
            "color": {"inherit": False},
        },
        "interaction": {"hover": True, "tooltipDelay": 120, "hideEdgesOnDrag": True},
    }
    if physics:
        options["physics"] = {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -80,
                "centralGravity": 0.01,
                "springLength": 120,
                "springConstant": 0.08,
                "avoidOverlap": 0.3,
            },
            "minVelocity": 1.0,
            "stabilization": {
                "enabled": True,
                "iterations": 400,
                "updateInterval": 25,
                "fit": True,
            },
        }
    else:
        options["physics"] = {"enabled": False}
    return options


def to_network(view: View) -> Network:
    """The view's graph as a pyvis Network (in-line resources, directed)."""
    net = Network(
        height="100%",
        width="100%",
        directed=True,
        heading=view.title,
        cdn_resources="in_line",
    )
    for nid, attrs in view.graph.nodes(data=True):
        vis = {k: v for k, v in attrs.items() if k in VIS_NODE_KEYS}
        extra = {f"pkg_{k}": v for k, v in attrs.items() if k not in VIS_NODE_KEYS}
        label = vis.pop("label", nid)
        shape = vis.pop("shape", "dot")
        color = vis.pop("color", "#97c2fc")
        net.add_node(nid, label=label, shape=shape, color=color, **vis, **extra)
    for src, dst, attrs in view.graph.edges(data=True):
        vis = {k: v for k, v in attrs.items() if k in VIS_EDGE_KEYS}
        extra = {f"pkg_{k}": v for k, v in attrs.items() if k not in VIS_EDGE_KEYS}
        net.add_edge(src, dst, id=f"{src}->{dst}", **vis, **extra)
    net.options = vis_options(view.physics)
    return net


def script_json(value: Any) -> Markup:
    """JSON that is safe inside a ``<script>`` element whatever the strings hold."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    text = (
        text.replace("&", "\\u0026")
        .replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029")
    )
    return Markup(text)


_SWATCH_SHAPES = {
    "dot": "border-radius:50%",
    "square": "",
    "box": "border-radius:3px;width:18px",
    "diamond": "transform:rotate(45deg) scale(.8)",
    "hexagon": "clip-path:polygon(25% 5%,75% 5%,100% 50%,75% 95%,25% 95%,0 50%)",
    "triangle": "clip-path:polygon(50% 0,100% 100%,0 100%)",
    "triangleDown": "clip-path:polygon(0 0,100% 0,50% 100%)",
    "star": "clip-path:polygon(50% 0,61% 35%,98% 35%,68% 57%,79% 91%,50% 70%,21% 91%,32% 57%,"
    "2% 35%,39% 35%)",
}


def _swatch_style(item: LegendItem) -> str:
    # Only our own constants go into this attribute (colours and shapes from style.py).
    if item.shape == "line":
        style = "dashed" if item.dashed else "solid"
        return f"height:0;border-top:3px {style} {item.colour};background:none"
    if item.shape == "note":
        return "display:none"
    shape = _SWATCH_SHAPES.get(item.shape, "")
    border = "border:1px dashed #777" if item.dashed else "border:1px solid #555"
    return f"background:{item.colour};{border};{shape}"


#: The page may run only its own inline code and load nothing from anywhere.
CSP = (
    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
    "img-src data:; font-src data:"
)

PAGE = """<!DOCTYPE html>
<html lang="zh">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy"
 content="{{ csp }}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="PolicyKG">
<title>{{ title }} · PolicyKG</title>
<style>{{ vis_css }}</style>
<style>
  html, body { margin: 0; height: 100%; font-family: "Noto Sans CJK SC", "Source Han Sans SC",
    system-ui, sans-serif; color: #222; background: #fff; }
  body { display: flex; flex-direction: column; }
  header { padding: 8px 16px 4px; border-bottom: 1px solid #ddd; }
  h1 { font-size: 20px; margin: 4px 0; }
  .subtitle { margin: 0 0 6px; color: #555; font-size: 13px; }
  #controls { display: flex; gap: 16px; flex-wrap: wrap; font-size: 13px; }
  #controls select { font-size: 13px; margin-left: 4px; }
  main { flex: 1; display: flex; min-height: 0; }
  #mynetwork { flex: 1; min-height: 480px; position: relative; }
  #legend { width: 270px; overflow-y: auto; border-left: 1px solid #ddd; padding: 8px 12px;
    font-size: 12px; }
  #legend h2 { font-size: 14px; margin: 4px 0 8px; }
  #legend ul { list-style: none; margin: 0; padding: 0; }
  #legend li { display: flex; align-items: center; gap: 8px; margin: 3px 0; }
  .swatch { flex: none; width: 14px; height: 14px; display: inline-block; }
  .note { color: #555; }
  div.vis-tooltip { max-width: 420px; white-space: normal; font-size: 12px; line-height: 1.45; }
</style>
<script>{{ vis_js }}</script>
</head>
<body>
<header>
  <h1>{{ title }}</h1>
  <p class="subtitle">{{ subtitle }}</p>
  <div id="controls">
  {%- for f in filters %}
    <label>{{ f.label }}<select class="pkg-filter" data-attr="pkg_{{ f.attr }}">
      <option value="">all</option>
      {%- for value, text in f.options %}
      <option value="{{ value }}">{{ text }}</option>
      {%- endfor %}
    </select></label>
  {%- endfor %}
  </div>
</header>
<main>
  <div id="mynetwork"></div>
  <aside id="legend">
    <h2>Legend</h2>
    <ul>
    {%- for item in legend %}
      <li{% if item.shape == "note" %} class="note"{% endif %}><span class="swatch"
        style="{{ swatch(item) }}"></span><span>{{ item.label }}</span></li>
    {%- endfor %}
    </ul>
    <p class="note">{{ node_count }} nodes, {{ edge_count }} edges. Hover a node or an edge for
      its evidence; drag to move, scroll to zoom.</p>
  </aside>
</main>
<script type="application/json" id="pkg-nodes">{{ nodes_json }}</script>
<script type="application/json" id="pkg-edges">{{ edges_json }}</script>
<script type="application/json" id="pkg-options">{{ options_json }}</script>
<script>
(function () {
  "use strict";
  function load(id) { return JSON.parse(document.getElementById(id).textContent); }
  // Tooltips arrive as HTML whose text was escaped on the server; vis-network shows a
  // string title as plain text, so hand it an element parsed from that HTML.
  function tip(item) {
    if (typeof item.title === "string") {
      var div = document.createElement("div");
      div.innerHTML = item.title;
      item.title = div;
    }
    return item;
  }
  var nodes = new vis.DataSet(load("pkg-nodes").map(tip));
  var edges = new vis.DataSet(load("pkg-edges").map(tip));
  var options = load("pkg-options");
  var container = document.getElementById("mynetwork");
  window.policykgStable = false;
  // Listeners go on before the data, so a stabilisation that ends at once is not missed.
  var network = new vis.Network(container, {}, options);
  function settled() {
    network.setOptions({physics: false});
    window.policykgStable = true;
  }
  if (options.physics && options.physics.enabled) {
    network.once("stabilizationIterationsDone", settled);
  } else {
    network.once("afterDrawing", function () { window.policykgStable = true; });
  }
  network.setData({nodes: nodes, edges: edges});
  window.network = network;
  window.nodes = nodes;
  window.edges = edges;

  // Filters: a node carrying the attribute is hidden unless it matches; a node
  // without it (say a jurisdiction under a category filter) is hidden when every
  // neighbour is.
  var selects = Array.prototype.slice.call(document.querySelectorAll("select.pkg-filter"));
  function applyFilters() {
    var active = selects.filter(function (s) { return s.value !== ""; });
    var hidden = {};
    var all = nodes.get();
    all.forEach(function (n) {
      hidden[n.id] = active.some(function (s) {
        var v = n[s.dataset.attr];
        return v !== undefined && v !== null && v !== "" && String(v) !== s.value;
      });
    });
    if (active.length) {
      all.forEach(function (n) {
        var carries = active.some(function (s) {
          var v = n[s.dataset.attr];
          return v !== undefined && v !== null && v !== "";
        });
        if (carries) { return; }
        var around = network.getConnectedNodes(n.id);
        if (around.length && around.every(function (m) { return hidden[m]; })) {
          hidden[n.id] = true;
        }
      });
    }
    nodes.update(all.map(function (n) { return {id: n.id, hidden: hidden[n.id]}; }));
  }
  selects.forEach(function (s) { s.addEventListener("change", applyFilters); });
  window.policykgApplyFilters = applyFilters;
})();
</script>
</body>
</html>
"""

_env = Environment(autoescape=True, keep_trailing_newline=True)
_template = _env.from_string(PAGE)


def render_html(view: View) -> str:
    """The view as a complete, self-contained HTML page."""
    net = to_network(view)
    js, css = vis_assets()
    return _template.render(
        csp=Markup(CSP),  # our constant, quotes kept as written
        title=view.title,
        subtitle=view.subtitle,
        filters=view.filters,
        legend=view.legend,
        swatch=_swatch_style,
        node_count=len(net.nodes),
        edge_count=len(net.edges),
        nodes_json=script_json(net.nodes),
        edges_json=script_json(net.edges),
        options_json=script_json(net.options),
        vis_js=Markup(js),
        vis_css=Markup(css),
    )
