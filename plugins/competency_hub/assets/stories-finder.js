/* competency-hub: the story finder. Facets and word search over the story library, in the browser.
 *
 * Progressive enhancement of /stories/: without JavaScript the page is a paginated list plus pages
 * per capability and per pattern. With it, this script loads finder-facets.json (slugs, dates and
 * facet values; no story bodies), shows one group of checkboxes per facet with live counts, loads
 * the titles and summaries of the results on screen (finder-text-<n>.json, 250 stories a file),
 * and loads lunr.js and finder-index.json only when someone types a search. Filters live in the URL
 * query (?capability=map/cap&pattern=x&words=rollback), so links can open the finder pre-filtered.
 * No framework, no request to another host; every text is a text node (dom.js's `h`), never HTML.
 *
 * An ES module, loaded on every page like the learner tools' main.js: with Material's instant
 * navigation it starts again on every page the reader opens (Material's document$). Browsers load
 * no module and fetch no file from file://, so a file-share build publishes it joined with dom.js
 * into one classic script, and its data files also as scripts (render/classic_bundle.py).
 */

import { fill, h, onEveryPage } from "./learner/dom.js";

const LUNR = new URL("vendor/lunr.min.js", import.meta.url).href;
const PAGE = 50; // results shown before "Show more"
const WORDS = "words"; // not "q": Material's own search opens on ?q=
let lunrLoading = null;

function loadLunr() {
  if (window.lunr) return Promise.resolve(window.lunr);
  if (!lunrLoading) {
    lunrLoading = new Promise((resolve, reject) => {
      const tag = h("script", { src: LUNR });
      tag.onload = () => resolve(window.lunr);
      tag.onerror = () => reject(new Error("lunr.js could not be loaded"));
      document.head.appendChild(tag);
    });
  }
  return lunrLoading;
}

/* A data file from its script twin (finder-facets.js beside finder-facets.json), registered on
 * window.competencyHubData as "stories/<name>": the file-share copy's way. */
function scriptJSON(url) {
  const registry = window.competencyHubData;
  const address = new URL(url);
  const key = "stories/" + decodeURIComponent(address.pathname.split("/").pop());
  if (key in registry) return Promise.resolve(registry[key]);
  return new Promise((resolve, reject) => {
    const tag = h("script", { src: new URL(address.pathname.replace(/\.json$/, ".js"), address).href });
    tag.onload = () => (key in registry ? resolve(registry[key]) : reject(new Error(tag.src + " did not give " + key)));
    tag.onerror = () => reject(new Error(tag.src + " could not be loaded"));
    document.head.appendChild(tag);
  });
}

function getJSON(url) {
  if (typeof window.competencyHubData === "object" && window.competencyHubData !== null) return scriptJSON(url);
  return fetch(url, { credentials: "same-origin" }).then((response) => {
    if (!response.ok) throw new Error(url + ": " + response.status);
    return response.json();
  });
}

