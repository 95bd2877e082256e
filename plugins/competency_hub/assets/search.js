// The header search of a served hub, backed by Pagefind (see mkdocs/search.py and
// theme-pagefind/partials/search.html). Drives Material's search markup with Material's keys:
// "/", "s" or "f" open the search, arrows move through the results, Enter opens one, Escape closes.
// Pagefind's script and index come from the site itself (pagefind/), loaded on the first search,
// and fetch only the parts of the index that a query needs.

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

  let pagefind = null;
  let kind = null; // the kind the reader filters on, or null for all
  let shown = [];
  let current = null; // the results of the last search
  let serial = 0;

  function t(key, fallback) {
    return translations[key] || fallback;
  }

  function load() {
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
    if (duplicate && !meta.context) context.append(document.createTextNode(" " + data.url));
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
    const engine = await load();
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
