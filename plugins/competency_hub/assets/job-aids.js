/* competency-hub: checklists that work as checklists, on a job aid's page and in its embed.
 *
 * Progressive enhancement: without JavaScript a checklist is a readable list with empty boxes, and
 * prints as a blank copy. With it, each item becomes a checkbox whose tick is kept in this browser
 * only (localStorage, key `competency-hub:v1:job-aid:<id>`, a JSON list of the ticked items' keys;
 * docs/guide/job-aids.md), with a count, a Reset button and a "Print a blank copy" button. Nothing
 * is sent anywhere; no cookie. Every text is a text node (dom.js's `h`), never HTML.
 *
 * An ES module, loaded on every page like the story finder: with Material's instant navigation it
 * starts again on every page the reader opens (Material's document$). The file-share copy loads it
 * as one classic script with dom.js (render/classic_bundle.py), since file:// loads no module.
 */

import { h, onEveryPage } from "./learner/dom.js";

function storage() {
  try {
    const store = window.localStorage;
    store.getItem("competency-hub:v1:probe");
    return store;
  } catch (error) {
    return null; // private modes may refuse storage: ticks then last for the page view
  }
}

function readTicks(store, key) {
  try {
    const value = JSON.parse((store && store.getItem(key)) || "[]");
    return new Set(Array.isArray(value) ? value.filter((item) => typeof item === "string") : []);
  } catch (error) {
    return new Set();
  }
}

function enhance(list) {
  if (list.hasAttribute("data-hub-checklist-ready")) return;
  const key = list.getAttribute("data-hub-storage-key");
  const items = Array.from(list.querySelectorAll("li.hub-checklist__item[data-hub-item]"));
  if (!key || !items.length) return;
  const store = storage();
  const ticked = readTicks(store, key);
  const count = h("span", { class: "hub-checklist__count", role: "status", "aria-live": "polite" });
  const save = () => {
    const known = items.map((item) => item.getAttribute("data-hub-item"));
    const kept = known.filter((id) => ticked.has(id));
    if (store) {
      if (kept.length) store.setItem(key, JSON.stringify(kept));
      else store.removeItem(key);
    }
    count.textContent = `${kept.length} of ${items.length} ticked`;
  };
  const boxes = items.map((item, i) => {
    const id = item.getAttribute("data-hub-item");
    const box = h("input", { type: "checkbox", "data-hub-check": id });
    const text = h("span", { class: "hub-checklist__text" });
    const placeholder = item.querySelector(":scope > .hub-checklist__box, :scope > p > .hub-checklist__box");
    const host = placeholder ? placeholder.parentElement : item;
    if (placeholder) placeholder.remove();
    while (host.firstChild) text.append(host.firstChild);
    const label = h("label", { class: "hub-checklist__label" }, box, text);
    host.append(label);
    box.checked = ticked.has(id);
    if (box.checked) item.setAttribute("data-hub-ticked", "");
    box.addEventListener("change", () => {
      if (box.checked) {
        ticked.add(id);
        item.setAttribute("data-hub-ticked", "");
      } else {
        ticked.delete(id);
        item.removeAttribute("data-hub-ticked");
      }
      save();
    });
    return box;
  });
  const reset = h("button", { type: "button", "data-hub-checklist-reset": "" }, "Reset");
  reset.addEventListener("click", () => {
    ticked.clear();
    for (const box of boxes) box.checked = false;
    for (const item of items) item.removeAttribute("data-hub-ticked");
    save();
  });
  const print = h("button", { type: "button", "data-hub-checklist-print": "" }, "Print a blank copy");
  print.addEventListener("click", () => window.print());
  const tools = h("div", { class: "hub-checklist__tools", "data-hub-checklist-tools": "" }, count, reset, print);
  list.prepend(tools);
  save();
  list.setAttribute("data-hub-checklist-ready", "true");
}

function init() {
  for (const list of document.querySelectorAll("[data-hub-checklist]")) enhance(list);
}

onEveryPage(init); // on each page of Material's instant navigation, or on load (from file://)
