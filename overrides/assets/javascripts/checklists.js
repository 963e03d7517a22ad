/*
 * Practice-Led: checklists a reader can tick, annotate, export and print.
 *
 * Progressive enhancement over the task lists of pymdownx.tasklist: without
 * this script a checklist reads as a plain list with empty boxes, each item with
 * its Source disclosure (made by the build). With it, every item that has an id
 * gets a working, labelled checkbox and one "Note and link" disclosure beside its
 * Source (a private note; permalinks.js adds the copy-link button to it), and the
 * toolbar the build wrote above the checklist (overrides/partials/checklist-tools.html:
 * progress, where the ticks are kept, Print, Reset) comes to life; scripts listed after
 * this one bring the rest of it to life (checklist-transfer.js: downloads, import,
 * share) through guide.checklists.
 *
 * Ticks and notes live in this browser's localStorage, keyed by item id
 * (practice-led:tick:<id>, practice-led:note:<id>), so they survive reloads,
 * return visits and content edits that keep ids. Nothing leaves the browser.
 */
(function () {
  "use strict";

  if (window.__practiceLedChecklists) return; // loaded twice: keep the first
  window.__practiceLedChecklists = true;

  var guide = window.guide;
  var PREFIX = "practice-led:";
  var READY = "data-checklist-ready"; // on the page content once its checklist is set up

  /* --- Storage: localStorage, or memory when the browser refuses it ----------- */

  var memory = {};
  var persistent = (function () {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return true;
    } catch {
      return false;
    }
  })();

  function load(key) {
    if (persistent) {
      try {
        return window.localStorage.getItem(key);
      } catch {
        /* fall through to memory */
      }
    }
    return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
  }

  function save(key, value) {
    if (value === null) delete memory[key];
    else memory[key] = value;
    if (!persistent) return;
    try {
      if (value === null) window.localStorage.removeItem(key);
      else window.localStorage.setItem(key, value);
    } catch {
      /* quota or privacy mode: the memory copy keeps this visit working */
    }
  }

  function tickKey(id) { return PREFIX + "tick:" + id; }
  function noteKey(id) { return PREFIX + "note:" + id; }

  /* --- Small DOM helpers ------------------------------------------------------ */

  function make(tag, className, text) {
    var el = document.createElement(tag);
    if (className) el.className = className;
    if (text) el.textContent = text;
    return el;
  }

  function tidy(text) {
    return text.replace(/\s+/g, " ").trim();
  }

  function headingText(heading) {
    var copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink").forEach(function (link) { link.remove(); });
    return tidy(copy.textContent);
  }

  // A citation's button and the full text it opens (citation_controls.py), or a
  // footnote's mark: not part of the words the checkbox is named by.
  function isFootnoteRef(node) {
    if (node.nodeType !== 1) return false;
    if (node.matches(".pl-cite, .pl-cite-full")) return true;
    return node.nodeName === "SUP" && node.querySelector("a.footnote-ref") !== null;
  }

  function isBlank(node) {
    return node.nodeType === 3 && !/\S/.test(node.nodeValue);
  }

  /* --- One checklist item ----------------------------------------------------- */

  function ownControl(li) {
    var labels = li.querySelectorAll("label.task-list-control");
    for (var i = 0; i < labels.length; i++) {
      if (labels[i].closest("li") === li) return labels[i];
    }
    return null;
  }

  // Wrap the item's text (not its footnote markers) in spans the checkbox can
  // name itself by; returns the spans and the node the item's controls go before.
  function wrapText(li, label) {
    var parent = label.parentNode;
    var spans = [];
    var run = null;
    var node = label.nextSibling;
    while (node && !guide.endsItemText(node)) {
      var next = node.nextSibling;
      if (isFootnoteRef(node)) {
        run = null;
      } else if (run || !isBlank(node)) {
        if (!run) {
          run = make("span", "checklist-text");
          run.id = "checklist-text-" + li.id + "-" + spans.length;
          parent.insertBefore(run, node);
          spans.push(run);
        }
        run.appendChild(node);
      }
      node = next;
    }
    // In a loose list the text sits in a <p>: the controls go after that <p>.
    var before = parent === li ? node : parent.nextSibling;
    return { spans: spans, before: before };
  }

  function groupOf(li, content) {
    var block = li;
    while (block.parentElement && block.parentElement !== content) block = block.parentElement;
    for (var el = block.previousElementSibling; el; el = el.previousElementSibling) {
      if (/^H[2-4]$/.test(el.nodeName)) return headingText(el);
    }
    return "";
  }

  // The row under the item's text that holds its controls: the build puts the Source
  // panel there (scripts/practice_led/source_panels.py); an item without one gets a row here.
  function toolsRow(li, before) {
    for (var child = li.firstElementChild; child; child = child.nextElementSibling) {
      if (child.classList.contains("pl-item-tools")) return child;
    }
    var row = make("div", "pl-item-tools");
    (before ? before.parentNode : li).insertBefore(row, before);
    return row;
  }

  // What the Source panel says, as plain text, for the downloads (checklist-transfer.js).
  function sourceOf(row) {
    function text(selector) {
      var el = row.querySelector(".pl-source " + selector);
      if (!el) return "";
      var copy = el.cloneNode(true);
      copy.querySelectorAll("sup, .pl-source-label").forEach(function (part) { part.remove(); });
      return tidy(copy.textContent);
    }
    return {
      citation: text(".pl-source-cite"),
      words: text(".pl-source-words"),
      credit: text(".pl-source-credit"),
      guideNote: text(".pl-source-note")
    };
  }

  // "Note and link": one disclosure for the reader's private note and the item's link.
  function moreBlock(item, row, describedBy) {
    var id = item.id;
    var button = make("button", "checklist-more-toggle");
    button.type = "button";
    button.setAttribute("aria-expanded", "false");
    button.setAttribute("aria-controls", "checklist-more-" + id);
    if (describedBy) button.setAttribute("aria-describedby", describedBy);

    var panel = make("div", "checklist-more-panel");
    panel.id = "checklist-more-" + id;
    panel.hidden = true;
    var label = make("label", "checklist-note-label", "Your private note on this item");
    label.htmlFor = "checklist-note-" + id;
    var area = make("textarea", "checklist-note-text");
    area.id = "checklist-note-" + id;
    area.rows = 3;
    panel.appendChild(label);
    panel.appendChild(area);
    panel.appendChild(make("div", "checklist-more-link")); // permalinks.js puts the copy-link button here

    var printed = make("p", "checklist-note-print");
    printed.setAttribute("aria-hidden", "true");

    row.appendChild(button);
    row.appendChild(panel);
    row.appendChild(printed);

    item.moreButton = button;
    item.morePanel = panel;
    item.noteArea = area;
    item.notePrint = printed;
  }

  function showMore(item, open) {
    item.morePanel.hidden = !open;
    item.moreButton.setAttribute("aria-expanded", open ? "true" : "false");
  }

  function setNote(item, text) {
    item.noteArea.value = text;
    showNoteState(item, text);
  }

  function showNoteState(item, text) {
    item.notePrint.textContent = text.trim();
    item.moreButton.textContent = text.trim() ? "Your note and link" : "Note and link";
  }

  function enhanceItem(li, checklist) {
    var label = ownControl(li);
    var input = label && label.querySelector("input[type=checkbox]");
    if (!input) return null;
    var wrapped = wrapText(li, label);
    var describedBy = wrapped.spans.map(function (span) { return span.id; }).join(" ");
    var row = toolsRow(li, wrapped.before);
    var item = {
      id: li.id,
      li: li,
      input: input,
      text: tidy(wrapped.spans.map(function (span) { return span.textContent; }).join(" ")),
      source: sourceOf(row),
      group: groupOf(li, checklist.content)
    };

    input.disabled = false;
    input.removeAttribute("disabled");
    if (describedBy) input.setAttribute("aria-labelledby", describedBy);
    input.checked = load(tickKey(item.id)) === "1";
    input.addEventListener("change", function () {
      save(tickKey(item.id), input.checked ? "1" : null);
      updateProgress(checklist);
    });

    var summary = row.querySelector(":scope > .pl-source > summary");
    if (summary && describedBy) summary.setAttribute("aria-describedby", describedBy);

    moreBlock(item, row, describedBy);
    var saved = load(noteKey(item.id)) || "";
    setNote(item, saved);
    showMore(item, saved.trim() !== "");
    item.moreButton.addEventListener("click", function () {
      var open = item.morePanel.hidden;
      showMore(item, open);
      if (open) item.noteArea.focus();
    });
    item.morePanel.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      showMore(item, false);
      item.moreButton.focus();
    });
    item.noteArea.addEventListener("input", function () {
      var value = item.noteArea.value;
      save(noteKey(item.id), value.trim() ? value : null);
      showNoteState(item, value);
    });
    return item;
  }

  /* --- Progress, reset ---------------------------------------------------------- */

  function counts(checklist) {
    var done = checklist.items.filter(function (item) { return item.input.checked; }).length;
    return { done: done, total: checklist.items.length };
  }

  function progressText(checklist) {
    var c = counts(checklist);
    return c.done + " of " + c.total + " done";
  }

  function updateProgress(checklist, prefix) {
    checklist.progress.textContent = (prefix || "") + progressText(checklist);
    // checklist-progress.js keeps the count for the pages that link here
    document.dispatchEvent(new CustomEvent("practice-led:checklist-progress", { detail: counts(checklist) }));
  }

  function reset(checklist) {
    checklist.items.forEach(function (item) {
      save(tickKey(item.id), null);
      save(noteKey(item.id), null);
      item.input.checked = false;
      setNote(item, "");
      showMore(item, false);
    });
    updateProgress(checklist, "Ticks and notes cleared. ");
  }

  // Reset asks first, in the page: a browser's own confirm box can be switched off
  // (as on some managed office PCs), and then it answers "no" without asking. Returns
  // the question, for the toolbar to hold.
  function resetQuestion(checklist, open) {
    open.addEventListener("click", function () { show(true); });
    open.setAttribute("aria-expanded", "false");
    var confirm = make("div", "checklist-confirm");
    confirm.id = "checklist-confirm-reset";
    confirm.setAttribute("role", "group");
    confirm.setAttribute("aria-labelledby", "checklist-confirm-question");
    confirm.hidden = true;
    open.setAttribute("aria-controls", confirm.id);
    var question = make("p", "checklist-confirm-question",
      "Clear every tick and note on this checklist? " +
      "This only affects this page, in this browser, and cannot be undone.");
    question.id = "checklist-confirm-question";
    var keep = button("Keep them", "checklist-keep", function () { show(false); });
    var clear = button("Clear ticks and notes", "checklist-reset", function () {
      reset(checklist);
      show(false);
    });
    var choices = make("div", "checklist-actions");
    choices.appendChild(clear);
    choices.appendChild(keep);
    confirm.appendChild(question);
    confirm.appendChild(choices);
    confirm.addEventListener("keydown", function (event) {
      if (event.key === "Escape") show(false);
    });

    function show(asking) {
      confirm.hidden = !asking;
      open.setAttribute("aria-expanded", String(asking));
      (asking ? keep : open).focus(); // the safe choice has the focus
    }
    return confirm;
  }

  /* --- The toolbar ----------------------------------------------------------------- */

  function button(text, className, onClick) {
    var el = make("button", "checklist-button " + className, text);
    el.type = "button";
    el.addEventListener("click", onClick);
    return el;
  }

  // Scripts listed after this one bring more of the toolbar to life through
  // guide.checklists.extend(addTools): addTools(checklist, bar) runs as each toolbar is
  // wired; bar.control(className) is one of its buttons, as the build wrote it, and
  // bar.add(panel) puts a panel under the row of buttons (checklist-transfer.js:
  // downloads, import, share).
  var extensions = [];

  function wireToolbar(checklist) {
    var tools = checklist.tools;
    function control(className) { return tools.querySelector(".checklist-actions > ." + className); }
    if (!persistent) {
      tools.querySelector(".checklist-hint").textContent =
        "This browser is not keeping ticks and notes, so they will be lost when you leave the page. " +
        "Download a copy as JSON first; Import puts it back.";
    }
    control("checklist-print").addEventListener("click", function () { window.print(); });
    control("checklist-print-only").addEventListener("click", function () { guide.printChecklistOnly(); });
    var question = resetQuestion(checklist, control("checklist-reset"));
    tools.appendChild(question);

    // Announced from now on, not as the page opens with the count it had.
    updateProgress(checklist);
    checklist.progress.setAttribute("role", "status");
    checklist.progress.setAttribute("aria-live", "polite");
    checklist.progress.setAttribute("aria-atomic", "true");

    checklist.bar = {
      control: control,
      add: function (panel) { tools.insertBefore(panel, question); }
    };
    extensions.forEach(function (addTools) { addTools(checklist, checklist.bar); });
  }

  var current = null; // the checklist on the page the reader sees
  var begun = null; // the page content whose checklist is being set up, or is set up

  /* --- What other scripts may use ------------------------------------------------------ */

  // Set items' ticks and notes as the reader would, and keep them: values maps an item id
  // to {ticked, note}; items not in it stay as they are.
  function apply(checklist, values) {
    checklist.items.forEach(function (item) {
      var value = values[item.id];
      if (!value) return;
      item.input.checked = value.ticked;
      save(tickKey(item.id), value.ticked ? "1" : null);
      setNote(item, value.note);
      save(noteKey(item.id), value.note.trim() ? value.note : null);
      if (value.note.trim()) showMore(item, true);
    });
    updateProgress(checklist);
  }

  // A checklist, as the scripts that extend it see it: its title, and its items, each with
  // id, text, group, source (the Source panel's words), input (the box) and noteArea.
  // make and button are shared so that added controls look and work like these.
  guide.checklists = {
    extend: function (addTools) {
      extensions.push(addTools);
      if (current && current.content.isConnected) addTools(current, current.bar);
    },
    apply: apply,
    counts: counts,
    make: make,
    button: button
  };

  /* --- Page set-up (once per page, also after instant navigation) ------------------- */

  function setup() {
    var content = document.querySelector("article.md-content__inner") ||
      document.querySelector("[data-md-component=content]") || document.body;
    if (!content || content === begun) return;
    var candidates = content.querySelectorAll("li.task-list-item[id]");
    var tools = content.querySelector(".checklist-tools"); // written by the build
    if (!candidates.length || !tools) return;
    begun = content;

    var h1 = content.querySelector("h1");
    var checklist = {
      content: content,
      title: h1 ? headingText(h1) : tidy(document.title),
      tools: tools,
      progress: tools.querySelector(".checklist-progress"),
      items: []
    };
    var work = Array.prototype.map.call(candidates, function (li) {
      return function () {
        var item = enhanceItem(li, checklist);
        if (item) checklist.items.push(item);
      };
    });
    guide.inSlices(work, guide.inTurn, function () { finish(checklist); });
  }

  function finish(checklist) {
    if (!checklist.items.length || !checklist.content.isConnected) return; // none, or the reader has moved on
    checklist.content.classList.add("checklist-enhanced");
    wireToolbar(checklist);
    current = checklist;
    checklist.content.setAttribute(READY, "");
  }

  // Keep a second tab's changes in step with this one.
  window.addEventListener("storage", function (event) {
    if (!current || !current.content.isConnected || !event.key ||
        event.key.indexOf(PREFIX) !== 0) return;
    current.items.forEach(function (item) {
      if (event.key === tickKey(item.id)) {
        item.input.checked = event.newValue === "1";
      } else if (event.key === noteKey(item.id) && document.activeElement !== item.noteArea) {
        setNote(item, event.newValue || "");
      }
    });
    updateProgress(current);
  });

  guide.onEveryPage(setup);
})();
