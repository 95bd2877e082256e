// The check-in guide of a capability page as a one-page printed card.
//
// "Print check-in card" puts the page in card mode (a class on <body>: learner.css lays the guide
// out in columns and, in print, hides everything else), scales the card down if it would not fit on
// one A4 landscape page, and opens the browser's print dialog. Card mode ends after printing.
// Above the guide (on the page and on the card) it shows the learning paths the learner follows,
// with their progress, and the milestones they recorded for this capability.

import { loadCatalogue } from "./data.js";
import { fill, h } from "./dom.js";
import { followed, progressText } from "./journey.js";
import { milestoneLine } from "./plan.js";
import { load } from "./store.js";

const PAGE = { width: 277, height: 190 }; // A4 landscape less 10 mm margins, in millimetres
const PX_PER_MM = 96 / 25.4;
const MIN_ZOOM = 0.55;

/** The zoom that fits the card's parts on one page, measured in card mode (1 when it fits). */
export function fitZoom(parts) {
  let height = 0;
  for (const part of parts) {
    const style = getComputedStyle(part);
    height += part.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  }
  const available = PAGE.height * PX_PER_MM * 0.97; // a little room for rounding in the print layout
  return Math.max(MIN_ZOOM, Math.min(1, available / height));
}

export function printCard() {
  const body = document.body;
  const article = document.querySelector("article.md-content__inner");
  const parts = [article.querySelector("h1"), document.getElementById("check-in"), article.querySelector(".hub-check-in")].filter(Boolean);
  body.classList.add("hub-card-mode");
  article.style.removeProperty("--hub-card-zoom");
  article.style.setProperty("--hub-card-zoom", String(fitZoom(parts)));
  const end = () => {
    body.classList.remove("hub-card-mode");
    article.style.removeProperty("--hub-card-zoom");
  };
  window.addEventListener("afterprint", end, { once: true });
  window.print();
}

/** The followed paths (with progress) and this capability's recorded milestones, as elements; [] if none. */
export function journeyParts(state, catalogue, capabilityKey) {
  const paths = followed(state, catalogue);
  const milestones = [];
  for (const [pathId, list] of Object.entries(catalogue.milestones ?? {})) {
    for (const milestone of list) {
      const history = state.milestones[`${pathId}/${milestone.id}`] ?? [];
      const record = history[history.length - 1];
      if (record && milestone.capability === capabilityKey) milestones.push({ key: `${pathId}/${milestone.id}`, ...record });
    }
  }
  if (!paths.length && !milestones.length) return [];
  return [
    h("h3", {}, "Your learning paths and milestones"),
    paths.length
      ? h("ul", {}, paths.map(({ path, progress }) => h("li", { "data-hub-card-path": path.id }, `${path.title}: ${progressText(progress)}`)))
      : h("p", {}, "You follow no learning path."),
    milestones.length
      ? h("ul", {}, milestones.map((entry) => h("li", { "data-hub-card-milestone": entry.key }, milestoneLine(entry, catalogue))))
      : h("p", {}, "No milestone of this capability recorded yet."),
  ];
}

export async function mount(element) {
  element.querySelector('[data-hub-action="print-card"]').addEventListener("click", printCard);
  const guide = element.closest(".hub-check-in");
  const slot = guide?.querySelector("[data-hub-check-in-journey]");
  if (!slot) return {};
  const catalogue = await loadCatalogue(element);
  const render = () => {
    const parts = journeyParts(load().state, catalogue, guide.dataset.hubCapability);
    fill(slot, parts);
    slot.hidden = !parts.length;
  };
  window.addEventListener("competency-hub:progress", function onProgress() {
    if (slot.isConnected) render();
    else window.removeEventListener("competency-hub:progress", onProgress);
  });
  render();
  return { refresh: render };
}
