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
    map: "Map", capability: "Capability", level: "Levels", challenge: "Challenge",
    path: "Path", story: "Story", guide: "Guide", page: "Hub page",
  };
  const KIND_FILTERS = {
    map: "Maps", capability: "Capabilities", level: "Levels", challenge: "Challenges",
    path: "Paths", story: "Stories", guide: "Guides", page: "Hub pages",
  };
  const KIND_ORDER = Object.keys(KIND_LABELS);

  const fileShare = root && root.dataset.hubSearchEngine === "file-share";
  let pagefind = null;
  let kind = null; // the kind the reader filters on, or null for all
  let shown = [];
  let current = null; // the results of the last search
  let serial = 0;

  function t(key, fallback) {
    return translations[key] || fallback;
  }

  function load() {
    if (fileShare) return loadFileShare();
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", base).href).then(async (module) => {
        await module.options({ baseUrl: base.pathname, excerptLength: 24 });
        await module.init();
        await module.filters(); // without it, a search returns no counts by kind
        return module;
      });
    }
    return pagefind;
  }

  // -- the file-share engine ----------------------------------------------------------------------

  // Field weights: a word of the title counts most, then headings, the map, capability and level
  // the page is about, then its summary. A prefix of a word counts less than the whole word.
  const FIELDS = [["title", 10], ["headings", 4], ["context", 2.5], ["summary", 1.5]];
  const PREFIX = 0.6;
  // Pages about a capability or a map answer a one-word search better than a story that names it.
  const KIND_PRIOR = { capability: 1.3, map: 1.2, path: 1.1, challenge: 1, guide: 1, level: 0.9, story: 0.9, page: 0.8 };
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

  function prepare(data) {
    const pages = data.pages.map(([url, title, kindNumber, contextNumber, summary, headings]) => {
      const context = data.contexts[contextNumber];
      const page = { url, title, kind: data.kinds[kindNumber], context, summary };
      page.fields = {
        title: words(title), headings: words(headings), context: words(context), summary: words(summary),
      };
      page.folded = fold(title);
      return page;
    });
    const meanTitle = pages.reduce((sum, p) => sum + p.fields.title.length, 0) / Math.max(1, pages.length);
    return { search: (query, options) => searchFileShare(pages, meanTitle, query, options) };
  }

  // How well `term` matches one field of a page: 1 for a whole word, PREFIX for the start of one.
  function fieldMatch(list, term, prefix) {
    let best = 0;
    for (const word of list) {
      if (word === term) return 1;
      if (prefix && best === 0 && word.startsWith(term)) best = PREFIX;
    }
    return best;
  }

  function pageMatch(page, term, prefix, meanTitle) {
    let best = 0;
    let others = 0;
    for (const [field, weight] of FIELDS) {
      let w = weight * fieldMatch(page.fields[field], term, prefix);
      if (field === "title") w *= 2 / (1 + page.fields.title.length / meanTitle); // shorter titles: closer to the word
      if (w > best) { others += best; best = w; } else others += w;
    }
    return best + 0.25 * others;
  }

  function searchFileShare(pages, meanTitle, query, options) {
    const started = performance.now();
    const terms = [...new Set(words(query))];
    const phrase = fold(query).trim();
    const scored = [];
    if (terms.length) {
      // A term of three letters or more also finds the words it begins ("crm" → "crms", "lock" → "lockout").
      const matches = terms.map((term) => pages.map((page) => pageMatch(page, term, term.length >= 3, meanTitle)));
      const idf = matches.map((list) => {
        const found = list.filter((w) => w > 0).length;
        return Math.log(1 + pages.length / Math.max(1, found));
      });
      let need = terms.length; // every term, or, when no page has them all, as many as any page has
      for (; need > 0; need--) {
        for (let i = 0; i < pages.length; i++) {
          let hits = 0;
          let score = 0;
          for (let t = 0; t < terms.length; t++) {
            if (matches[t][i] > 0) { hits++; score += idf[t] * matches[t][i]; }
          }
          if (hits < need) continue;
          const page = pages[i];
          if (terms.length > 1 && page.folded.includes(phrase)) score *= 1.5;
          scored.push({ page, score: score * (KIND_PRIOR[page.kind] || 1) });
        }
        if (scored.length) break;
      }
    }
    scored.sort((a, b) => b.score - a.score || a.page.url.localeCompare(b.page.url));
    const counts = {};
    for (const { page } of scored) counts[page.kind] = (counts[page.kind] || 0) + 1;
    const kindFilter = options && options.filters && options.filters.kind;
    const kept = kindFilter ? scored.filter(({ page }) => kindFilter.includes(page.kind)) : scored;
    performance.measure("hub-search:query", { start: started }); // for benchmarks
    return {
      totalFilters: { kind: counts },
      results: kept.map(({ page }) => ({ data: async () => fileShareResult(page, terms) })),
    };
  }

  function escapeText(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  // The summary with the words the query found marked, as Pagefind's excerpt is.
  function fileShareResult(page, terms) {
    const parts = page.summary.split(/([\p{L}\p{N}]+)/u);
    const excerpt = parts.map((part) => {
      const word = stem(fold(part));
      const found = word && terms.some((term) => word === term || (term.length >= 3 && word.startsWith(term)));
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

  async function more() {
    const list = root.querySelector("[data-hub-search-list]");
    const mine = serial;
    const next = current.results.slice(shown.length, shown.length + PAGE);
    const data = await Promise.all(next.map((result) => result.data()));
    if (mine !== serial) return;
    shown.push(...data);
    const titles = new Map();
    for (const d of shown) titles.set(d.meta?.title, (titles.get(d.meta?.title) || 0) + 1);
    for (const d of data) list.append(resultItem(d, titles.get(d.meta?.title) > 1));
    root.querySelector("[data-hub-search-more]").hidden = shown.length >= current.results.length;
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
