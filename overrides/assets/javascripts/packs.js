/*
 * Practice-Led: course packs (docs/trainers/packs.md; the catalogue comes from the build,
 * scripts/practice_led/packs.py).
 *
 * Each link of the catalogue with a data-pl-pack key (a page's address within the guide,
 * or a checklist item's id) has a box to tick before it, and the panel its controls, both
 * written by the build so that the page does not move as this sets up; what is ticked is
 * added to the end of the pack, which can be reordered. The choice is kept in the page's
 * address (?pack=key,key), so the address shared rebuilds the same pack. Online, each chosen
 * page is fetched from the guide itself (same origin) and its article put into the pack, in
 * order, ready to print; from a folder (file://) a page cannot fetch another, so the pack
 * lists its parts as links to open and print, with the print versions of their sections.
 * Makes no request to any other host, and stores nothing.
 */
(function () {
  "use strict";

  var PARAMETER = "pack";
  // What a fetched page's article holds that a printed pack does not need.
  var DROP = ".pl-page-info, .md-content__button, .md-source-file, .headerlink, script, " +
    ".pl-pack, .pl-pack-output";

  /* --- The catalogue ---------------------------------------------------------------- */

  function readCatalogue(catalogue) {
    var entries = {};
    catalogue.querySelectorAll("a[data-pl-pack]").forEach(function (link) {
      var key = link.getAttribute("data-pl-pack");
      var parent = link.parentElement.parentElement.closest("li");
      var page = parent && parent.querySelector(":scope > a[data-pl-pack]");
      var words = link.textContent.replace(/\s+/g, " ").trim();
      entries[key] = {
        key: key,
        link: link,
        box: link.previousElementSibling,
        href: link.href,
        words: words,
        page: page ? page.getAttribute("data-pl-pack") : key,
        pageTitle: page ? page.textContent.trim() : words,
        print: printVersion(link)
      };
    });
    return entries;
  }

  // The print version of the section a link is in, if the section has one.
  function printVersion(link) {
    var node = link.closest(".pl-pack-catalogue > ul");
    while (node && !(node.matches("p") && node.querySelector(".pl-pack-print"))) {
      if (node.matches("p.pl-pack-group")) return null;
      node = node.nextElementSibling;
    }
    var print = node && node.querySelector(".pl-pack-print");
    return print ? { href: print.href, title: node.textContent.trim() } : null;
  }

  function title(entry) {
    return entry.page === entry.key ? entry.words : entry.pageTitle + ": " + entry.words;
  }

  /* --- Addresses --------------------------------------------------------------------- */

  function publicAddress(site, entry) {
    return entry.page === entry.key ? site + entry.key : site + entry.page + "#" + entry.key;
  }

  function chosenInAddress() {
    var value = new URLSearchParams(window.location.search).get(PARAMETER);
    return value ? value.split(",").filter(Boolean) : [];
  }

  function withChoice(base, keys) {
    return keys.length ? base + "?" + PARAMETER + "=" + keys.join(",") : base;
  }

  /* --- Link lists ------------------------------------------------------------------- */

  function escapeHtml(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
  }

  function linkLists(links) {
    return {
      text: links.map(function (l) { return l.title + "\n" + l.url; }).join("\n\n"),
      markdown: links.map(function (l) {
        return "- [" + l.title.replace(/([\\[\]])/g, "\\$1") + "](" + l.url + ")";
      }).join("\n"),
      html: links.length ? "<ul>\n" + links.map(function (l) {
        return '  <li><a href="' + escapeHtml(l.url) + '">' + escapeHtml(l.title) + "</a></li>";
      }).join("\n") + "\n</ul>" : ""
    };
  }

  /* --- Assembling the pack ------------------------------------------------------------ */

  var fetched = {};
  function fetchPage(href) {
    var url = href.split("#")[0];
    if (!fetched[url]) {
      fetched[url] = window.fetch(url, { credentials: "same-origin" }).then(function (response) {
        if (!response.ok) throw new Error(url + " answered " + response.status);
        return response.text();
      }).then(function (text) {
        return new DOMParser().parseFromString(text, "text/html");
      });
      fetched[url].catch(function () { delete fetched[url]; }); // try again next time
    }
    return fetched[url];
  }

  // A part's ids get a prefix, so they stay unique on the pack page; links within its page
  // stay within the part, others point at the page they came from.
  function prepare(node, pageUrl, prefix) {
    node.querySelectorAll(DROP).forEach(function (el) { el.remove(); });
    var own = {};
    node.querySelectorAll("[id]").forEach(function (el) { own[el.id] = true; });
    if (node.id) own[node.id] = true;
    [node].concat(Array.prototype.slice.call(node.querySelectorAll("*"))).forEach(function (el) {
      if (el.id) el.id = prefix + el.id;
      ["for", "aria-labelledby", "aria-describedby", "aria-controls", "popovertarget"].forEach(function (name) {
        var value = el.getAttribute(name);
        if (value) el.setAttribute(name, value.split(/\s+/).map(function (id) {
          return own[id] ? prefix + id : id;
        }).join(" "));
      });
      ["href", "src"].forEach(function (name) {
        var value = el.getAttribute(name);
        if (value === null) return;
        if (name === "href" && value.charAt(0) === "#" && own[value.slice(1)]) {
          el.setAttribute(name, "#" + prefix + value.slice(1));
        } else {
          el.setAttribute(name, new URL(value, pageUrl).href);
        }
      });
    });
    // Checklist boxes print empty, as the section print versions have them, and each
    // item shows its source.
    node.querySelectorAll("ul.task-list").forEach(function (list) {
      list.classList.replace("task-list", "pl-print-tasks");
    });
    var items = Array.prototype.slice.call(node.querySelectorAll("li.task-list-item"));
    if (node.matches("li.task-list-item")) items.push(node); // a single item
    items.forEach(function (item) {
      item.classList.replace("task-list-item", "pl-print-task");
      var control = item.querySelector(":scope > label.task-list-control");
      if (control) {
        var box = document.createElement("span");
        box.className = "pl-print-box";
        box.setAttribute("aria-hidden", "true");
        control.replaceWith(box);
      }
    });
    node.querySelectorAll("details.pl-source").forEach(function (details) { details.open = true; });
    // One level down: the pack's own parts are under the pack page's headings.
    for (var level = 5; level >= 1; level--) {
      node.querySelectorAll("h" + level).forEach(function (heading) {
        var lower = document.createElement("h" + (level + 1));
        Array.prototype.forEach.call(heading.attributes, function (a) { lower.setAttribute(a.name, a.value); });
        while (heading.firstChild) lower.appendChild(heading.firstChild);
        heading.replaceWith(lower);
      });
    }
    return node;
  }

  function addressLine(url) {
    var line = document.createElement("p");
    line.className = "pl-print-address";
    line.textContent = "Online: " + url;
    return line;
  }

  function pagePart(doc, entry, address, n) {
    var article = doc.querySelector(".md-content__inner") || doc.querySelector("article");
    if (!article) throw new Error(entry.href + " has no article");
    var part = document.createElement("section");
    part.className = "pl-pack-part pl-pack-page";
    Array.prototype.forEach.call(article.cloneNode(true).childNodes, function (child) {
      part.appendChild(document.importNode(child, true));
    });
    prepare(part, entry.href, "pack" + n + "-");
    part.appendChild(addressLine(address));
    return part;
  }

  function itemPart(doc, entry, previous, address, n) {
    var item = doc.getElementById(entry.key);
    if (!item) throw new Error(entry.href + " has no item " + entry.key);
    var li = prepare(document.importNode(item, true), entry.href, "pack" + n + "-");
    li.appendChild(addressLine(address));
    if (previous && previous.getAttribute("data-pl-page") === entry.page) {
      previous.querySelector("ul").appendChild(li); // items of one checklist stay together
      return null;
    }
    var part = document.createElement("section");
    part.className = "pl-pack-part pl-pack-item";
    part.setAttribute("data-pl-page", entry.page);
    var heading = document.createElement("h2");
    heading.textContent = entry.pageTitle;
    var list = document.createElement("ul");
    list.className = "pl-print-tasks";
    list.appendChild(li);
    part.append(heading, list);
    return part;
  }

  /* --- The page ------------------------------------------------------------------------ */

  function setUp() {
    var root = document.querySelector(".pl-pack");
    var catalogue = document.querySelector(".pl-pack-catalogue");
    var output = document.querySelector(".pl-pack-output");
    if (!root || !catalogue || !output || root.hasAttribute("data-pl-pack-ready")) return;
    root.setAttribute("data-pl-pack-ready", "");

    var entries = readCatalogue(catalogue);
    var site = catalogue.getAttribute("data-pl-site");
    var fromFolder = window.location.protocol === "file:";
    var panel = root.querySelector(".pl-pack-panel");
    var list = panel.querySelector(".pl-pack-list");
    var status = panel.querySelector(".pl-pack-status");
    var share = panel.querySelector("#pl-pack-share-link");
    var texts = {
      text: panel.querySelector("#pl-pack-links-text"),
      markdown: panel.querySelector("#pl-pack-links-markdown"),
      html: panel.querySelector("#pl-pack-links-html")
    };
    var printButton = panel.querySelector(".pl-pack-print-button"); // none in the offline copy
    var asked = chosenInAddress();
    var unknown = asked.filter(function (key) { return !entries[key]; });
    var chosen = asked.filter(function (key, i) { return entries[key] && asked.indexOf(key) === i; });
    var empty = status.textContent; // the page's words for an empty pack
    var round = 0;

    if (printButton) printButton.hidden = fromFolder; // an online build opened from a folder

    Object.keys(entries).forEach(function (key) {
      var box = entries[key].box;
      box.addEventListener("change", function () {
        if (box.checked) chosen.push(key);
        else chosen.splice(chosen.indexOf(key), 1);
        update();
      });
    });

    function button(words, label, action) {
      var b = document.createElement("button");
      b.type = "button";
      b.className = "pl-pack-move";
      b.textContent = words;
      b.setAttribute("aria-label", label);
      b.addEventListener("click", action);
      return b;
    }

    function move(index, by) {
      var key = chosen.splice(index, 1)[0];
      chosen.splice(index + by, 0, key);
      update();
      var row = list.children[index + by];
      if (row) row.querySelector(by < 0 ? ".pl-pack-up" : ".pl-pack-down").focus();
    }

    function showList() {
      list.textContent = "";
      chosen.forEach(function (key, index) {
        var entry = entries[key];
        var row = document.createElement("li");
        var name = document.createElement("span");
        name.textContent = title(entry);
        row.appendChild(name);
        var up = button("Up", "Move up: " + title(entry), function () { move(index, -1); });
        up.classList.add("pl-pack-up");
        up.disabled = index === 0;
        var down = button("Down", "Move down: " + title(entry), function () { move(index, 1); });
        down.classList.add("pl-pack-down");
        down.disabled = index === chosen.length - 1;
        var remove = button("Remove", "Remove from the pack: " + title(entry), function () {
          chosen.splice(index, 1);
          update();
          status.focus();
        });
        var controls = document.createElement("span");
        controls.className = "pl-pack-controls";
        controls.append(up, down, remove);
        row.appendChild(controls);
        list.appendChild(row);
      });
    }

    function describe(extra) {
      var count = chosen.length;
      var words = count === 0 ? empty
        : "Your pack has " + count + (count === 1 ? " part." : " parts.");
      if (unknown.length) {
        words += " This link names " + unknown.length + " the guide does not have: " + unknown.join(", ") +
          " (check the link for a typing mistake).";
      }
      status.textContent = extra ? words + " " + extra : words;
    }

    function update() {
      Object.keys(entries).forEach(function (key) { entries[key].box.checked = chosen.indexOf(key) >= 0; });
      showList();
      share.value = withChoice(window.guide.publicAddress(), chosen);
      var links = linkLists(chosen.map(function (key) {
        return { title: title(entries[key]), url: publicAddress(site, entries[key]) };
      }));
      Object.keys(texts).forEach(function (format) { texts[format].value = links[format]; });
      if (!fromFolder) {
        // A section of this page stays in the address; anything else is left from the last page.
        var hash = document.getElementById(window.location.hash.slice(1)) ? window.location.hash : "";
        window.history.replaceState(window.history.state, "", withChoice(window.location.pathname, chosen) + hash);
      }
      panel.querySelector(".pl-pack-clear").disabled = chosen.length === 0;
      if (printButton) printButton.disabled = chosen.length === 0;
      describe();
      assemble();
    }

    function assemble() {
      var mine = ++round;
      output.textContent = "";
      output.removeAttribute("data-pl-pack-ready");
      if (!chosen.length) return;
      if (fromFolder) {
        output.appendChild(folderParts());
        output.setAttribute("data-pl-pack-ready", "");
        return;
      }
      output.setAttribute("aria-busy", "true");
      var keys = chosen.slice();
      Promise.all(keys.map(function (key) { return fetchPage(entries[key].href); })).then(function (docs) {
        if (mine !== round) return;
        var previous = null;
        docs.forEach(function (doc, n) {
          var entry = entries[keys[n]];
          var address = publicAddress(site, entry);
          var part = entry.page === entry.key ? pagePart(doc, entry, address, n)
            : itemPart(doc, entry, previous, address, n);
          if (part) {
            output.appendChild(part);
            previous = part.classList.contains("pl-pack-item") ? part : null;
          }
        });
        output.setAttribute("data-pl-pack-ready", "");
        describe("It is shown below, ready to print.");
      }).catch(function (error) {
        if (mine !== round) return;
        describe("It could not be put together (" + error.message + "): check your connection and " +
          "try again, or open and print each page from the list.");
      }).then(function () {
        if (mine === round) output.removeAttribute("aria-busy");
      });
    }

    // From a folder: the parts as links, in order, and the print versions they are in.
    function folderParts() {
      var part = document.createElement("section");
      part.className = "pl-pack-folder";
      var note = document.createElement("p");
      note.textContent = "In the offline copy a page cannot open other pages, so the pack cannot be put " +
        "together as one document here. Open each part in this order and print it:";
      var parts = document.createElement("ol");
      var prints = [];
      chosen.forEach(function (key) {
        var entry = entries[key];
        var row = document.createElement("li");
        var link = document.createElement("a");
        link.href = entry.href;
        link.textContent = title(entry);
        row.appendChild(link);
        parts.appendChild(row);
        if (entry.print && prints.every(function (p) { return p.href !== entry.print.href; })) prints.push(entry.print);
      });
      part.append(note, parts);
      if (prints.length) {
        var also = document.createElement("p");
        also.textContent = "Or print whole sections: ";
        prints.forEach(function (print, i) {
          var link = document.createElement("a");
          link.href = print.href;
          link.textContent = print.title;
          if (i) also.appendChild(document.createTextNode("; "));
          also.appendChild(link);
        });
        part.appendChild(also);
      }
      return part;
    }

    panel.querySelector(".pl-pack-clear").addEventListener("click", function () {
      chosen = [];
      unknown = [];
      update();
    });
    if (printButton) printButton.addEventListener("click", function () { window.print(); });
    status.tabIndex = -1;
    update();
  }

  window.guide.onEveryPage(setUp);
})();
