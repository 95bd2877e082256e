// Deep links on capability pages, for managers who paste them into weekly check-in notes.
//
// Each level heading and each behaviour gets a visible "Copy link" button that copies the absolute
// address of its anchor (the page's own address, so it works under any sub-path). A behaviour opened
// from such a link is shown with its level heading in view, so the reader knows which level it is.

import { h } from "./dom.js";

const STATUS_TIME = 2000;

/** Copies `text`; the Clipboard API needs a secure context (https, localhost), an intranet on plain http falls back. */
async function copy(text) {
  if (navigator.clipboard && window.isSecureContext) {
    await navigator.clipboard.writeText(text);
    return;
  }
  const field = h("textarea", { readonly: "", "aria-hidden": "true", class: "hub-copy-link__field" }, text);
  document.body.append(field);
  field.select();
  const copied = document.execCommand("copy");
  field.remove();
  if (!copied) throw new Error("the browser refused to copy");
}

function button(id, what) {
  const status = h("span", { class: "hub-copy-link__status", role: "status" });
  const control = h("button", { type: "button", class: "hub-copy-link", "data-hub-copy-link": id, "aria-label": `Copy the link to ${what}` }, "Copy link");
  control.addEventListener("click", async () => {
    const address = new URL(`#${id}`, window.location.href).href;
    try {
      await copy(address);
      status.textContent = "Link copied";
    } catch (error) {
      status.textContent = `Not copied (${error.message}): ${address}`;
    }
    window.setTimeout(() => {
      status.textContent = "";
    }, STATUS_TIME);
  });
  return [control, status];
}

function levelHeading(behaviour) {
  let element = behaviour.closest("ul.hub-behaviours");
  while (element && !(element.tagName === "H3" && element.id.startsWith("level-"))) element = element.previousElementSibling;
  return element;
}

/** Scrolls so that a behaviour opened by its anchor is seen under its level heading (both, when they fit). */
export function showTarget() {
  const id = decodeURIComponent(window.location.hash.slice(1));
  const target = id && document.getElementById(id);
  if (!target || !target.matches("[data-hub-behaviour]")) return;
  const heading = levelHeading(target);
  if (!heading) return;
  // Under Material's fixed header, not behind it.
  const header = document.querySelector(".md-header")?.getBoundingClientRect().height ?? 0;
  window.scrollBy(0, heading.getBoundingClientRect().top - header - 8);
  if (target.getBoundingClientRect().bottom > window.innerHeight) target.scrollIntoView({ block: "nearest" });
}

/** Adds the copy buttons (once per element) and shows the behaviour the address points to. */
export function enhanceDeepLinks(root = document) {
  for (const heading of root.querySelectorAll('h3[id^="level-"]')) {
    if (!heading.nextElementSibling || heading.querySelector("[data-hub-copy-link]")) continue;
    if (!root.querySelector(`ul.hub-behaviours[data-hub-level="${heading.id.slice("level-".length)}"]`)) continue;
    heading.append(" ", ...button(heading.id, `the level ${heading.firstChild?.textContent?.trim() ?? ""}`));
  }
  for (const behaviour of root.querySelectorAll("li[data-hub-behaviour]")) {
    if (behaviour.querySelector("[data-hub-copy-link]")) continue;
    behaviour.append(" ", ...button(behaviour.id, "this behaviour"));
  }
  window.requestAnimationFrame(showTarget);
}

window.addEventListener("hashchange", showTarget);
