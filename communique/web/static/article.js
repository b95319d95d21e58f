// Marks the evidence sentence a link points at (#ev-<offset>), also when the offset is an alias
// of a merged sentence region. No data from the article is read as markup.
(function () {
  "use strict";
  function mark() {
    document.querySelectorAll(".region.hit").forEach(function (el) { el.classList.remove("hit"); });
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) { return; }
    var el = document.getElementById(id);
    if (!el) { return; }
    if (el.classList.contains("alias")) { el = document.getElementById(el.getAttribute("data-region")); }
    if (el && el.classList.contains("region")) {
      el.classList.add("hit");
      el.scrollIntoView({ block: "center" });
    }
  }
  window.addEventListener("hashchange", mark);
  document.addEventListener("DOMContentLoaded", mark);
})();
