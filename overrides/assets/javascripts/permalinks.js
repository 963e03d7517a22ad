/*
 * Practice-Led: "copy link" on every section and checklist item, and the copy
 * buttons of "Cite this page".
 *
 * Progressive enhancement: without this script every heading keeps its ¶ link
 * and every checklist item keeps its id, so addresses still work; the script only
 * adds buttons that put the full address on the clipboard. A heading's button takes
 * the place of its ¶ link (page-tools.css), which trainers use far less; the contents
 * beside the page still go to each section.
 *
 * Where a link lands is marked (.pl-landed, page-tools.css): :target does that on its
 * own, but not after instant navigation, which changes the address without the browser
 * following it. The address is the
 * page's public one (data-pl-page-url, written by overrides/partials/page-info.html),
 * so a link copied from a downloaded copy or a preview still points at the guide.
 * The copying is Material's: it copies a button's data-clipboard-text (or the text of
 * its data-clipboard-target) and confirms "Copied to clipboard" (read out as a status
 * message, see guide-a11y.js). Makes no network request.
 */
(function () {
  "use strict";

  if (window.__practiceLedPermalinks) return; // loaded twice: keep the first
  window.__practiceLedPermalinks = true;

  var guide = window.guide;
  var TARGETS = [
    { selector: "h2[id], h3[id], h4[id]", label: "Copy link to this section" },
    { selector: "li.task-list-item[id]", label: "Copy link to this checklist item" }
  ];
  var ICON =
    '<svg viewBox="0 0 24 24" width="18" height="18" aria-hidden="true" focusable="false">' +
    '<path fill="currentColor" d="M3.9 12c0-1.71 1.39-3.1 3.1-3.1h4V7H7c-2.76 0-5 2.24-5 5s2.24 5 5 ' +
    '5h4v-1.9H7c-1.71 0-3.1-1.39-3.1-3.1zM8 13h8v-2H8v2zm9-6h-4v1.9h4c1.71 0 3.1 1.39 3.1 3.1s-1.39 ' +
    '3.1-3.1 3.1h-4V17h4c2.76 0 5-2.24 5-5s-2.24-5-5-5z"/></svg>';

  /* --- Buttons -------------------------------------------------------------------- */

  function linkButton(address, label) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "pl-copy-link";
    button.setAttribute("data-clipboard-text", address);
    button.setAttribute("aria-label", label);
    button.title = label;
    button.innerHTML = ICON;
    return button;
  }

  // In a checklist item the button goes in the item's "Note and link" panel, named in
  // words (checklists.js makes the panel). Without that panel it sits in a <div> (shown
  // inline) after the item's own text: a block element, so scripts that read the item's
  // text stop before it.
  function addToItem(item, button) {
    var slot = item.querySelector(":scope > .pl-item-tools > .checklist-more-panel > .checklist-more-link");
    if (slot) {
      button.removeAttribute("title");
      button.removeAttribute("aria-label"); // named by its words, as it shows them
      button.appendChild(document.createTextNode(" Copy link to this item"));
      slot.appendChild(button);
      return;
    }
    var wrap = document.createElement("div");
    wrap.className = "pl-copy-link-wrap";
    wrap.appendChild(button);
    var child = item.firstElementChild;
    while (child && !guide.endsItemText(child)) child = child.nextElementSibling;
    item.insertBefore(wrap, child);
  }

  function addButton(element, page, label) {
    if (element.querySelector(":scope > .pl-copy-link, :scope > .pl-copy-link-wrap, " +
        ":scope > .pl-item-tools .checklist-more-link > .pl-copy-link")) return;
    var button = linkButton(page + "#" + element.id, label);
    if (element.nodeName === "LI") addToItem(element, button);
    else element.appendChild(button);
  }

  /* --- Where a link lands ------------------------------------------------------------- */

  // The heading or checklist item the address points at: an old id kept as an alias is an
  // empty element inside it (docs/about/contributing/adding-content.md, "Keeping addresses working").
  function markLanded() {
    document.querySelectorAll(".pl-landed").forEach(function (el) { el.classList.remove("pl-landed"); });
    var id = window.location.hash.slice(1);
    if (!id) return;
    var target;
    try {
      target = document.getElementById(decodeURIComponent(id));
    } catch { // not an id: an address with a stray %
      return;
    }
    var landed = target && target.closest("h1, h2, h3, h4, h5, h6, li.task-list-item");
    if (landed) landed.classList.add("pl-landed");
  }
  window.addEventListener("hashchange", markLanded);

  // Instant navigation makes every link absolute; print.css writes out the address of
  // external links only, so links within the guide are marked here.
  function markIfInternal(link) {
    if (link.protocol === window.location.protocol && link.host === window.location.host) {
      link.classList.add("pl-internal");
    }
  }

  // What the page needs, as small steps, so that it can be done a slice at a time.
  function steps(content) {
    var page = guide.publicAddress();
    var work = [];
    TARGETS.forEach(function (target) {
      content.querySelectorAll(target.selector).forEach(function (element) {
        if (!element.closest(".pl-page-info")) work.push(function () { addButton(element, page, target.label); });
      });
    });
    content.querySelectorAll("a[href]").forEach(function (link) {
      work.push(function () { markIfInternal(link); });
    });
    work.push(function () {
      content.querySelectorAll(".pl-copy-cite").forEach(function (button) {
        button.hidden = false; // hidden until now: without scripts nothing copies
      });
      content.setAttribute("data-pl-links-ready", "");
    });
    return work;
  }

  function pageContent() {
    return document.querySelector(".md-content__inner") || document.querySelector("article");
  }

  // At once (before printing, which needs the internal links marked).
  function enhanceNow() {
    var content = pageContent();
    if (content) steps(content).forEach(function (step) { step(); });
  }

  // While the browser is idle, a slice at a time, so that even a long page on a slow phone
  // never waits for its buttons.
  function whenIdle(callback) {
    if (window.requestIdleCallback) window.requestIdleCallback(callback, { timeout: 2000 });
    else window.setTimeout(callback, 50);
  }
  function enhanceWhenIdle() {
    var content = pageContent();
    if (content) guide.inSlices(steps(content), whenIdle);
  }
  window.addEventListener("beforeprint", enhanceNow);

  // Material copies plain text only. A reference pasted into a word processor should
  // keep its italics, so while Material copies one, the copy event is given its HTML too.
  var copyingAsHtml = null;
  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-pl-copy-html]");
    if (!button) return;
    copyingAsHtml = document.querySelector(button.getAttribute("data-clipboard-target"));
    window.setTimeout(function () { copyingAsHtml = null; }); // Material copies during this click
  }, true);
  document.addEventListener("copy", function (event) {
    if (!copyingAsHtml || !event.clipboardData) return;
    event.clipboardData.setData("text/plain", copyingAsHtml.innerText.trim());
    event.clipboardData.setData("text/html", copyingAsHtml.innerHTML);
    event.preventDefault();
  });

  guide.onEveryPage(markLanded);
  guide.onEveryPage(enhanceWhenIdle);
})();
