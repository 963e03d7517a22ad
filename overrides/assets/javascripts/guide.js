/*
 * Practice-Led: what the guide's other scripts share. It is listed first in mkdocs.yml's
 * extra_javascript, so it has run before any of them.
 *
 * guide.onEveryPage(setUp): run setUp once for every page the reader sees.
 * guide.inTurn(step): run step as a task of its own on the page first opened, at once later.
 * guide.inSlices(work, schedule, done): run a list of functions a few milliseconds at a time.
 * guide.endsItemText(node): whether node ends a checklist item's own text.
 * guide.publicAddress(): the page's public address, also in a copy opened from a folder.
 * guide.pagePath(): the page's path from the guide's root, e.g. "checklists/access-and-support/".
 * guide.today(): today's date in this browser, year-month-day ("2026-12-03").
 * guide.inWords(date): such a date as a reader writes it ("3 December 2026").
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
  var pages = window.document$;
  if (pages && typeof pages.subscribe !== "function") pages = null;

  // How many pages document$ has given. This script subscribes first, so while another
  // script sets up a page the count already includes it.
  var pagesGiven = 0;
  if (pages) pages.subscribe(function () { pagesGiven += 1; });

  // On the page first opened, Material starts up in one long task, during which a phone
  // answers no tap. Each of the guide's set-up steps runs as a task of its own after it,
  // so that none makes that task longer (About > Quality). A page that instant navigation
  // brings in is set up at once, before it is shown.
  function inTurn(step) {
    if (pagesGiven > 1) step();
    else window.setTimeout(step);
  }

  function onEveryPage(setUp) {
    function onlyPage() { whenReady(function () { inTurn(setUp); }); }
    if (!pages) {
      onlyPage();
      return;
    }
    var given = false;
    pages.subscribe({
      next: function () {
        given = true;
        inTurn(setUp);
      },
      complete: function () {
        if (!given) onlyPage();
      }
    });
  }

  // Work too long for one task, a slice at a time: 8 ms here is about 32 ms on the slow
  // phone Lighthouse models, under the 50 ms from which a task counts as keeping the reader
  // waiting. schedule(fn) runs fn later (inTurn, or when the browser is idle); done, if
  // given, is scheduled after the last function.
  var SLICE_MS = 8;

  function inSlices(work, schedule, done) {
    schedule(function slice() {
      var end = performance.now() + SLICE_MS;
      while (work.length && performance.now() < end) work.shift()();
      if (work.length) schedule(slice);
      else if (done) schedule(done);
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

  // What a reader downloads, shares or copies points at the page's public address (site_url
  // in mkdocs.yml), not at file:/// or a preview. Every page names it in <link rel="canonical">.
  function canonical() {
    var link = document.querySelector('link[rel="canonical"]');
    var address = link && link.getAttribute("href");
    return (address ? new URL(address, window.location.href).href : window.location.href).split(/[?#]/)[0];
  }

  // The build writes the published address under the page (data-pl-page-url,
  // partials/page-info.html), also in the offline copy. Without it, the canonical link: in the
  // offline copy a/b.html or a/index.html (Material's offline plugin turns directory
  // addresses off), where the published page is a/b/.
  function publicAddress() {
    var info = document.querySelector("[data-pl-page-url]");
    var address = info && info.getAttribute("data-pl-page-url");
    return address || canonical().replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "/");
  }

  // The guide's public root, worked out once, on the page first opened: Material's
  // configuration names the way from it to the root ("../.."), and instant navigation
  // keeps that configuration while it changes pages (and their canonical links).
  var publicRoot = (function () {
    var base = ".";
    try {
      base = JSON.parse(document.getElementById("__config").textContent).base || ".";
    } catch {
      /* no configuration: the page is the root */
    }
    return new URL(base.replace(/\/?$/, "/"), canonical()).href;
  })();

  function pagePath() {
    var address = publicAddress();
    return address.indexOf(publicRoot) === 0 ? address.slice(publicRoot.length) : new URL(address).pathname.slice(1);
  }

  function today() {
    var d = new Date();
    function two(n) { return (n < 10 ? "0" : "") + n; }
    return d.getFullYear() + "-" + two(d.getMonth() + 1) + "-" + two(d.getDate());
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
    "September", "October", "November", "December"];

  function inWords(isoDate) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDate || "");
    return parts ? Number(parts[3]) + " " + MONTHS[Number(parts[2]) - 1] + " " + parts[1] : "an unknown date";
  }

  window.guide = {
    onEveryPage: onEveryPage,
    inTurn: inTurn,
    inSlices: inSlices,
    endsItemText: endsItemText,
    publicAddress: publicAddress,
    pagePath: pagePath,
    today: today,
    inWords: inWords
  };
})();
