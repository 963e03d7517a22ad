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
 * page starts, and it keeps working on pages that instant navigation swaps in. It follows
 * these links itself, within the page: Material's instant navigation answers a change of
 * address by loading the page again, and the way back would go with it.
 */
(function () {
  "use strict";

  if (window.__practiceLedCitations) return; // loaded twice: keep the first
  window.__practiceLedCitations = true;

  var cameFrom = new WeakMap(); // back link -> the element to focus on the way back

  function targetOf(link) {
    try {
      return document.getElementById(decodeURIComponent(link.hash.slice(1)));
    } catch { // not an id: an address with a stray %
      return null;
    }
  }

  // Where a link within the page leads, as the browser would take the reader there, but
  // without a change of address that instant navigation answers by loading the page again
  // (which would forget the way back). The scroll position is kept in the history entry,
  // where instant navigation looks for it when the reader presses Back.
  function go(link) {
    var target = targetOf(link);
    if (!target) return null;
    history.replaceState({ x: window.scrollX, y: window.scrollY }, "");
    history.pushState(null, "", link.hash);
    target.scrollIntoView({ block: "center" });
    return target;
  }

  function followed(link) {
    var popover = link.closest("[popover]");
    var button = popover && popover.id ? document.querySelector('[popovertarget="' + popover.id + '"]') : null;
    // From a popover, back to its button; from a Source panel, back to the link itself.
    var place = button || link.closest(".pl-cite-refs");
    if (popover && popover.hidePopover) popover.hidePopover();
    var entry = go(link);
    var back = entry && entry.querySelector("a.pl-cite-back");
    if (!back || !place || !place.id) return;
    back.setAttribute("href", "#" + place.id);
    back.hidden = false;
    cameFrom.set(back, button || link);
    entry.setAttribute("tabindex", "-1"); // the reader is here now: Tab goes on from here
    entry.focus({ preventScroll: true });
  }

  function cameBack(back) {
    go(back);
    var target = cameFrom.get(back);
    if (target) target.focus({ preventScroll: true });
  }

  function samePage(link) {
    // Material writes a page's own "#…" links out in full: compare the pages, not the text.
    return link.hash && link.pathname === window.location.pathname && link.host === window.location.host;
  }

  document.addEventListener("click", function (event) {
    if (!(event.target instanceof Element) || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey) return;
    var link = event.target.closest(".pl-cite-refs a[href], a.pl-cite-back");
    if (!link || !samePage(link)) return;
    event.preventDefault();
    event.stopPropagation(); // instant navigation would load the page again
    if (link.classList.contains("pl-cite-back")) cameBack(link);
    else followed(link);
  }, true); // capture: before instant navigation takes the click
})();
