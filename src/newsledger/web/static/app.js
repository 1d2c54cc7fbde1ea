// newsledger: the only script. Landing on #span-S-E (a cited span) opens any collapsed section holding it
// and highlights every piece of the span (a span that crosses others is rendered in several pieces).
"use strict";
(function () {
  function land() {
    document.querySelectorAll("mark.hl").forEach(function (el) { el.classList.remove("hl"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!id) { return; }
    var target = document.getElementById(id);
    if (!target) { return; }
    for (var p = target.parentElement; p; p = p.parentElement) {
      if (p.tagName === "DETAILS") { p.open = true; }
    }
    var key = target.getAttribute("data-span");
    var scope = target.closest(".body, .rawtext") || document;
    if (target.tagName === "MARK" && key) {
      scope.querySelectorAll('mark[data-span="' + key.replace(/[^0-9-]/g, "") + '"]').forEach(function (el) {
        el.classList.add("hl");
      });
    }
    target.scrollIntoView({ block: "center" });
  }
  window.addEventListener("hashchange", land);
  document.addEventListener("DOMContentLoaded", land);
})();
