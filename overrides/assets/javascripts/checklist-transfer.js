/*
 * Practice-Led: a checklist's ticks and notes that travel, to another browser or device
 * and to other people: Download (JSON to import again, Markdown to read, CSV for a
 * spreadsheet), Import of a JSON download, and Share (the phone's share sheet, or copy
 * and email).
 *
 * Brings the toolbar's Download, Import and Share buttons (written by the build) to life and
 * adds their panels, through guide.checklists. Every download
 * and summary names the page's public address (guide.publicAddress), also in a copy opened
 * from a folder, and reads without item ids; only the JSON download keeps them, to restore by.
 * Import never replaces what this browser has saved without asking, and refuses a file it
 * cannot restore from, saying why and changing nothing. Nothing leaves the browser: files
 * are read and made here; a summary goes only where the reader sends it.
 */
(function () {
  "use strict";

  if (window.__practiceLedChecklistTransfer) return; // loaded twice: keep the first
  window.__practiceLedChecklistTransfer = true;

  var guide = window.guide;
  var checklists = guide.checklists;
  if (!checklists) return; // checklists.js did not run: no toolbar to add to
  var make = checklists.make;
  var button = checklists.button;
  var today = guide.today;
  var inWords = guide.inWords;

  var FORMAT = "practice-led-checklist";
  var FORMAT_VERSION = 1;

  /* --- The answers, as downloads and summaries hold them ---------------------------------- */

  // A checklist's version: a short fingerprint of its item ids, which ticks and notes are
  // kept by. It changes when an item is added, removed or given a new id, not when an
  // item's wording is improved (its id, and so its published link, stays).
  function versionOf(ids) {
    var text = ids.slice().sort().join(" ");
    var hash = 0x811c9dc5; // FNV-1a, 32 bits
    for (var i = 0; i < text.length; i++) {
      hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193) >>> 0;
    }
    return ("0000000" + hash.toString(16)).slice(-8);
  }

  function idsOf(checklist) {
    return checklist.items.map(function (item) { return item.id; });
  }

  function noteOf(item) {
    var note = item.noteArea.value;
    return note.trim() ? note : "";
  }

  function snapshot(checklist) {
    var progress = checklists.counts(checklist);
    return {
      date: today(),
      title: checklist.title,
      address: guide.publicAddress(),
      path: guide.pagePath(),
      version: versionOf(idsOf(checklist)),
      progress: progress.done + " of " + progress.total + " ticked",
      done: progress.done,
      total: progress.total,
      items: checklist.items.map(function (item) {
        return {
          id: item.id,
          text: item.text,
          citation: item.source.citation,
          group: item.group,
          ticked: item.input.checked,
          note: noteOf(item).trim(),
          words: item.source.words,
          credit: item.source.credit,
          guideNote: item.source.guideNote
        };
      })
    };
  }

  function withCitation(item) {
    return item.citation ? item.text + " " + item.citation : item.text;
  }

  function toJson(data) {
    return JSON.stringify({
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      about: "Ticks and notes from a checklist of the guide Practice-Led. " +
        "To restore them, open the checklist's page and choose Import.",
      title: data.title,
      page: data.path,
      address: data.address,
      checklistVersion: data.version,
      date: data.date,
      progress: { done: data.done, total: data.total },
      items: data.items.map(function (item) {
        return { id: item.id, section: item.group, text: item.text, ticked: item.ticked, note: item.note };
      })
    }, null, 2) + "\n";
  }

  // Without item ids: the page's address leads to every item, and a reader has no use for them.
  function toMarkdown(data) {
    var lines = [
      "# " + data.title, "",
      "- Date: " + data.date,
      "- Page: <" + data.address + ">",
      "- Progress: " + data.progress
    ];
    var group = null;
    data.items.forEach(function (item) {
      if (item.group !== group) {
        group = item.group;
        if (group) lines.push("", "## " + group);
        lines.push("");
      }
      lines.push("- [" + (item.ticked ? "x" : " ") + "] " + withCitation(item));
      if (item.words) lines.push("    - Source words: " + item.words, "    - Source credit: " + item.credit);
      if (item.guideNote) lines.push("    - Guide's note: " + item.guideNote);
      if (item.note) lines.push("    - Note: " + item.note.split(/\r?\n/).join("\n      "));
    });
    return lines.join("\n") + "\n";
  }

  function csvCell(value) {
    var text = String(value);
    // A leading =, +, - or @ would run as a formula in a spreadsheet.
    if (/^[=+\-@\t\r]/.test(text)) text = "'" + text;
    return "\"" + text.replace(/"/g, "\"\"") + "\"";
  }

  // Each item's link comes last: it tells rows apart across downloads without an id to read.
  function toCsv(data) {
    var rows = [["Date", "Checklist", "Page", "Section", "Item", "Done", "Note",
      "Source words", "Source credit", "Guide's note", "Item link"]];
    data.items.forEach(function (item) {
      rows.push([data.date, data.title, data.address, item.group, withCitation(item),
        item.ticked ? "yes" : "no", item.note, item.words, item.credit, item.guideNote,
        data.address + "#" + item.id]);
    });
    // A byte-order mark so spreadsheet programs read the file as UTF-8.
    return "\ufeff" + rows.map(function (row) { return row.map(csvCell).join(","); }).join("\r\n") + "\r\n";
  }

  // What Share sends: readable on a phone, without ids or the sources' words.
  function summary(checklist, withAddress) {
    var data = snapshot(checklist);
    var lines = [data.title, inWords(data.date) + ": " + data.progress];
    function add(heading, ticked, mark) {
      var items = data.items.filter(function (item) { return item.ticked === ticked; });
      if (!items.length) return;
      lines.push("", heading);
      items.forEach(function (item) {
        lines.push(mark + " " + item.text);
        if (item.note) lines.push("  Note: " + item.note.split(/\r?\n/).join("\n  "));
      });
    }
    add("Ticked:", true, "✓");
    add("Not ticked yet:", false, "☐");
    if (withAddress) lines.push("", data.address);
    return lines.join("\n");
  }

  function slug(path) {
    var parts = path.split("/").filter(Boolean);
    var last = parts.length ? parts[parts.length - 1].replace(/\.html$/, "") : "";
    return /^[a-z0-9-]+$/i.test(last) ? last : "checklist";
  }

  function download(name, type, text) {
    var url = URL.createObjectURL(new Blob([text], { type: type }));
    var link = make("a");
    link.href = url;
    link.download = name;
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  /* --- Reading a file back ------------------------------------------------------------- */

  // Import reads the JSON download only: it names the guide, the checklist and its version,
  // so a file is checked before anything changes. Markdown and CSV are for reading and for
  // spreadsheets, which rewrite them when they save (quotes, dates, the mark before a note
  // that looks like a formula, the character set), so they cannot be read back reliably.
  function problem(text) {
    return { problem: text };
  }

  function isItem(entry) {
    return entry && typeof entry.id === "string" && typeof entry.ticked === "boolean" &&
      (entry.note === undefined || typeof entry.note === "string") &&
      (entry.text === undefined || typeof entry.text === "string");
  }

  function readAnswers(text, name) {
    var data = null;
    try {
      data = JSON.parse(text.replace(/^\ufeff/, ""));
    } catch {
      /* not JSON: said below */
    }
    var asJson = "Choose the file you saved with \u201cDownload as JSON\u201d; its name ends in .json.";
    if (!data || typeof data !== "object") {
      var kind = /\.(md|markdown|csv)$/i.exec(name);
      if (kind) {
        return problem("\u201c" + name + "\u201d is a " + (/csv/i.test(kind[1]) ? "CSV" : "Markdown") +
          " download, which is for reading, not for importing. Nothing has changed. " + asJson);
      }
      return problem("\u201c" + name + "\u201d is not a checklist download from this guide, so nothing has changed. " + asJson);
    }
    if (data.format !== FORMAT) {
      return problem("\u201c" + name + "\u201d is not a checklist download from this guide: it does not say it comes " +
        "from Practice-Led. Nothing has changed. " + asJson);
    }
    if (typeof data.formatVersion === "number" && data.formatVersion > FORMAT_VERSION) {
      return problem("\u201c" + name + "\u201d was made by a newer version of the guide than this page. Nothing has changed. " +
        "Reload the page, or get a newer offline copy, then import the file again.");
    }
    if (data.formatVersion !== FORMAT_VERSION || typeof data.page !== "string" ||
        !Array.isArray(data.items) || !data.items.every(isItem)) {
      return problem("\u201c" + name + "\u201d is damaged: its ticks and notes cannot be read, so nothing has changed. " +
        "Download it again, as JSON, in the browser where you ticked the checklist.");
    }
    if (data.page !== guide.pagePath()) {
      var title = typeof data.title === "string" && data.title ? "\u201c" + data.title + "\u201d" : "another page";
      return problem("\u201c" + name + "\u201d holds ticks and notes for another checklist, " + title +
        ", not this one. Nothing has changed. Open that checklist and import the file there.");
    }
    return { file: data };
  }

  /* --- What an import would change ------------------------------------------------------ */

  function state(ticked, note) {
    return { ticked: ticked, note: note && note.trim() ? note : "" };
  }

  function compare(checklist, file) {
    var inFile = {};
    file.items.forEach(function (entry) { inFile[entry.id] = entry; });
    var onPage = {};
    var result = {
      file: file,
      otherVersion: file.checklistVersion !== versionOf(idsOf(checklist)),
      saved: false,
      pairs: [],    // items on the page and in the file: {item, mine, theirs}
      changes: [],  // the pairs that differ
      absent: [],   // items on the page, not in the file
      missing: []   // entries of the file for items the page no longer has
    };
    checklist.items.forEach(function (item) {
      onPage[item.id] = true;
      var mine = state(item.input.checked, noteOf(item));
      if (mine.ticked || mine.note) result.saved = true;
      var entry = inFile[item.id];
      if (!entry) {
        result.absent.push(item);
        return;
      }
      var pair = { item: item, mine: mine, theirs: state(entry.ticked, entry.note) };
      result.pairs.push(pair);
      if (pair.mine.ticked !== pair.theirs.ticked || pair.mine.note.trim() !== pair.theirs.note.trim()) {
        result.changes.push(pair);
      }
    });
    result.missing = file.items.filter(function (entry) { return !onPage[entry.id]; });
    return result;
  }

  // Merging loses nothing: ticked if either is; notes that differ are both kept, the file's
  // after this browser's, under a line that says where it came from.
  function mergeNotes(mine, theirs, date) {
    var a = mine.trim();
    var b = theirs.trim();
    if (!b || a.indexOf(b) !== -1) return mine;
    if (!a || b.indexOf(a) !== -1) return theirs;
    return a + "\n\nFrom the file saved on " + inWords(date) + ":\n" + b;
  }

  function valuesFor(comparison, choice) {
    var values = {};
    comparison.pairs.forEach(function (pair) {
      values[pair.item.id] = choice === "merge"
        ? state(pair.mine.ticked || pair.theirs.ticked, mergeNotes(pair.mine.note, pair.theirs.note, comparison.file.date))
        : pair.theirs;
    });
    return values;
  }

  function describe(value) {
    return (value.ticked ? "ticked" : "not ticked") + ", " +
      (value.note ? "note: \u201c" + value.note.trim() + "\u201d" : "no note");
  }

  function count(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  /* --- The page's side: the import dialog and messages ------------------------------------- */

  function textList(className, entries, line) {
    var list = make("ul", className);
    entries.forEach(function (entry) { list.appendChild(make("li", "", line(entry))); });
    return list;
  }

  function missingList(comparison) {
    return textList("checklist-import-missing", comparison.missing, function (entry) {
      return (entry.text || "An item without its text") + " (in the file: " + describe(state(entry.ticked, entry.note)) + ")";
    });
  }

  function versionNotes(comparison, into) {
    if (!comparison.otherVersion) return;
    if (comparison.missing.length) {
      into.appendChild(make("p", "", "The file was saved from an earlier or different version of this checklist. " +
        "This page no longer has " + count(comparison.missing.length, "item", "items") +
        " of it, so " + (comparison.missing.length === 1 ? "its tick and note" : "their ticks and notes") +
        " cannot be restored here; the file still holds them:"));
      into.appendChild(missingList(comparison));
    } else {
      into.appendChild(make("p", "", "The file was saved from an earlier or different version of this checklist."));
    }
    if (comparison.absent.length) {
      into.appendChild(make("p", "", count(comparison.absent.length, "item", "items") +
        " on this page " + (comparison.absent.length === 1 ? "is" : "are") + " not in the file; " +
        (comparison.absent.length === 1 ? "it stays" : "they stay") + " as " + (comparison.absent.length === 1 ? "it is" : "they are") + "."));
    }
  }

  function changeList(comparison) {
    var list = make("ul", "checklist-import-changes");
    comparison.changes.forEach(function (pair) {
      var entry = make("li");
      entry.appendChild(make("p", "checklist-import-item", pair.item.text));
      entry.appendChild(make("p", "", "In this browser now: " + describe(pair.mine) + "."));
      entry.appendChild(make("p", "", "In the file: " + describe(pair.theirs) + "."));
      list.appendChild(entry);
    });
    return list;
  }

  function importer(checklist, bar) {
    var status = make("div", "checklist-transfer-status");
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");
    var picker = make("input");
    picker.type = "file";
    picker.accept = ".json,application/json";
    picker.hidden = true;
    picker.setAttribute("aria-label", "A checklist download (JSON) to import");
    var control = bar.control("checklist-import");
    control.addEventListener("click", function () { picker.click(); });
    var panel = make("div", "checklist-transfer-import");
    panel.appendChild(picker);
    panel.appendChild(status);

    function say(text, isProblem, extra) {
      status.textContent = "";
      status.classList.toggle("checklist-transfer-problem", Boolean(isProblem));
      status.appendChild(make("p", "", text));
      if (extra) status.appendChild(extra);
    }

    function notMissing(comparison, text) {
      if (!comparison.missing.length) return say(text);
      say(text + " " + count(comparison.missing.length, "item", "items") + " in the file " +
        (comparison.missing.length === 1 ? "is" : "are") + " no longer on this page; the file still holds " +
        (comparison.missing.length === 1 ? "it" : "them") + ":", false, missingList(comparison));
    }

    function restore(comparison, choice, name, message) {
      checklists.apply(checklist, valuesFor(comparison, choice));
      var n = count(comparison.changes.length, "item", "items");
      notMissing(comparison, message || (choice === "merge"
        ? "Merged \u201c" + name + "\u201d with this browser's ticks and notes: " + n + " changed, and no tick or note was lost."
        : "Took the ticks and notes of \u201c" + name + "\u201d for " + n + "."));
    }

    function ask(comparison, name) {
      var dialog = make("dialog", "checklist-import-dialog");
      dialog.id = "checklist-import-dialog";
      dialog.setAttribute("aria-labelledby", "checklist-import-title");
      dialog.setAttribute("aria-describedby", "checklist-import-intro");
      var title = make("h2", "checklist-import-title", "Import \u201c" + name + "\u201d?");
      title.id = "checklist-import-title";
      title.tabIndex = -1;
      dialog.appendChild(title);
      var intro = make("p", "", "The file was saved on " + inWords(comparison.file.date) + ". " +
        (comparison.saved
          ? "It differs from what this browser has saved for " + count(comparison.changes.length, "item", "items") + "."
          : "This browser has no ticks or notes saved for this checklist.") +
        " Nothing changes until you choose.");
      intro.id = "checklist-import-intro";
      dialog.appendChild(intro);
      versionNotes(comparison, dialog);
      dialog.appendChild(make("h3", "", "What would change"));
      dialog.appendChild(changeList(comparison));

      var chosen = null;
      var choices = make("div", "checklist-actions");
      function choice(text, value) {
        choices.appendChild(button(text, "checklist-import-" + value, function () {
          chosen = value;
          dialog.close();
        }));
      }
      if (comparison.saved) {
        dialog.appendChild(make("p", "checklist-import-explain",
          "Keep mine: change nothing. Take the file's: the file's ticks and notes replace this browser's. " +
          "Merge both: an item is ticked if either has it ticked, and where the notes differ both are kept, " +
          "the file's after yours."));
        choice("Keep mine", "keep");
        choice("Take the file's", "take");
        choice("Merge both", "merge");
      } else {
        choice("Restore from the file", "take");
        choice("Cancel", "keep");
      }
      dialog.appendChild(choices);

      // Escape, or a choice: the dialog closes, and focus goes back to Import.
      dialog.addEventListener("close", function () {
        dialog.remove();
        control.focus();
        if (chosen === "take" || chosen === "merge") restore(comparison, chosen, name);
        else say((comparison.saved ? "Kept the ticks and notes in this browser: nothing" : "Nothing") +
          " was imported from \u201c" + name + "\u201d.");
      });
      panel.appendChild(dialog);
      dialog.showModal();
      title.focus(); // reading starts at the top; no choice is made by pressing Enter
    }

    function take(text, name) {
      var read = readAnswers(text, name);
      if (read.problem) return say(read.problem, true);
      var comparison = compare(checklist, read.file);
      if (!comparison.changes.length) {
        return notMissing(comparison, "\u201c" + name + "\u201d has the same ticks and notes as this browser: nothing to change.");
      }
      if (comparison.saved || comparison.otherVersion) return ask(comparison, name);
      restore(comparison, "take", name, "Restored the ticks and notes of \u201c" + name + "\u201d (saved on " +
        inWords(read.file.date) + ") for " + count(comparison.changes.length, "item", "items") +
        ". Nothing was saved in this browser for this checklist, so nothing was replaced.");
    }

    picker.addEventListener("change", function () {
      var file = picker.files && picker.files[0];
      picker.value = ""; // the same file can be chosen again
      if (!file) return;
      file.text().then(function (text) { take(text, file.name); }, function () {
        say("\u201c" + file.name + "\u201d could not be read, so nothing has changed. Try again, or choose another copy.", true);
      });
    });
    return panel;
  }

  /* --- Download and Share: a button that opens a few choices ------------------------------- */

  // The toolbar's button toggle (as the build wrote it) opens panel; instead(), if given,
  // may act in place of opening the panel, and then says so (true). Returns show(open).
  function disclosure(toggle, panel, instead) {
    toggle.addEventListener("click", function () {
      if (!(panel.hidden && instead && instead())) show(panel.hidden);
    });
    toggle.setAttribute("aria-expanded", "false");
    toggle.setAttribute("aria-controls", panel.id);
    panel.hidden = true;
    panel.addEventListener("keydown", function (event) {
      if (event.key !== "Escape") return;
      show(false);
      toggle.focus();
    });
    function show(open) {
      panel.hidden = !open;
      toggle.setAttribute("aria-expanded", String(open));
      if (open) panel.querySelector("button, a").focus();
    }
    return show;
  }

  function downloads(checklist, bar) {
    var panel = make("div", "checklist-transfer-panel");
    panel.id = "checklist-downloads";
    panel.appendChild(make("p", "", "JSON keeps every tick and note to import again, here or on another device. " +
      "Markdown reads well in any text editor; CSV opens in a spreadsheet."));
    var choices = make("div", "checklist-actions");
    [
      { name: "JSON", extension: "json", type: "application/json", write: toJson },
      { name: "Markdown", extension: "md", type: "text/markdown", write: toMarkdown },
      { name: "CSV", extension: "csv", type: "text/csv", write: toCsv }
    ].forEach(function (kind) {
      var className = "checklist-" + kind.name.toLowerCase(); // checklist-markdown, -csv as before
      choices.appendChild(button("Download as " + kind.name, className, function () {
        var data = snapshot(checklist);
        download(slug(data.path) + "-" + data.date + "." + kind.extension, kind.type + ";charset=utf-8", kind.write(data));
      }));
    });
    panel.appendChild(choices);
    disclosure(bar.control("checklist-download"), panel);
    return panel;
  }

  function sharing(checklist, bar) {
    var panel = make("div", "checklist-transfer-panel");
    panel.id = "checklist-share";
    panel.appendChild(make("p", "", "Send a summary of your ticks and notes, with the checklist's address."));
    var choices = make("div", "checklist-actions");
    var copy = button("Copy summary", "checklist-copy-summary", function () {
      var text = summary(checklist, true);
      copy.setAttribute("data-clipboard-text", text); // Material copies it, and says so
      if (!window.document$ && navigator.clipboard) navigator.clipboard.writeText(text); // without Material
    });
    var email = make("a", "checklist-button checklist-email", "Email summary");
    email.href = "mailto:";
    email.addEventListener("click", function () {
      email.href = "mailto:?subject=" + encodeURIComponent(checklist.title + ": checklist, " + inWords(today())) +
        "&body=" + encodeURIComponent(summary(checklist, true).replace(/\n/g, "\r\n"));
    });
    choices.appendChild(copy);
    choices.appendChild(email);
    panel.appendChild(choices);

    // The phone's own share sheet where the browser has one; the choices here otherwise.
    var showChoices = disclosure(bar.control("checklist-share"), panel, function () {
      if (typeof navigator.share !== "function") return false;
      navigator.share({ title: checklist.title, text: summary(checklist, false), url: guide.publicAddress() })
        .catch(function (error) {
          if (!error || error.name !== "AbortError") showChoices(true);
        });
      return true;
    });
    return panel;
  }

  checklists.extend(function (checklist, bar) {
    [downloads(checklist, bar), importer(checklist, bar), sharing(checklist, bar)].forEach(bar.add);
  });
})();
