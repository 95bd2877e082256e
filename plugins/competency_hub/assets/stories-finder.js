/* competency-hub: the story finder. Facets and word search over the story library, in the browser.
 *
 * Progressive enhancement of /stories/: without JavaScript the page is a paginated list plus pages
 * per capability and per pattern. With it, this script loads finder-facets.json (slugs, dates and
 * facet values; no story bodies), shows one group of checkboxes per facet with live counts, loads
 * the titles and summaries of the results on screen (finder-text-<n>.json, 250 stories a file),
 * and loads lunr.js and finder-index.json only when someone types a search. Filters live in the URL
 * query (?capability=map/cap&pattern=x&words=rollback), so links can open the finder pre-filtered.
 * No framework, no request to another host; every text is set with textContent, never as HTML.
 */
(function () {
  "use strict";

  var script = document.currentScript;
  var LUNR = script ? new URL("vendor/lunr.min.js", script.src).href : null;
  var PAGE = 50; // results shown before "Show more"
  var WORDS = "words"; // not "q": Material's own search opens on ?q=
  var lunrLoading = null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function loadLunr() {
    if (window.lunr) return Promise.resolve(window.lunr);
    if (!lunrLoading) {
      lunrLoading = new Promise(function (resolve, reject) {
        var tag = el("script", { src: LUNR });
        tag.onload = function () { resolve(window.lunr); };
        tag.onerror = function () { reject(new Error("lunr.js could not be loaded")); };
        document.head.appendChild(tag);
      });
    }
    return lunrLoading;
  }

  function getJSON(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) throw new Error(url + ": " + response.status);
      return response.json();
    });
  }

  function Finder(mount) {
    this.mount = mount;
    this.base = new URL(mount.getAttribute("data-hub-finder-facets"), document.baseURI).href;
    this.indexUrl = new URL(mount.getAttribute("data-hub-finder-index"), document.baseURI).href;
    this.selected = {};
    this.query = "";
    this.shown = PAGE;
    this.search = null; // lunr index, once loaded
    this.texts = {}; // text file number → [[title, summary], …], or a promise while loading
    this.renders = 0;
  }

  Finder.prototype.start = function () {
    var self = this;
    return getJSON(this.base).then(function (table) {
      self.table = table;
      self.facets = table.facets;
      self.stories = table.stories;
      self.facetIndex = {};
      self.facets.forEach(function (facet, f) { self.facetIndex[facet.key] = f; });
      self.readURL();
      self.build();
      var statics = document.querySelectorAll("[data-hub-story-static]");
      Array.prototype.forEach.call(statics, function (node) { node.hidden = true; });
      self.mount.hidden = false;
      return self.update();
    });
  };

  Finder.prototype.readURL = function () {
    var params = new URLSearchParams(window.location.search);
    var self = this;
    this.facets.forEach(function (facet, f) {
      var wanted = params.getAll(facet.key);
      self.selected[f] = {};
      wanted.forEach(function (value) {
        var i = facet.values.indexOf(value);
        if (i >= 0) self.selected[f][i] = true;
      });
    });
    this.query = params.get(WORDS) || "";
  };

  Finder.prototype.writeURL = function () {
    var params = new URLSearchParams();
    var self = this;
    this.facets.forEach(function (facet, f) {
      Object.keys(self.selected[f]).forEach(function (i) { params.append(facet.key, facet.values[i]); });
    });
    if (this.query) params.set(WORDS, this.query);
    var search = params.toString();
    var url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  };

  Finder.prototype.build = function () {
    var self = this;
    this.mount.textContent = "";
    var form = el("form", { class: "hub-finder__form", role: "search", "data-hub-finder-form": "" });
    form.addEventListener("submit", function (event) { event.preventDefault(); });
    var label = el("label", { for: "hub-finder-q", class: "hub-finder__label" }, "Search titles and summaries");
    this.input = el("input", { id: "hub-finder-q", type: "search", autocomplete: "off", "data-hub-finder-query": "" });
    this.input.value = this.query;
    this.input.addEventListener("input", function () {
      self.query = self.input.value.trim();
      self.shown = PAGE;
      self.update();
    });
    form.appendChild(label);
    form.appendChild(this.input);
    this.groups = [];
    this.facets.forEach(function (facet, f) {
      if (!facet.values.length) return;
      var fieldset = el("fieldset", { class: "hub-finder__facet", "data-hub-facet-group": facet.key });
      fieldset.appendChild(el("legend", {}, facet.title));
      var order = facet.values.map(function (_, i) { return i; });
      order.sort(function (a, b) {
        if (facet.key === "year") return facet.values[b].localeCompare(facet.values[a]);
        return facet.labels[a].localeCompare(facet.labels[b]);
      });
      var boxes = [];
      order.forEach(function (i) {
        var id = "hub-facet-" + f + "-" + i;
        var row = el("div", { class: "hub-finder__option" });
        var box = el("input", { type: "checkbox", id: id, value: facet.values[i], "data-hub-facet": facet.key });
        box.checked = !!self.selected[f][i];
        box.addEventListener("change", function () {
          if (box.checked) self.selected[f][i] = true; else delete self.selected[f][i];
          self.shown = PAGE;
          self.update();
        });
        var text = el("label", { for: id }, facet.labels[i] + " ");
        var count = el("span", { class: "hub-finder__count", "data-hub-count": "" });
        text.appendChild(count);
        row.appendChild(box);
        row.appendChild(text);
        fieldset.appendChild(row);
        boxes.push({ index: i, box: box, count: count, row: row });
      });
      form.appendChild(fieldset);
      self.groups.push({ facet: f, boxes: boxes });
    });
    var clear = el("button", { type: "button", class: "md-button", "data-hub-finder-clear": "" }, "Clear filters");
    clear.addEventListener("click", function () {
      self.facets.forEach(function (_, f) { self.selected[f] = {}; });
      self.query = "";
      self.input.value = "";
      self.groups.forEach(function (g) { g.boxes.forEach(function (b) { b.box.checked = false; }); });
      self.update();
    });
    form.appendChild(clear);
    this.status = el("p", { class: "hub-finder__status", role: "status", "aria-live": "polite", "data-hub-finder-status": "" });
    this.list = el("ul", { class: "hub-story-list", "data-hub-finder-results": "" });
    this.more = el("button", { type: "button", class: "md-button", "data-hub-finder-more": "" }, "Show more");
    this.more.addEventListener("click", function () { self.shown += PAGE; self.render(); });
    this.mount.appendChild(form);
    this.mount.appendChild(this.status);
    this.mount.appendChild(this.list);
    this.mount.appendChild(this.more);
  };

  /* Story numbers matching the words, best first, or null when there are no words. */
  Finder.prototype.matchWords = function () {
    var self = this;
    if (!this.query) return Promise.resolve(null);
    var ready = this.search ? Promise.resolve(this.search) : loadLunr().then(function (lunr) {
      return getJSON(self.indexUrl).then(function (data) { self.search = lunr.Index.load(data); return self.search; });
    });
    return ready.then(function (index) {
      var lunr = window.lunr;
      var words = lunr.tokenizer(self.query).map(String);
      if (!words.length) return null;
      // Every word must match, as a whole (stemmed: "deploys" finds "deploy") or as the start
      // of a word, so results follow the typing. lunr's own REQUIRED presence cannot express
      // "this or that form of the word", so each word is one query and the results intersect.
      var scores = null;
      words.forEach(function (word) {
        var found = {};
        index.query(function (q) {
          q.term(word, { usePipeline: true, boost: 2 });
          q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        }).forEach(function (hit) { found[hit.ref] = hit.score; });
        if (scores === null) {
          scores = found;
        } else {
          Object.keys(scores).forEach(function (ref) {
            if (ref in found) scores[ref] += found[ref]; else delete scores[ref];
          });
        }
      });
      return Object.keys(scores).sort(function (a, b) { return scores[b] - scores[a] || a - b; }).map(Number);
    });
  };

  Finder.prototype.update = function () {
    var self = this;
    var query = this.query;
    return this.matchWords().then(function (hits) {
      if (query !== self.query) return; // a newer search is under way
      self.hits = hits;
      self.writeURL();
      return self.render();
    }).catch(function (error) {
      self.status.textContent = "Search is not available: " + error.message;
    });
  };

  /* Loads the text files holding stories `numbers`; resolves when all are there. */
  Finder.prototype.loadTexts = function (numbers) {
    var self = this;
    var chunk = this.table.chunk;
    var wanted = {};
    numbers.forEach(function (n) { wanted[Math.floor(n / chunk)] = true; });
    return Promise.all(Object.keys(wanted).map(function (c) {
      if (!self.texts[c]) {
        var url = new URL(self.table.text.replace("{n}", c), self.base).href;
        self.texts[c] = getJSON(url).then(function (rows) { self.texts[c] = rows; return rows; });
      }
      return self.texts[c];
    }));
  };

  Finder.prototype.text = function (n) {
    var chunk = this.table.chunk;
    return this.texts[Math.floor(n / chunk)][n % chunk];
  };

  Finder.prototype.render = function () {
    var self = this;
    var facets = this.facets;
    var active = facets.map(function (_, f) { return Object.keys(self.selected[f]).map(Number); });
    var counts = facets.map(function (facet) { return facet.values.map(function () { return 0; }); });
    var candidates = this.hits || this.stories.map(function (_, i) { return i; });
    var results = [];
    candidates.forEach(function (n) {
      var values = self.stories[n][2];
      var failed = -1;
      var failures = 0;
      for (var f = 0; f < facets.length; f++) {
        if (!active[f].length) continue;
        var ok = active[f].some(function (v) { return values[f].indexOf(v) >= 0; });
        if (!ok) { failures++; failed = f; if (failures > 1) break; }
      }
      if (failures > 1) return;
      for (var g = 0; g < facets.length; g++) {
        if (failures === 1 && g !== failed) continue;
        values[g].forEach(function (v) { counts[g][v]++; });
      }
      if (!failures) results.push(n);
    });
    this.groups.forEach(function (group) {
      group.boxes.forEach(function (b) {
        var count = counts[group.facet][b.index];
        b.count.textContent = "(" + count + ")";
        b.box.disabled = !count && !b.box.checked;
        b.row.classList.toggle("hub-finder__option--empty", !count);
      });
    });
    var total = results.length;
    this.status.textContent = total === 1 ? "1 story" : total + " stories";
    var shown = results.slice(0, this.shown);
    var token = ++this.renders;
    return this.loadTexts(shown).then(function () {
      if (token !== self.renders) return; // a newer render is under way
      self.list.textContent = "";
      shown.forEach(function (n) {
        var story = self.stories[n];
        var text = self.text(n);
        var item = el("li", { class: "hub-story-list__item", "data-hub-story": story[0] });
        var link = el("a", { href: self.table.href.replace("{slug}", encodeURIComponent(story[0])) }, text[0]);
        var meta = el("span", { class: "hub-story-list__meta" }, self.meta(story));
        item.appendChild(link);
        item.appendChild(el("br"));
        item.appendChild(meta);
        item.appendChild(el("br"));
        item.appendChild(document.createTextNode(text[1]));
        self.list.appendChild(item);
      });
      self.more.hidden = total <= self.shown;
    });
  };

  /* "2 October 2026 · Order Hub team, Engineering", as the list without JavaScript shows it. */
  Finder.prototype.meta = function (story) {
    var day = new Date(story[1] + "T00:00:00Z").toLocaleDateString("en-GB", {
      day: "numeric", month: "long", year: "numeric", timeZone: "UTC"
    });
    var parts = [];
    var self = this;
    ["team", "function"].forEach(function (key) {
      var f = self.facetIndex[key];
      if (f !== undefined) story[2][f].forEach(function (v) { parts.push(self.facets[f].labels[v]); });
    });
    return day + (parts.length ? " · " + parts.join(", ") : "");
  };

  function init() {
    var mount = document.querySelector("[data-hub-finder]");
    if (!mount || mount.getAttribute("data-hub-finder-ready")) return;
    mount.setAttribute("data-hub-finder-ready", "loading");
    new Finder(mount).start().then(function () {
      mount.setAttribute("data-hub-finder-ready", "true");
    }).catch(function () {
      mount.setAttribute("data-hub-finder-ready", "failed"); // the static list stays visible
    });
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material's instant navigation swaps pages without reloading
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
