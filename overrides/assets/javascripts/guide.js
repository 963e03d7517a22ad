/*
 * Practice-Led: what the guide's other scripts share. It is listed first in mkdocs.yml's
 * extra_javascript, so it has run before any of them.
 *
 * guide.onEveryPage(setUp): run setUp once for every page the reader sees.
 * guide.endsItemText(node): whether node ends a checklist item's own text.
 */
(function () {
  "use strict";

  if (window.guide) return; // loaded twice: keep the first

  function whenReady(callback) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", callback);
    else callback();
  }

  // Material's document$ gives the first page once it is ready, then every page that
  // instant navigation swaps in without a reload. Opened from a folder (file://), Material
  // ends document$ before the first page is ready without giving it, and without Material's
  // script there is no document$: either way there is one page, set up once it is ready.
  function onEveryPage(setUp) {
    var pages = window.document$;
    if (!pages || typeof pages.subscribe !== "function") {
      whenReady(setUp);
      return;
    }
    var given = false;
    pages.subscribe({
      next: function () {
        given = true;
        setUp();
      },
      complete: function () {
        if (!given) whenReady(setUp);
      }
    });
  }

  // A checklist item reads: its checkbox, its own text (what the checkbox is named by and
  // what the downloads hold), then blocks: the row of its controls (its Source disclosure,
  // with the citation, from the build; "Note and link"), nested lists. An item without a
  // Source panel keeps its citation marks in its text. The first block ends the text, so a
  // script that adds a control to an item adds it in a block.
  var BLOCK = /^(UL|OL|P|DIV|DL|TABLE|BLOCKQUOTE|DETAILS|PRE|FIGURE|H[1-6])$/;

  function endsItemText(node) {
    return node.nodeType === Node.ELEMENT_NODE && BLOCK.test(node.nodeName);
  }

  window.guide = { onEveryPage: onEveryPage, endsItemText: endsItemText };
})();
