// Reading what the build published for the scripts: the catalogue (learner-data.json) and the
// recall prompts of one challenge (recall/<id>.json). Each is fetched once per page view.

const cache = new Map();

/** Where the data files are, for the keys of their scripts (render/classic_bundle.py `data_script`). */
const DATA_FOLDER = "/assets/competency-hub/";

/**
 * A data file from its script twin (<name>.js beside <name>.json), which registers it on
 * window.competencyHubData: the file-share copy's way, since fetch() reads no file from file://
 * but a page may still add a classic script.
 */
function scriptData(url) {
  const address = new URL(url);
  const at = address.pathname.lastIndexOf(DATA_FOLDER);
  if (at < 0 || !address.pathname.endsWith(".json")) return Promise.reject(new Error(`${url}: not a data file of the hub`));
  const key = decodeURIComponent(address.pathname.slice(at + DATA_FOLDER.length));
  const registry = window.competencyHubData;
  if (key in registry) return Promise.resolve(registry[key]);
  return new Promise((resolve, reject) => {
    const script = document.createElement("script");
    script.src = new URL(address.pathname.replace(/\.json$/, ".js"), address).href;
    script.onload = () => {
      script.remove();
      if (key in registry) resolve(registry[key]);
      else reject(new Error(`${script.src} did not give the data of ${key}`));
    };
    script.onerror = () => {
      script.remove();
      reject(new Error(`${script.src} could not be loaded`));
    };
    document.head.append(script);
  });
}

/** The learner tools run as the file-share bundle, which reads data files from their scripts. */
export function dataFromScripts() {
  return typeof window.competencyHubData === "object" && window.competencyHubData !== null;
}

/** A data file of the hub, read once per page view. */
export async function fetchJson(url) {
  if (!cache.has(url) && dataFromScripts()) cache.set(url, scriptData(url));
  if (!cache.has(url)) {
    // An address with ?v=<digest> changes whenever the build changes the file, so any cached copy
    // is right. Without it (pages that only show progress marks), ask the server whether the copy
    // is still current: a rebuilt hub must not mark pages from last week's catalogue.
    const versioned = new URL(url).searchParams.has("v");
    cache.set(
      url,
      fetch(url, versioned ? {} : { cache: "no-cache" }).then((response) => {
        if (!response.ok) throw new Error(`${url}: ${response.status} ${response.statusText}`);
        return response.json();
      }),
    );
  }
  try {
    return await cache.get(url);
  } catch (error) {
    cache.delete(url);
    throw error;
  }
}

/**
 * The catalogue whose address a page gives in data-hub-data, with helpers bound to it:
 * `url(kind, values)` is the absolute address of a page (kinds as in catalogue.pages).
 */
export async function loadCatalogue(element) {
  return loadCatalogueAt(element?.dataset.hubData ? new URL(element.dataset.hubData, document.baseURI) : defaultDataUrl());
}

/**
 * Where the catalogue is when a page does not say (pages without a learner tool of their own: the
 * decorated lists, the home page): beside this script, revalidated with the server (fetchJson).
 */
function defaultDataUrl() {
  const pageData = document.querySelector("[data-hub-data]");
  if (pageData) return new URL(pageData.dataset.hubData, document.baseURI);
  return new URL("../learner-data.json", import.meta.url);
}

async function loadCatalogueAt(dataUrl) {
  const catalogue = await fetchJson(dataUrl.href);
  if (catalogue.version !== 1) throw new Error(`learner-data.json has version ${catalogue.version}; this script reads 1`);
  const root = new URL("../../", dataUrl); // the data lives at <root>/assets/competency-hub/
  const url = (kind, values = {}) => {
    const pattern = catalogue.pages[kind];
    const path = pattern.replace(/\{(\w+)\}/g, (_, name) => encodeURIComponent(values[name] ?? ""));
    return new URL(path, root).href;
  };
  return {
    ...catalogue,
    root: root.href,
    url,
    challengeUrl: (id) => url("challenge", { id }),
    capabilityUrl: (key) => {
      const [map, capability] = String(key).split("/");
      return url("capability", { map, capability });
    },
    recallUrl: (id) => `${url("recall", { id })}${dataUrl.search}`,
  };
}

/** The recall prompts of the given challenges: Map of "challenge/recall-id" → {prompt, answer}. */
export async function loadPrompts(catalogue, challengeIds) {
  const prompts = new Map();
  const files = await Promise.all(
    [...new Set(challengeIds)].map((id) => fetchJson(catalogue.recallUrl(id)).catch(() => null)),
  );
  for (const file of files) {
    if (!file) continue;
    for (const item of file.recall) prompts.set(`${file.challenge}/${item.id}`, item);
  }
  return prompts;
}
