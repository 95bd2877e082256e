// The header search of a hub (see mkdocs/search.py and theme-pagefind/partials/search.html).
// Drives Material's search markup with Material's keys: "/", "s" or "f" open the search, arrows
// move through the results, Enter opens one, Escape closes.
// Served hubs search with Pagefind: its script and index come from the site itself (pagefind/),
// loaded on the first search, and fetch only the parts of the index that a query needs.
// The file-share copy (data-hub-search-engine="file-share") cannot: browsers load neither modules
// nor WebAssembly from file://. It loads search/fileshare-index.js, a classic script of each page's
// title, summary, headings and facts (render/fileshare_search.py), and ranks it here.

// A classic script (not a module): the pages load one module, the learner tools'; Pagefind's own
// module is imported on the first search.
(() => {
  const root = document.querySelector("[data-hub-search]");
  const config = JSON.parse(document.getElementById("__config")?.textContent || "{}");
  const translations = config.translations || {};
  // Absolute, so it stays right after instant navigation. The 404 page's base is "/" (MkDocs), and
  // "//" would be read as an address without a host.
  const base = new URL((config.base || ".").replace(/\/+$/, "") + "/", location.href);
  const PAGE = 10;
  const KIND_LABELS = {
    map: "Map", capability: "Capability", level: "Levels", challenge: "Challenge", path: "Path",
    "job-aid": "Job aid", story: "Story", community: "Community", pilot: "Pilot", guide: "Guide", page: "Hub page",
  };
  const KIND_FILTERS = {
    map: "Maps", capability: "Capabilities", level: "Levels", challenge: "Challenges", path: "Paths",
    "job-aid": "Job aids", story: "Stories", community: "Communities", pilot: "Pilots", guide: "Guides", page: "Hub pages",
  };
  const KIND_ORDER = Object.keys(KIND_LABELS);

  const fileShare = root && root.dataset.hubSearchEngine === "file-share";
  let pagefind = null;
  let kind = null; // the kind the reader filters on, or null for all
  let shown = [];
  let taken = 0; // how many of the engine's results are shown or left out as pinned
  let current = null; // the results of the last search
  let serial = 0;

  function t(key, fallback) {
    return translations[key] || fallback;
  }

  function load() {
    if (fileShare) return loadFileShare();
    if (!pagefind) {
      const engine = import(new URL("pagefind/pagefind.js", base).href).then(async (module) => {
        await module.options({ baseUrl: base.pathname, excerptLength: 24 });
        await module.init();
        await module.filters(); // without it, a search returns no counts by kind
        return module;
      });
      pagefind = Promise.all([engine, loadTitles()]).then(([module, titles]) => ({
        search: (query, options) => searchServed(module, titles, query, options),
      }));
    }
    return pagefind;
  }

  // -- a served hub: Pagefind, and the titles of the kinds that have few pages ----------------------

  // Pagefind ranks a page by how often the words searched are in it, so at 17,000 pages a capability
  // titled "Checking shift reports" sinks below the stories that repeat those words. search/titles.json
  // (render/fileshare_search.py) holds the title of every page but challenges and stories; those whose
  // title has every word searched come first, the closest titles first, then Pagefind's results.
  const PINNED = 5;

  function loadTitles() {
    return fetch(new URL("search/titles.json", base).href)
      .then((response) => (response.ok ? response.json() : null))
      .then((data) => data && data.pages.map(([url, title, kindNumber, contextNumber, summary]) => ({
        url, title, kind: data.kinds[kindNumber], context: data.contexts[contextNumber], summary,
        words: words(title), folded: fold(title).replace(/\s+/g, " ").trim(),
      })))
      .catch(() => null); // without it, Pagefind's results alone
  }

  function pinnedPages(titles, query, kinds) {
    const terms = [...new Set(words(query))];
    const phrase = fold(query).replace(/\s+/g, " ").trim();
    if (!titles || !terms.length) return [];
    const found = [];
    for (const page of titles) {
      if (kinds && !kinds.includes(page.kind)) continue;
      const has = (term) => page.words.some((word) => word === term || (term.length >= 3 && word.startsWith(term)));
      if (!terms.every(has)) continue;
      const closeness = page.folded === phrase ? 3 : page.folded.includes(phrase) ? 2 : 1;
      found.push({ page, closeness });
    }
    found.sort((a, b) => b.closeness - a.closeness
      || a.page.words.length - b.page.words.length
      || (KIND_PRIOR[b.page.kind] || 1) - (KIND_PRIOR[a.page.kind] || 1)
      || (a.page.url < b.page.url ? -1 : a.page.url > b.page.url ? 1 : 0));
    return found.slice(0, PINNED).map(({ page }) => summaryResult(page, terms));
  }

  async function searchServed(module, titles, query, options) {
    const search = await module.search(query, options);
    if (!search) return search;
    const kinds = options && options.filters && options.filters.kind;
    return { ...search, pinned: pinnedPages(titles, query, kinds) };
  }

  // -- the file-share engine ----------------------------------------------------------------------

  // Field weights: a word of the title counts most, then headings, the map, capability and level
  // the page is about, then its summary. A prefix of a word counts less than the whole word.
  const FIELDS = [["title", 10], ["headings", 4], ["context", 2.5], ["summary", 1.5]];
  const PREFIX = 0.6;
  // Pages about a capability or a map answer a one-word search better than a story that names it.
  const KIND_PRIOR = {
    capability: 1.3, map: 1.2, path: 1.1, "job-aid": 1.1, challenge: 1, guide: 1, community: 1, pilot: 0.9, level: 0.9, story: 0.9, page: 0.8,
  };
  let fileShareIndex = null;

  function fold(text) {
    return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  }

  // A light stem, the same for pages and queries: "tests" finds "test", "lifting" finds "lift".
  function stem(word) {
    if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3) + "y";
    if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
    if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
    if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
    return word;
  }

  function words(text) {
    return fold(text).split(/[^\p{L}\p{N}]+/u).filter(Boolean).map(stem);
  }

  function loadFileShare() {
    if (!fileShareIndex) {
      fileShareIndex = new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = new URL("search/fileshare-index.js", base).href;
        performance.mark("hub-search:index-requested"); // marks for benchmarks: load, then preparation
        script.onload = () => {
          performance.mark("hub-search:index-loaded");
          const prepared = prepare(window.__hubFileShareSearch);
          performance.mark("hub-search:index-ready");
          resolve(prepared);
        };
        script.onerror = () => reject(new Error("search/fileshare-index.js did not load"));
        document.head.append(script);
      });
    }
    return fileShareIndex;
  }

  // Splits every page's fields into words once, into a map from each word to the pages and fields
  // it is in (page number × 4 + field number), and a sorted list of the words for prefixes.
  function prepare(data) {
    const postings = new Map();
    const pages = data.pages.map(([url, title, kindNumber, contextNumber, summary, headings], number) => {
      const context = data.contexts[contextNumber];
      const texts = { title, headings, context, summary };
      let titleWords = 0;
      FIELDS.forEach(([field], f) => {
        const list = words(texts[field]);
        if (field === "title") titleWords = list.length;
        for (const word of new Set(list)) {
          const codes = postings.get(word);
          if (codes) codes.push(number * 4 + f); else postings.set(word, [number * 4 + f]);
        }
      });
      return { url, title, kind: data.kinds[kindNumber], context, summary, titleWords, folded: fold(title) };
    });
    const vocabulary = [...postings.keys()].sort();
    const meanTitle = pages.reduce((sum, p) => sum + p.titleWords, 0) / Math.max(1, pages.length);
    const index = { pages, postings, vocabulary, meanTitle };
    return { search: (query, options) => searchFileShare(index, query, options) };
  }

  // The pages `term` is in: page number → how well it matches each field (1 for a whole word,
  // PREFIX for the start of one).
  function termMatches(index, term, prefix) {
    const found = new Map();
    const add = (word, level) => {
      for (const code of index.postings.get(word)) {
        const number = code >> 2;
        let fields = found.get(number);
        if (!fields) found.set(number, (fields = [0, 0, 0, 0]));
        if (level > fields[code & 3]) fields[code & 3] = level;
      }
    };
    if (index.postings.has(term)) add(term, 1);
    if (prefix) {
      const list = index.vocabulary;
      let low = 0;
      let high = list.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (list[middle] < term) low = middle + 1; else high = middle;
      }
      for (let i = low; i < list.length && list[i].startsWith(term); i++) {
        if (list[i] !== term) add(list[i], PREFIX);
      }
    }
    return found;
  }

  // One term's score on one page: its best field, plus a quarter of the others.
  function fieldScore(page, fields, meanTitle) {
    let best = 0;
    let others = 0;
    FIELDS.forEach(([field, weight], f) => {
      let w = weight * fields[f];
      if (field === "title") w *= 2 / (1 + page.titleWords / meanTitle); // shorter titles: closer to the word
      if (w > best) { others += best; best = w; } else others += w;
    });
    return best + 0.25 * others;
  }

  function searchFileShare(index, query, options) {
    const started = performance.now();
    const { pages, meanTitle } = index;
    const terms = [...new Set(words(query))];
    const phrase = fold(query).trim();
    // A term of three letters or more also finds the words it begins ("crm" → "crms", "lock" → "lockout").
    const matches = terms.map((term) => termMatches(index, term, term.length >= 3));
    const idf = matches.map((found) => Math.log(1 + pages.length / Math.max(1, found.size)));
    const totals = new Map(); // page number → [terms found, score]
    matches.forEach((found, t) => {
      for (const [number, fields] of found) {
        const total = totals.get(number) || [0, 0];
        total[0] += 1;
        total[1] += idf[t] * fieldScore(pages[number], fields, meanTitle);
        totals.set(number, total);
      }
    });
    // Pages with every term; when none has them all, those with the most.
    let need = 0;
    for (const [hits] of totals.values()) need = Math.max(need, hits);
    const scored = [];
    for (const [number, [hits, score]] of totals) {
      if (hits < need) continue;
      const page = pages[number];
      const phraseBonus = terms.length > 1 && page.folded.includes(phrase) ? 1.5 : 1;
      scored.push({ page, score: score * phraseBonus * (KIND_PRIOR[page.kind] || 1) });
    }
    scored.sort((a, b) => b.score - a.score || (a.page.url < b.page.url ? -1 : a.page.url > b.page.url ? 1 : 0));
    const counts = {};
    for (const { page } of scored) counts[page.kind] = (counts[page.kind] || 0) + 1;
    const kindFilter = options && options.filters && options.filters.kind;
    const kept = kindFilter ? scored.filter(({ page }) => kindFilter.includes(page.kind)) : scored;
    performance.measure("hub-search:query", { start: started }); // for benchmarks
    return {
      totalFilters: { kind: counts },
      results: kept.map(({ page }) => ({ data: async () => summaryResult(page, terms) })),
    };
  }

  function escapeText(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // A result of an index row (the file-share index, the titles index): its summary with the words the
  // query found marked, as Pagefind's excerpt is.
  function summaryResult(page, terms) {
    const parts = page.summary.split(/([\p{L}\p{N}]+)/u);
    const long = terms.filter((term) => term.length >= 3);
    const marked = long.length ? long : terms; // "check-in": mark "check", not every "in"
    const excerpt = parts.map((part) => {
      const word = stem(fold(part));
      const found = word && marked.some((term) => word === term || (term.length >= 3 && word.startsWith(term)));
      return found ? `<mark>${escapeText(part)}</mark>` : escapeText(part);
    }).join("");
    return { url: new URL(page.url, base).href, meta: { title: page.title, kind: page.kind, context: page.context, address: page.url }, excerpt };
  }

  // Pagefind's excerpt is text with <mark> around matches: rebuilt node by node, so no markup of a
  // contributed page ever reaches the DOM as markup.
  function excerptNodes(excerpt) {
    const parsed = new DOMParser().parseFromString(`<p>${excerpt || ""}</p>`, "text/html").body;
    const out = [];
    for (const node of parsed.firstChild ? parsed.firstChild.childNodes : []) {
      if (node.nodeName === "MARK") {
        const mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.push(mark);
      } else {
        out.push(document.createTextNode(node.textContent));
      }
    }
    return out;
  }

  function element(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function resultItem(data, duplicate) {
    const item = element("li", "md-search-result__item");
    const link = element("a", "md-search-result__link");
    link.href = data.url;
    link.tabIndex = -1;
    const article = element("article", "md-search-result__article md-search-result__article--document md-typeset");
    article.append(element("div", "md-search-result__icon md-icon"));
    const meta = data.meta || {};
    const heading = element("h1", null, meta.title || data.url);
    article.append(heading);
    const context = element("p", "hub-search-context");
    context.append(element("span", "hub-search-kind", KIND_LABELS[meta.kind] || KIND_LABELS.page));
    if (meta.context) context.append(document.createTextNode(" " + meta.context));
    if (duplicate && !meta.context) context.append(document.createTextNode(" " + (meta.address || data.url)));
    article.append(context);
    const excerpt = element("p", "hub-search-excerpt");
    excerpt.append(...excerptNodes(data.excerpt));
    article.append(excerpt);
    link.append(article);
    item.append(link);
    return item;
  }

  function setMeta(text) {
    root.querySelector("[data-hub-search-meta]").textContent = text;
  }

  function count(n) {
    if (n === 0) return t("search.result.none", "No matching documents");
    if (n === 1) return t("search.result.one", "1 matching document");
    return t("search.result.other", "# matching documents").replace("#", String(n));
  }

  function renderKinds(totals) {
    const group = root.querySelector("[data-hub-search-kinds]");
    group.replaceChildren();
    const counts = (totals && totals.kind) || {};
    const present = KIND_ORDER.filter((k) => counts[k]);
    group.hidden = present.length < 2;
    const button = (value, label) => {
      const b = element("button", "hub-search-kind-filter", label);
      b.type = "button";
      b.setAttribute("aria-pressed", String(kind === value));
      b.dataset.kind = value || "";
      b.addEventListener("click", () => {
        kind = value;
        run();
      });
      group.append(b);
    };
    button(null, "All");
    for (const k of present) button(k, `${KIND_FILTERS[k]} (${counts[k]})`);
  }

  function pathOf(url) {
    return new URL(url, location.href).pathname;
  }

  // The next results: the pinned titles first (a served hub), then the engine's, each page once.
  async function more() {
    const list = root.querySelector("[data-hub-search-list]");
    const mine = serial;
    const pinned = current.pinned || [];
    const next = current.results.slice(taken, taken + PAGE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (mine !== serial) return;
    taken += next.length;
    const pinnedPaths = new Set(pinned.map((d) => pathOf(d.url)));
    const batch = (shown.length ? [] : pinned).concat(data.filter((d) => !pinnedPaths.has(pathOf(d.url))));
    shown.push(...batch);
    const titles = new Map();
    for (const d of shown) titles.set(d.meta?.title, (titles.get(d.meta?.title) || 0) + 1);
    for (const d of batch) list.append(resultItem(d, titles.get(d.meta?.title) > 1));
    root.querySelector("[data-hub-search-more]").hidden = taken >= current.results.length;
  }

  async function run() {
    const input = root.querySelector("[data-hub-search-query]");
    const query = input.value.trim();
    const mine = ++serial;
    const list = root.querySelector("[data-hub-search-list]");
    if (!query) {
      list.replaceChildren();
      root.querySelector("[data-hub-search-kinds]").hidden = true;
      root.querySelector("[data-hub-search-more]").hidden = true;
      setMeta(t("search.result.placeholder", "Type to start searching"));
      return;
    }
    let engine;
    try {
      engine = await load();
    } catch (error) {
      if (mine === serial) setMeta(t("search.result.none", "No matching documents") + ": " + error.message);
      return;
    }
    const search = await engine.search(query, kind ? { filters: { kind: [kind] } } : {});
    if (mine !== serial || !search) return;
    current = search;
    shown = [];
    taken = 0;
    list.replaceChildren();
    renderKinds(search.totalFilters || search.filters);
    setMeta(count(search.results.length));
    await more();
    root.dataset.hubSearchDone = query; // for tests: the results of this query are on screen
  }

  function toggle() {
    return document.getElementById("__search");
  }

  function open() {
    toggle().checked = true;
    const input = root.querySelector("[data-hub-search-query]");
    input.focus();
    load();
  }

  function close() {
    toggle().checked = false;
    root.querySelector("[data-hub-search-query]").blur();
  }

  function typing(target) {
    return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
  }

  function focusables() {
    return [root.querySelector("[data-hub-search-query]"), ...root.querySelectorAll(".md-search-result__link")];
  }

  function setup() {
    const input = root.querySelector("[data-hub-search-query]");
    let timer = null;
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(run, 100);
    });
    input.addEventListener("focus", () => {
      toggle().checked = true;
      load();
    });
    root.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
    root.querySelector("form").addEventListener("reset", () => setTimeout(() => { run(); input.focus(); }));
    root.querySelector("[data-hub-search-more]").addEventListener("click", more);
    toggle().addEventListener("change", () => {
      if (toggle().checked) open();
    });
    root.addEventListener("click", (event) => {
      if (event.target instanceof Element && event.target.closest(".md-search-result__link")) close();
    });
    document.addEventListener("keydown", (event) => {
      if (event.metaKey || event.ctrlKey || event.altKey) return;
      if (!toggle().checked) {
        if (["/", "s", "f", "S", "F"].includes(event.key) && !typing(event.target)) {
          event.preventDefault();
          event.stopPropagation();
          open();
        }
        return;
      }
      const items = focusables();
      const at = items.indexOf(document.activeElement);
      if (event.key === "Escape") {
        event.preventDefault();
        close();
      } else if (event.key === "Enter" && document.activeElement === input) {
        event.preventDefault();
        const first = root.querySelector(".md-search-result__link");
        if (first) first.click();
      } else if ((event.key === "ArrowDown" || event.key === "ArrowUp") && at >= 0) {
        event.preventDefault();
        const next = (at + (event.key === "ArrowDown" ? 1 : items.length - 1)) % items.length;
        items[next].focus();
      } else if (at > 0 && event.key.length === 1 && !typing(event.target)) {
        input.focus(); // typing on a result goes on typing the query, as in Material
      }
    }, true);
  }

  if (root && !window.__hubSearch) {
    window.__hubSearch = true; // once per tab, whatever instant navigation re-runs
    setup();
  }
})();
