// kgraph view: builds the network, legend, filters, search and tooltips from the JSON block.
// Safety rule for this file: text from the data only ever reaches the page through textContent or the
// canvas (vis-network draws labels with fillText); never innerHTML, never an attribute that loads or runs.
(function () {
  "use strict";
  var root = document.getElementById("kgraph");
  var data = JSON.parse(document.getElementById("kgraph-data").textContent);
  var meta = data.meta;
  var MODALITIES = ["asserted", "hedged", "negated", "reported"];

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }
  function add(parent) {
    for (var i = 1; i < arguments.length; i++) if (arguments[i]) parent.appendChild(arguments[i]);
    return parent;
  }
  function plural(n, word) { return n.toLocaleString("en") + " " + word + (n === 1 ? "" : "s"); }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  // ---- vis-network data -------------------------------------------------------------------------------
  var big = !meta.physics;
  var nodeItems = data.nodes.map(function (n, i) {
    var style = data.classes[n.cls];
    return {
      id: i, label: n.label, x: n.x, y: n.y, shape: style.shape, size: Math.min(40, 9 + 3 * Math.sqrt(n.degree)),
      color: { background: style.color, border: style.color, highlight: { background: style.color, border: "#111111" },
               hover: { background: style.color, border: "#111111" } },
    };
  });
  var edgeItems = data.edges.map(function (e, i) {
    var color = data.families[e.family];
    var asserted = e.modality.indexOf("asserted") >= 0;
    var denied = e.modality.length === 1 && e.modality[0] === "negated";
    // asserted: solid; reported or hedged only: long dashes; denied only: dots; disputed: dash-dot and a mark
    var dashes = asserted ? false : denied ? [2, 6] : [10, 6];
    if (e.disputed) dashes = [12, 4, 2, 4];
    return {
      id: i, from: e.from, to: e.to, label: e.property + (e.disputed ? " \u26a0 disputed" : ""),
      width: Math.min(8, 1 + 1.6 * Math.log2(Math.max(1, e.support))),
      color: { color: color, highlight: color, hover: color, opacity: asserted ? 0.85 : denied ? 0.45 : 0.6 },
      dashes: dashes,
      arrows: { to: { enabled: !e.symmetric, scaleFactor: 0.55 } },
      smooth: e.curve ? { enabled: true, type: "curvedCW", roundness: e.curve } : false,
    };
  });
  var nodes = new vis.DataSet(nodeItems);
  var edges = new vis.DataSet(edgeItems);
  var container = document.getElementById("kg-canvas");
  if (!data.nodes.length) add(container, el("p", "kg-empty", "No relation matches the filters."));
  var options = {
    autoResize: true,
    layout: { improvedLayout: false },
    physics: meta.physics
      ? { enabled: true, solver: "barnesHut", barnesHut: { gravitationalConstant: -6000, springLength: 150, avoidOverlap: 0.3 },
          stabilization: { enabled: true, iterations: 250, updateInterval: 50, fit: true } }
      : { enabled: false },
    interaction: { hover: true, tooltipDelay: 3600000, hideEdgesOnDrag: big, hideEdgesOnZoom: big, keyboard: false,
                   navigationButtons: false, multiselect: false },
    nodes: { borderWidth: 1.5, font: { multi: false, size: 14, color: "#1f2933", strokeWidth: 3, strokeColor: "#ffffff" },
             scaling: { label: { drawThreshold: 7 } } },
    edges: { font: { multi: false, size: 11, color: "#52606d", strokeWidth: 3, strokeColor: "#ffffff", align: "middle" },
             selectionWidth: 2, hoverWidth: 1.5, scaling: { label: { drawThreshold: 7 } } },
  };
  var network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  // ---- state and counts ---------------------------------------------------------------------------------
  var classOn = {}, propOn = {}, modOn = {};
  Object.keys(data.classes).forEach(function (c) { classOn[c] = true; });
  Object.keys(data.properties).forEach(function (p) { propOn[p] = true; });
  MODALITIES.forEach(function (m) { modOn[m] = true; });
  var nodeHidden = data.nodes.map(function () { return false; });
  var edgeHidden = data.edges.map(function () { return false; });
  var countLine = document.getElementById("kg-count");

  function visibleCount(flags) { var n = 0; flags.forEach(function (h) { if (!h) n++; }); return n; }
  function updateCounts() {
    var vn = visibleCount(nodeHidden), ve = visibleCount(edgeHidden);
    var text = plural(vn, "entity").replace("entitys", "entities") + ", " + plural(ve, "relation");
    if (vn !== data.nodes.length || ve !== data.edges.length) text += " (of " + data.nodes.length + " and " + data.edges.length + ")";
    if (meta.focus) text += " around " + meta.focus;
    countLine.textContent = text;
    root.setAttribute("data-visible-nodes", String(vn));
    root.setAttribute("data-visible-edges", String(ve));
  }

  function applyFilters() {
    var nodeUpdates = [], edgeUpdates = [];
    data.nodes.forEach(function (n, i) {
      var hide = !classOn[n.cls];
      if (hide !== nodeHidden[i]) { nodeHidden[i] = hide; nodeUpdates.push({ id: i, hidden: hide }); }
    });
    data.edges.forEach(function (e, i) {
      var hide = nodeHidden[e.from] || nodeHidden[e.to] || !propOn[e.property] ||
        !e.modality.some(function (m) { return modOn[m]; });
      if (hide !== edgeHidden[i]) { edgeHidden[i] = hide; edgeUpdates.push({ id: i, hidden: hide }); }
    });
    if (nodeUpdates.length) nodes.update(nodeUpdates);
    if (edgeUpdates.length) edges.update(edgeUpdates);
    updateCounts();
  }

  // ---- legend and filters -------------------------------------------------------------------------------
  function checkbox(list, state, key, labelParts, count, kind) {
    var input = el("input");
    input.type = "checkbox";
    input.checked = true;
    input.setAttribute("data-filter", kind);
    input.setAttribute("data-value", key);
    input.addEventListener("change", function () { state[key] = input.checked; applyFilters(); });
    var label = add(el("label"), input);
    labelParts.forEach(function (part) { add(label, part); });
    add(label, el("span", "kg-n", count));
    add(list, add(el("li"), label));
  }
  var classCounts = {}, propCounts = {}, modCounts = {};
  data.nodes.forEach(function (n) { classCounts[n.cls] = (classCounts[n.cls] || 0) + 1; });
  data.edges.forEach(function (e) {
    propCounts[e.property] = (propCounts[e.property] || 0) + 1;
    e.modality.forEach(function (m) { modCounts[m] = (modCounts[m] || 0) + 1; });
  });
  var classList = document.getElementById("kg-classes");
  Object.keys(data.classes).forEach(function (c) {
    var sym = el("span", "kg-sym", data.classes[c].symbol);
    sym.style.color = data.classes[c].color;
    checkbox(classList, classOn, c, [sym, el("span", null, c)], classCounts[c] || 0, "class");
  });
  var familyList = document.getElementById("kg-families");
  [["conflict", "conflict (hostileTowards …)"], ["cooperation", "cooperation (cooperatesWith …)"], ["other", "other"]]
    .forEach(function (f) {
      var line = el("span", "kg-line");
      line.style.borderTopColor = data.families[f[0]];
      add(familyList, add(el("li"), line, el("span", null, f[1])));
    });
  var dashed = el("span", "kg-line kg-dashed");
  dashed.style.borderTopColor = "#7b8794";
  add(familyList, add(el("li"), dashed, el("span", null, "not asserted (hedged, negated, reported)")));
  var propList = document.getElementById("kg-properties");
  Object.keys(data.properties).forEach(function (p) {
    var line = el("span", "kg-line");
    line.style.borderTopColor = data.families[data.properties[p].family];
    checkbox(propList, propOn, p, [line, el("span", null, p)], propCounts[p], "property");
  });
  var modList = document.getElementById("kg-modalities");
  var presentModalities = MODALITIES.filter(function (m) { return modCounts[m]; });
  presentModalities.forEach(function (m) { checkbox(modList, modOn, m, [el("span", "kg-badge kg-" + m, m)], modCounts[m], "modality"); });
  if (presentModalities.length < 2) {
    add(modList, el("li", "kg-muted", meta.modality === "asserted" ? "Asserted claims only (build the view with --modality all for hedged, negated and reported ones)." : ""));
  }

  // ---- tooltips and details -----------------------------------------------------------------------------
  function evidenceItem(ev) {
    var box = el("div", "kg-ev");
    add(box, el("blockquote", null, "\u201c" + ev.sentence + "\u201d"));
    var article = data.articles[ev.article] || {};
    var metaLine = el("div", "kg-meta");
    add(metaLine, el("span", "kg-badge kg-" + ev.modality, ev.modality + (ev.cue ? " \u00b7 " + ev.cue : "")));
    var bits = [article.title || article.id || "untitled article"];
    if (article.publisher) bits.push(article.publisher);
    if (ev.date) bits.push(ev.date);
    if (ev.by) bits.push("reported by " + ev.by);
    if (ev.confidence !== null && ev.confidence !== undefined) bits.push("confidence " + ev.confidence.toFixed(2));
    add(metaLine, el("span", null, bits.join(" \u00b7 ")));
    if (article.url) {
      var link = el("a", null, "source");
      link.href = article.url; link.target = "_blank"; link.rel = "noopener noreferrer";
      add(metaLine, link);
    }
    return add(box, metaLine);
  }
  function edgeTitle(e) {
    return data.nodes[e.from].label + " \u2192 " + e.property + " \u2192 " + data.nodes[e.to].label;
  }
  function edgeContent(e, limit) {
    var box = el("div");
    add(box, el("h3", null, edgeTitle(e)));
    add(box, el("div", "kg-muted", e.family + " \u00b7 " + plural(e.support, "article") + " \u00b7 " + e.modality.join(", ")
      + (e.disputed ? " \u00b7 disputed: affirmed in one article, denied in another (kgraph disputes)" : "")));
    var shown = limit ? e.evidence.slice(0, limit) : e.evidence;
    shown.forEach(function (ev) { add(box, evidenceItem(ev)); });
    if (shown.length < e.evidence.length) add(box, el("div", "kg-muted", "+ " + (e.evidence.length - shown.length) + " more \u2014 click the edge for all"));
    return box;
  }
  function relationsOf(i) {
    var rels = [];
    data.edges.forEach(function (e, j) { if (!edgeHidden[j] && (e.from === i || e.to === i)) rels.push(j); });
    return rels;
  }
  function nodeContent(i, full) {
    var n = data.nodes[i];
    var box = el("div");
    add(box, el("h3", null, n.label));
    var sym = el("span", "kg-sym", data.classes[n.cls].symbol);
    sym.style.color = data.classes[n.cls].color;
    add(box, add(el("div", "kg-muted"), sym, el("span", null, n.cls + " \u00b7 " + n.iri)));
    var rels = relationsOf(i);
    var byProp = {};
    rels.forEach(function (j) { var p = data.edges[j].property; byProp[p] = (byProp[p] || 0) + 1; });
    add(box, el("div", "kg-muted", plural(rels.length, "relation") + (rels.length ? ": " : "") +
      Object.keys(byProp).sort().map(function (p) { return p + " " + byProp[p]; }).join(", ")));
    if (full) {
      rels.slice(0, 200).forEach(function (j) {
        var e = data.edges[j];
        var button = el("button", "kg-link", edgeTitle(e) + " (" + plural(e.support, "article") + ")");
        button.type = "button";
        button.addEventListener("click", function () { network.selectEdges([j]); showDetails("edge", j); });
        add(box, add(el("div", "kg-rel"), button));
      });
      if (rels.length > 200) add(box, el("div", "kg-muted", "+ " + (rels.length - 200) + " more"));
    }
    return box;
  }

  var tip = document.getElementById("kg-tip");
  function showTip(content, pointer) {
    clear(tip);
    add(tip, content);
    tip.hidden = false;
    var box = root.getBoundingClientRect(), area = container.getBoundingClientRect();
    var x = area.left - box.left + pointer.x + 14, y = area.top - box.top + pointer.y + 14;
    var w = tip.offsetWidth, h = tip.offsetHeight;
    if (x + w > box.width - 4) x = Math.max(4, x - w - 28);
    if (y + h > box.height - 4) y = Math.max(4, box.height - h - 4);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }
  function hideTip() { tip.hidden = true; clear(tip); }
  network.on("hoverNode", function (p) { showTip(nodeContent(p.node, false), p.pointer.DOM); });
  network.on("hoverEdge", function (p) { showTip(edgeContent(data.edges[p.edge], 3), p.pointer.DOM); });
  network.on("blurNode", hideTip);
  network.on("blurEdge", hideTip);
  network.on("dragStart", hideTip);
  network.on("zoom", hideTip);

  var details = document.getElementById("kg-details");
  function showDetails(kind, i) {
    clear(details);
    var close = el("button", "kg-close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", function () { details.hidden = true; clear(details); network.unselectAll(); });
    add(details, close);
    add(details, kind === "node" ? nodeContent(i, true) : edgeContent(data.edges[i], 0));
    details.hidden = false;
    details.setAttribute("data-kind", kind);
  }
  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) showDetails("node", p.nodes[0]);
    else if (p.edges.length) showDetails("edge", p.edges[0]);
    else { details.hidden = true; clear(details); }
  });

  // ---- search -------------------------------------------------------------------------------------------
  var haystack = data.nodes.map(function (n) { return (n.label + "\u0000" + n.iri).toLowerCase(); });
  var search = document.getElementById("kg-search");
  var status = document.getElementById("kg-search-status");
  var matchList = document.getElementById("kg-matches");
  var matches = [];
  function focusNode(i) {
    network.selectNodes([i]);
    network.focus(i, { scale: Math.max(network.getScale(), 1.0), animation: false });
    showDetails("node", i);
  }
  function runSearch(query) {
    var q = String(query).trim().toLowerCase();
    clear(matchList);
    matches = [];
    if (q) haystack.forEach(function (h, i) { if (!nodeHidden[i] && h.indexOf(q) >= 0) matches.push(i); });
    status.textContent = q ? plural(matches.length, "match").replace("matchs", "matches") : "";
    matches.slice(0, 30).forEach(function (i) {
      var button = el("button", null, data.nodes[i].label + " \u2014 " + data.nodes[i].cls);
      button.type = "button";
      button.addEventListener("click", function () { focusNode(i); });
      add(matchList, add(el("li"), button));
    });
    if (matches.length > 30) add(matchList, el("li", "kg-muted", "+ " + (matches.length - 30) + " more"));
    if (matches.length) network.selectNodes(matches.slice(0, 500)); else network.unselectAll();
    return matches.length;
  }
  search.addEventListener("input", function () { runSearch(search.value); });
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter" && matches.length) focusNode(matches[0]); });

  // ---- physics toggle (small graphs only) ---------------------------------------------------------------
  var physicsBox = document.getElementById("kg-physics");
  if (meta.physics) {
    document.getElementById("kg-physics-row").hidden = false;
    physicsBox.addEventListener("change", function () { network.setOptions({ physics: { enabled: physicsBox.checked } }); });
  }

  // ---- ready: for tests and for whoever embeds the page -------------------------------------------------
  var view = {
    ready: false, nodes: data.nodes.length, edges: data.edges.length, omitted: meta.omitted, network: network, data: data,
    visibleNodes: function () { return visibleCount(nodeHidden); },
    visibleEdges: function () { return visibleCount(edgeHidden); },
    search: runSearch,
    // page coordinates of a node or of an edge's label, to point the mouse at them
    nodePoint: function (i) { return pagePoint(network.canvasToDOM(network.getPosition(i))); },
    edgePoint: function (i) {
      var edge = network.body.edges[i];
      var c = edge.edgeType.getPoint(0.5);
      return pagePoint(network.canvasToDOM(c));
    },
  };
  function pagePoint(p) { var r = container.getBoundingClientRect(); return { x: r.left + p.x, y: r.top + p.y }; }
  function markReady() {
    if (view.ready) return;
    view.ready = true;
    root.setAttribute("data-ready", "true");
  }
  window.kgraphView = view;
  updateCounts();
  if (meta.physics) {
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: { enabled: false } });
      network.once("afterDrawing", markReady);
      network.redraw();
    });
  } else {
    network.once("afterDrawing", markReady);
    network.fit({ animation: false });
  }
  if (!data.nodes.length) markReady();
})();
