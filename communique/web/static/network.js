// The network page's graph: cytoscape (vendored from npm, MIT) over the JSON the server embedded.
// Node and edge labels are set as data, which cytoscape draws on a canvas: never parsed as HTML.
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var holder = document.getElementById("graph");
    var source = document.getElementById("graph-data");
    if (!holder || !source || typeof cytoscape !== "function") { return; }
    var graph = JSON.parse(source.textContent);
    var most = 1;
    graph.nodes.forEach(function (n) { most = Math.max(most, n.meetings); });
    var heaviest = 1;
    graph.edges.forEach(function (e) { heaviest = Math.max(heaviest, e.weight); });
    var elements = graph.nodes.map(function (n) {
      return { group: "nodes", data: { id: n.id, label: n.name, size: 12 + 28 * Math.sqrt(n.meetings / most) } };
    }).concat(graph.edges.map(function (e, i) {
      return { group: "edges", data: { id: "e" + i, source: e.source, target: e.target, weight: e.weight,
                                       width: 1 + 7 * e.weight / heaviest } };
    }));
    var cy = cytoscape({
      container: holder,
      elements: elements,
      style: [
        { selector: "node", style: { "label": "data(label)", "width": "data(size)", "height": "data(size)",
          "background-color": "#2f5d8a", "font-size": 10, "color": "#1b2733", "text-valign": "bottom",
          "text-margin-y": 3 } },
        { selector: "edge", style: { "width": "data(width)", "line-color": "#9aa5b1", "curve-style": "haystack",
          "opacity": 0.7 } },
        { selector: ".faded", style: { "opacity": 0.15 } },
        { selector: "node.focus", style: { "background-color": "#e0892b" } }
      ],
      layout: { name: graph.nodes.length > 400 ? "grid" : "cose", animate: false, randomize: false,
                nodeRepulsion: function () { return 9000; }, idealEdgeLength: function () { return 70; } }
    });
    holder.setAttribute("data-nodes", String(cy.nodes().length));
    holder.setAttribute("data-edges", String(cy.edges().length));
    cy.on("mouseover", "node", function (evt) {
      var near = evt.target.closedNeighborhood();
      cy.elements().not(near).addClass("faded");
      evt.target.addClass("focus");
    });
    cy.on("mouseout", "node", function () { cy.elements().removeClass("faded focus"); });
    cy.on("tap", "node", function (evt) {
      window.location.href = "/actors/" + encodeURIComponent(evt.target.id());
    });
    cy.on("tap", "edge", function (evt) {
      var e = evt.target.data();
      window.location.href = "/pairs/" + encodeURIComponent(e.source) + "/" + encodeURIComponent(e.target);
    });
  });
})();
