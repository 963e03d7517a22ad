/*
 * Practice-Led: a reader's progress on each checklist, shown wherever the guide links to
 * it, and "Print checklist only".
 *
 * Progress. checklists.js announces the count of ticks on its page whenever it changes and
 * when the page is set up (event "practice-led:checklist-progress" on document, detail
 * {done, total}). This file keeps it in localStorage as
 *   practice-led:progress:<page path from the site root, e.g. checklists/access-and-support/>
 *   = {"done": n, "total": m, "updated": "YYYY-MM-DD"}
 * ("updated" is the day the count last changed), and removes it when nothing is ticked, so
 * a checklist never started, or reset, has no summary. On every page, a link in the content
 * to a checklist with a summary (the page itself, or its #the-checklist) gets
 * "(n of m ticked)" after it. Links are found by where they lead, not by their markup: online,
 * under instant navigation and in the offline copy (file://, pages as .../name.html).
 *
 * "Print checklist only" (a button checklists.js puts in its toolbar) prints the title, the
 * date, the progress, the items with their boxes and notes, and ruled lines for actions,
 * owners and dates: print.css hides the rest while <html> has the class
 * pl-print-checklist-only, which is there only from the click until the print is over.
 */
(function () {
  "use strict";

  var guide = window.guide;
  if (guide.printChecklistOnly) return; // loaded twice: keep the first
  var today = guide.today;

  var KEY = "practice-led:progress:";
  var ONLY = "pl-print-checklist-only";
  var KEEP = "data-pl-print-keep";
  var ACTION_ROWS = 5;

  // The site's root: this script is served from <root>/assets/javascripts/, whichever page
  // loaded it; failing that, the base address Material gives the first page.
  var root = (function () {
    var src = document.currentScript && document.currentScript.src;
    var at = src ? src.lastIndexOf("/assets/javascripts/") : -1;
    if (at >= 0) return src.slice(0, at + 1);
    var config = document.getElementById("__config");
    try {
      return new URL(JSON.parse(config.textContent).base + "/", window.location.href).href;
    } catch {
      return new URL("./", window.location.href).href;
    }
  })();

  /* --- Where a link leads --------------------------------------------------------- */

  // The page path from the site root that an address leads to, the same online
  // (checklists/tokenism-review/) and offline (checklists/tokenism-review.html), or null
  // for an address outside the site.
  function pagePath(url) {
    var address = url.href.split("#")[0].split("?")[0];
    if (address.indexOf(root) !== 0) return null;
    return address.slice(root.length).replace(/(^|\/)index\.html$/, "$1").replace(/\.html$/, "/");
  }

  function here() {
    return pagePath(new URL(window.location.href));
  }

  /* --- The saved summaries ---------------------------------------------------------- */

  function store() {
    try {
      return window.localStorage;
    } catch {
      return null; // storage switched off: no summaries, and nothing breaks
    }
  }

  function parse(text) {
    var summary;
    try {
      summary = JSON.parse(text);
    } catch {
      return null;
    }
    var whole = summary && Number.isInteger(summary.done) && Number.isInteger(summary.total);
    return whole && summary.done > 0 && summary.done <= summary.total ? summary : null;
  }

  function savedSummaries() {
    var found = {};
    var storage = store();
    if (!storage) return found;
    try {
      for (var i = 0; i < storage.length; i++) {
        var key = storage.key(i);
        if (key && key.indexOf(KEY) === 0) {
          var summary = parse(storage.getItem(key));
          if (summary) found[key.slice(KEY.length)] = summary;
        }
      }
    } catch {
      /* a browser refusing storage part way: show what was read */
    }
    return found;
  }

  function record(count) {
    var storage = store();
    var path = here();
    if (!storage || path === null) return;
    var key = KEY + path;
    try {
      if (!count.done) {
        storage.removeItem(key);
        return;
      }
      var before = parse(storage.getItem(key));
      var same = before && before.done === count.done && before.total === count.total;
      storage.setItem(key, JSON.stringify({
        done: count.done, total: count.total, updated: same ? before.updated : today()
      }));
    } catch {
      /* quota or privacy mode: the checklist itself keeps working */
    }
  }

  document.addEventListener("practice-led:checklist-progress", function (event) {
    record(event.detail);
  });

  /* --- Progress beside the links ------------------------------------------------------ */

  function ticked(summary) {
    return summary.done + " of " + summary.total + " ticked";
  }

  function showProgress(content) {
    var summaries = savedSummaries();
    if (!Object.keys(summaries).length) return; // the usual case: nothing to look for
    var current = here();
    var links = content.querySelectorAll("a[href]:not(.headerlink):not(.footnote-ref)");
    for (var i = 0; i < links.length; i++) {
      var url = new URL(links[i].getAttribute("href"), window.location.href);
      if (url.hash && url.hash !== "#the-checklist") continue; // an item or a section: not the whole
      var path = pagePath(url);
      var summary = path !== null && path !== current && summaries[path];
      if (!summary) continue;
      var note = document.createElement("span");
      note.className = "pl-link-progress";
      note.textContent = "(" + ticked(summary) + ")";
      links[i].after(" ", note);
    }
  }

  /* --- Print checklist only -------------------------------------------------------------- */

  function topBlock(el, content) {
    while (el.parentElement && el.parentElement !== content) el = el.parentElement;
    return el;
  }

  // Marks what the sheet shows, the title, each list of items and the heading of its group,
  // and puts the date and progress under the title and the ruled lines after the last item.
  function prepare(content, items) {
    var make = guide.checklists.make;
    content.querySelectorAll("[" + KEEP + "]").forEach(function (el) { el.removeAttribute(KEEP); });
    content.querySelectorAll(".pl-print-only-part").forEach(function (el) { el.remove(); });

    var title = content.querySelector("h1");
    var last = null;
    items.forEach(function (item) {
      var block = topBlock(item, content);
      if (block === last) return;
      block.setAttribute(KEEP, "");
      var heading = block.previousElementSibling;
      if (heading && /^H[2-4]$/.test(heading.nodeName)) heading.setAttribute(KEEP, "");
      last = block;
    });

    var count = {
      done: items.filter(function (item) { return item.querySelector("input:checked") !== null; }).length,
      total: items.length
    };
    var head = make("p", "pl-print-only-part pl-print-only-head",
      ticked(count) + " · printed " + guide.inWords(today()) + " · " + guide.publicAddress());
    head.setAttribute(KEEP, "");
    if (title) {
      title.setAttribute(KEEP, "");
      title.after(head);
    } else {
      content.prepend(head);
    }

    var actions = make("table", "pl-print-only-part pl-print-only-actions");
    actions.setAttribute(KEEP, "");
    var row = make("tr");
    ["Action", "Owner", "By when"].forEach(function (name) { row.appendChild(make("th", "", name)); });
    actions.appendChild(make("thead")).appendChild(row);
    var body = actions.appendChild(make("tbody"));
    for (var r = 0; r < ACTION_ROWS; r++) {
      row = body.appendChild(make("tr"));
      for (var c = 0; c < 3; c++) row.appendChild(make("td"));
    }
    last.after(actions);
  }

  function finish() {
    document.documentElement.classList.remove(ONLY);
  }

  function printChecklistOnly() {
    var content = document.querySelector("article.md-content__inner.checklist-enhanced");
    var items = content ? Array.prototype.slice.call(content.querySelectorAll("li.task-list-item[id]")) : [];
    if (!items.length) {
      window.print();
      return;
    }
    prepare(content, items);
    document.documentElement.classList.add(ONLY);
    window.addEventListener("afterprint", finish, { once: true });
    window.print();
  }

  guide.printChecklistOnly = printChecklistOnly;

  function showProgressOnce() {
    var content = document.querySelector("article.md-content__inner");
    if (!content || content.hasAttribute("data-pl-progress-shown")) return;
    content.setAttribute("data-pl-progress-shown", "");
    showProgress(content);
  }

  // The page's text is already there when this script runs (it comes after it): showing the
  // progress now, not once the page is ready, keeps the text from moving after it is first
  // shown, as it would on a slow phone. A page instant navigation brings in is set up before
  // it is shown.
  showProgressOnce();

  guide.onEveryPage(function () {
    finish(); // a print that never reported its end does not carry over to the next page
    showProgressOnce();
  });
})();
