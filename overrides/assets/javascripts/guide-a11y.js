/*
 * Practice-Led: accessibility fixes to what Material shows.
 *
 * Material wraps every table in a box that scrolls sideways when the table is wider
 * than the screen (phones). A keyboard can only scroll a box it can focus (WCAG 2.1.1),
 * so each box that overflows becomes focusable, as a named region; one that fits is
 * left alone, so it adds no tab stop.
 *
 * Material confirms a copy ("Copied to clipboard") in a box that appears for two
 * seconds but that screen readers are not told about: it becomes a status message,
 * read out when its text changes (WCAG 4.1.3).
 */
(function () {
  "use strict";

  var SELECTOR = ".md-typeset__scrollwrap";

  function update() {
    var boxes = document.querySelectorAll(SELECTOR);
    for (var i = 0; i < boxes.length; i++) {
      var box = boxes[i];
      if (box.scrollWidth > box.clientWidth + 1) {
        box.setAttribute("tabindex", "0");
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", "Table (scrolls sideways)");
      } else if (box.getAttribute("role") === "region") {
        box.removeAttribute("tabindex");
        box.removeAttribute("role");
        box.removeAttribute("aria-label");
      }
    }
  }

  var pending = 0;
  window.addEventListener("resize", function () {
    window.clearTimeout(pending);
    pending = window.setTimeout(update, 150);
  });
  window.guide.onEveryPage(update);

  // The box stays in place across instant navigation, and is in the page already (this
  // script comes after it): a live region must exist before the text it announces.
  var copied = document.querySelector(".md-dialog");
  if (copied) {
    copied.setAttribute("role", "status");
    copied.setAttribute("aria-live", "polite");
  }
})();
