/*
 * Practice-Led: the way back from a page's sources to the citation the reader followed.
 *
 * The build (scripts/practice_led/citation_controls.py) makes each citation a button that
 * opens its full text with a link to each work in the page's sources, and gives each entry
 * of the sources one hidden "Back to where you were" link. When a reader follows a
 * citation's link, this script closes the citation, points that entry's back link at the
 * citation and shows it; following it back puts the focus where the reader was. Without
 * the script the browser's Back does the same.
 *
 * One listener for the whole document, set once: nothing is done for each citation as a
 * page starts, and it keeps working on pages that instant navigation swaps in.
 */
(function () {
  "use strict";

  if (window.__practiceLedCitations) return; // loaded twice: keep the first
  window.__practiceLedCitations = true;

  var cameFrom = new WeakMap(); // back link -> the element to focus on the way back

  function entryOf(link) {
    var id = decodeURIComponent(link.hash.slice(1));
    return id ? document.getElementById(id) : null;
  }

  function followed(link) {
    var entry = entryOf(link);
    var back = entry && entry.querySelector("a.pl-cite-back");
    if (!back) return;
    var popover = link.closest("[popover]");
    var button = popover && popover.id ? document.querySelector('[popovertarget="' + popover.id + '"]') : null;
    // From a popover, back to its button; from a Source panel, back to the link itself.
    var place = button || link.closest(".pl-cite-refs");
    if (!place || !place.id) return;
    back.setAttribute("href", "#" + place.id);
    back.hidden = false;
    cameFrom.set(back, button || link);
    if (popover && popover.hidePopover) popover.hidePopover();
  }

  function cameBack(back) {
    var target = cameFrom.get(back);
    if (!target) return;
    // After the browser has followed the link (and scrolled), keep the view, move the focus.
    window.setTimeout(function () { target.focus({ preventScroll: true }); }, 0);
  }

  document.addEventListener("click", function (event) {
    if (!(event.target instanceof Element)) return;
    var link = event.target.closest(".pl-cite-refs a[href^='#']");
    if (link) {
      followed(link);
      return;
    }
    var back = event.target.closest("a.pl-cite-back");
    if (back) cameBack(back);
  });
})();
