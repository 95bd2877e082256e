// Small DOM helpers shared by the page modules: building elements from data without innerHTML, the
// safe subset of inline Markdown that recall prompts use, dates for people, and file downloads.

/** An element with attributes and children; strings become text nodes, never markup. */
export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "dataset") Object.assign(element.dataset, value);
    else if (name === "hidden") element.hidden = Boolean(value);
    else element.setAttribute(name, value === true ? "" : String(value));
  }
  append(element, children);
  return element;
}

function append(parent, children) {
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    parent.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replaces an element's children. */
export function fill(element, ...children) {
  element.replaceChildren();
  append(element, children);
  return element;
}

const INLINE = /(`+)([^`]+?)\1|\*\*(.+?)\*\*|__(.+?)__|\*(?!\s)(.+?)\*|\b_(?!\s)(.+?)_\b|\[([^\]]+)\]\(([^)\s]+)\)/s;

/**
 * Inline Markdown as nodes: `code`, **strong**, *emphasis*, [links](url) with http(s) or relative
 * targets (relative to `base`). Everything else stays text; nothing is parsed as HTML.
 */
export function inlineMarkdown(text, base = document.baseURI) {
  const fragment = document.createDocumentFragment();
  let rest = String(text);
  while (rest) {
    const match = INLINE.exec(rest);
    if (!match) {
      fragment.append(rest);
      break;
    }
    if (match.index) fragment.append(rest.slice(0, match.index));
    const [whole, , code, strong, strong2, em, em2, label, href] = match;
    if (code !== undefined) fragment.append(h("code", {}, code));
    else if (strong !== undefined || strong2 !== undefined) fragment.append(h("strong", {}, inlineMarkdown(strong ?? strong2, base)));
    else if (em !== undefined || em2 !== undefined) fragment.append(h("em", {}, inlineMarkdown(em ?? em2, base)));
    else {
      const url = safeUrl(href, base);
      fragment.append(url ? h("a", { href: url }, inlineMarkdown(label, base)) : label);
    }
    rest = rest.slice(match.index + whole.length);
  }
  return fragment;
}

/** An absolute http(s) URL, or null for anything else (javascript:, data:, …). */
export function safeUrl(href, base = document.baseURI) {
  try {
    const url = new URL(href, base);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function language() {
  return document.documentElement.lang || undefined;
}

export function formatDate(ms) {
  return new Intl.DateTimeFormat(language(), { day: "numeric", month: "long", year: "numeric" }).format(new Date(ms));
}

export function formatDay(ms) {
  return new Intl.DateTimeFormat(language(), { weekday: "long", day: "numeric", month: "long" }).format(new Date(ms));
}

/** Starts a download of `text` as a file. */
export function download(filename, text, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = h("a", { href: url, download: filename, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Copies text to the clipboard; falls back to selecting it in `field` when the browser refuses. */
export async function copyText(text, field) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    if (field) {
      field.focus();
      field.select();
    }
    return false;
  }
}

/**
 * Runs `start` on every page the reader opens: on each page Material's instant navigation gives
 * (document$), otherwise once the page has loaded. From file:// instant navigation cannot fetch its
 * sitemap and document$ ends without giving the page: `start` then runs on load, as without it.
 */
export function onEveryPage(start) {
  const onLoad = () => {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start, { once: true });
    else start();
  };
  if (!(window.document$ && typeof window.document$.subscribe === "function")) return onLoad();
  let seen = false;
  window.document$.subscribe({
    next: () => {
      seen = true;
      start();
    },
    complete: () => {
      if (!seen) onLoad();
    },
  });
}
