/*
 * Progressive enhancements for the public site. Everything works without this file.
 *
 * 1. Error summary: after a failed submit, move focus to the summary so screen reader and keyboard users
 *    land on the list of problems first (NL Design System / GOV.UK pattern).
 * 2. Links in the error summary focus their field and scroll its label (or legend) into view, instead
 *    of hiding the label under the top of the window.
 * 3. Filter panels (includes/filter_panel.html) are open on screens of 48em and wider; on a phone they
 *    stay one line, so the first result is in view.
 */
(function () {
  "use strict";

  function labelFor(field) {
    var fieldset = field.closest("fieldset");
    if (fieldset && (field.type === "radio" || field.type === "checkbox")) {
      var legend = fieldset.querySelector("legend");
      if (legend) return legend;
    }
    if (field.id) {
      var label = document.querySelector('label[for="' + CSS.escape(field.id) + '"]');
      if (label) return label;
    }
    return field.closest("label") || field;
  }

  function enhanceErrorSummary(summary) {
    if (!summary.hasAttribute("tabindex")) summary.setAttribute("tabindex", "-1");
    if (!document.activeElement || document.activeElement === document.body) summary.focus();

    summary.addEventListener("click", function (event) {
      var link = event.target.closest('a[href^="#"]');
      if (!link) return;
      var id = decodeURIComponent(link.getAttribute("href").slice(1));
      var target = document.getElementById(id);
      if (!target) return;
      var field = target.matches("input, select, textarea")
        ? target
        : target.querySelector("input, select, textarea");
      if (!field) return;
      event.preventDefault();
      labelFor(field).scrollIntoView({ block: "start" });
      field.focus({ preventScroll: true });
    });
  }

  function openFilterPanels() {
    if (!window.matchMedia("(min-width: 48em)").matches) return;
    document.querySelectorAll("details[data-filter-panel]").forEach(function (panel) {
      panel.open = true;
    });
  }

  function init() {
    openFilterPanels();
    var summary = document.querySelector(".error-summary, [data-module='error-summary']");
    if (summary) enhanceErrorSummary(summary);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