class Finder {
  constructor(mount) {
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

  start() {
    return getJSON(this.base).then((table) => {
      this.table = table;
      this.facets = table.facets;
      this.stories = table.stories;
      this.facetIndex = {};
      this.facets.forEach((facet, f) => { this.facetIndex[facet.key] = f; });
      this.readURL();
      this.build();
      for (const node of document.querySelectorAll("[data-hub-story-static]")) node.hidden = true;
      this.mount.hidden = false;
      return this.update(false); // the address opened stays as it is until the reader changes a filter
    });
  }

  readURL() {
    const params = new URLSearchParams(window.location.search);
    this.facets.forEach((facet, f) => {
      this.selected[f] = {};
      for (const value of params.getAll(facet.key)) {
        const i = facet.values.indexOf(value);
        if (i >= 0) this.selected[f][i] = true;
      }
    });
    this.query = params.get(WORDS) || "";
  }

  writeURL() {
    const params = new URLSearchParams();
    this.facets.forEach((facet, f) => {
      for (const i of Object.keys(this.selected[f])) params.append(facet.key, facet.values[i]);
    });
    if (this.query) params.set(WORDS, this.query);
    const search = params.toString();
    const url = window.location.pathname + (search ? "?" + search : "") + window.location.hash;
    window.history.replaceState(window.history.state, "", url);
  }

  build() {
    const form = h("form", { class: "hub-finder__form", role: "search", "data-hub-finder-form": "" });
    form.addEventListener("submit", (event) => event.preventDefault());
    const label = h("label", { for: "hub-finder-q", class: "hub-finder__label" }, "Search titles and summaries");
    this.input = h("input", { id: "hub-finder-q", type: "search", autocomplete: "off", "data-hub-finder-query": "" });
    this.input.value = this.query;
    this.input.addEventListener("input", () => {
      this.query = this.input.value.trim();
      this.shown = PAGE;
      this.update();
    });
    form.append(label, this.input);
    this.groups = [];
    this.facets.forEach((facet, f) => {
      if (!facet.values.length) return;
      const fieldset = h("fieldset", { class: "hub-finder__facet", "data-hub-facet-group": facet.key }, h("legend", {}, facet.title));
      const order = facet.values.map((_, i) => i);
      order.sort((a, b) => {
        if (facet.key === "year") return facet.values[b].localeCompare(facet.values[a]);
        return facet.labels[a].localeCompare(facet.labels[b]);
      });
      const boxes = order.map((i) => {
        const id = "hub-facet-" + f + "-" + i;
        const box = h("input", { type: "checkbox", id, value: facet.values[i], "data-hub-facet": facet.key });
        box.checked = !!this.selected[f][i];
        box.addEventListener("change", () => {
          if (box.checked) this.selected[f][i] = true; else delete this.selected[f][i];
          this.shown = PAGE;
          this.update();
        });
        const count = h("span", { class: "hub-finder__count", "data-hub-count": "" });
        const row = h("div", { class: "hub-finder__option" }, box, h("label", { for: id }, facet.labels[i] + " ", count));
        fieldset.appendChild(row);
        return { index: i, box, count, row };
      });
      form.appendChild(fieldset);
      this.groups.push({ facet: f, boxes });
    });
    const clear = h("button", { type: "button", class: "md-button", "data-hub-finder-clear": "" }, "Clear filters");
    clear.addEventListener("click", () => {
      this.facets.forEach((_, f) => { this.selected[f] = {}; });
      this.query = "";
      this.input.value = "";
      for (const group of this.groups) for (const b of group.boxes) b.box.checked = false;
      this.update();
    });
    form.appendChild(clear);
    this.status = h("p", { class: "hub-finder__status", role: "status", "aria-live": "polite", "data-hub-finder-status": "" });
    this.list = h("ul", { class: "hub-story-list", "data-hub-finder-results": "" });
    this.more = h("button", { type: "button", class: "md-button", "data-hub-finder-more": "" }, "Show more");
    this.more.addEventListener("click", () => { this.shown += PAGE; this.render(); });
    fill(this.mount, form, this.status, this.list, this.more);
  }

  /* Story numbers matching the words, best first, or null when there are no words. */
  matchWords() {
    if (!this.query) return Promise.resolve(null);
    const ready = this.search ? Promise.resolve(this.search) : loadLunr().then((lunr) =>
      getJSON(this.indexUrl).then((data) => { this.search = lunr.Index.load(data); return this.search; }));
    return ready.then((index) => {
      const lunr = window.lunr;
      const words = lunr.tokenizer(this.query).map(String);
      if (!words.length) return null;
      // Every word must match, as a whole (stemmed: "deploys" finds "deploy") or as the start
      // of a word, so results follow the typing. lunr's own REQUIRED presence cannot express
      // "this or that form of the word", so each word is one query and the results intersect.
      let scores = null;
      for (const word of words) {
        const found = {};
        index.query((q) => {
          q.term(word, { usePipeline: true, boost: 2 });
          q.term(word, { usePipeline: false, wildcard: lunr.Query.wildcard.TRAILING });
        }).forEach((hit) => { found[hit.ref] = hit.score; });
        if (scores === null) {
          scores = found;
        } else {
          for (const ref of Object.keys(scores)) {
            if (ref in found) scores[ref] += found[ref]; else delete scores[ref];
          }
        }
      }
      return Object.keys(scores).sort((a, b) => scores[b] - scores[a] || a - b).map(Number);
    });
  }

  update(write = true) {
    const query = this.query;
    return this.matchWords().then((hits) => {
      if (query !== this.query) return; // a newer search is under way
      this.hits = hits;
      if (write) this.writeURL();
      return this.render();
    }).catch((error) => {
      this.status.textContent = "Search is not available: " + error.message;
    });
  }

  /* Loads the text files holding stories `numbers`; resolves when all are there. */
  loadTexts(numbers) {
    const chunk = this.table.chunk;
    const wanted = {};
    for (const n of numbers) wanted[Math.floor(n / chunk)] = true;
    return Promise.all(Object.keys(wanted).map((c) => {
      if (!this.texts[c]) {
        const url = new URL(this.table.text.replace("{n}", c), this.base).href;
        this.texts[c] = getJSON(url).then((rows) => { this.texts[c] = rows; return rows; });
      }
      return this.texts[c];
    }));
  }

  text(n) {
    const chunk = this.table.chunk;
    return this.texts[Math.floor(n / chunk)][n % chunk];
  }

  render() {
    const facets = this.facets;
    const active = facets.map((_, f) => Object.keys(this.selected[f]).map(Number));
    const counts = facets.map((facet) => facet.values.map(() => 0));
    const candidates = this.hits || this.stories.map((_, i) => i);
    const results = [];
    for (const n of candidates) {
      const values = this.stories[n][2];
      let failed = -1;
      let failures = 0;
      for (let f = 0; f < facets.length; f++) {
        if (!active[f].length) continue;
        const ok = active[f].some((v) => values[f].indexOf(v) >= 0);
        if (!ok) { failures++; failed = f; if (failures > 1) break; }
      }
      if (failures > 1) continue;
      for (let g = 0; g < facets.length; g++) {
        if (failures === 1 && g !== failed) continue;
        for (const v of values[g]) counts[g][v]++;
      }
      if (!failures) results.push(n);
    }
    for (const group of this.groups) {
      for (const b of group.boxes) {
        const count = counts[group.facet][b.index];
        b.count.textContent = "(" + count + ")";
        b.box.disabled = !count && !b.box.checked;
        b.row.classList.toggle("hub-finder__option--empty", !count);
      }
    }
    const total = results.length;
    this.status.textContent = total === 1 ? "1 story" : total + " stories";
    const shown = results.slice(0, this.shown);
    const token = ++this.renders;
    return this.loadTexts(shown).then(() => {
      if (token !== this.renders) return; // a newer render is under way
      fill(this.list, shown.map((n) => {
        const story = this.stories[n];
        const [title, summary] = this.text(n);
        return h(
          "li",
          { class: "hub-story-list__item", "data-hub-story": story[0] },
          h("a", { href: this.table.href.replace("{slug}", encodeURIComponent(story[0])) }, title),
          h("br"),
          h("span", { class: "hub-story-list__meta" }, this.meta(story)),
          h("br"),
          summary,
        );
      }));
      this.more.hidden = total <= this.shown;
    });
  }

  /* "2 October 2026 · Order Hub team, Engineering", as the list without JavaScript shows it. */
  meta(story) {
    const day = new Date(story[1] + "T00:00:00Z").toLocaleDateString("en-GB", {
      day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
    });
    const parts = [];
    for (const key of ["team", "function"]) {
      const f = this.facetIndex[key];
      if (f !== undefined) for (const v of story[2][f]) parts.push(this.facets[f].labels[v]);
    }
    return day + (parts.length ? " · " + parts.join(", ") : "");
  }
}

function init() {
  const mount = document.querySelector("[data-hub-finder]");
  if (!mount || mount.getAttribute("data-hub-finder-ready")) return;
  mount.setAttribute("data-hub-finder-ready", "loading");
  new Finder(mount).start().then(() => {
    mount.setAttribute("data-hub-finder-ready", "true");
  }).catch(() => {
    mount.setAttribute("data-hub-finder-ready", "failed"); // the static list stays visible
  });
}

onEveryPage(init);
