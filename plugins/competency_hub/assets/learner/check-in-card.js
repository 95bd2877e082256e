// The check-in guide of a capability page as a one-page printed card.
//
// "Print check-in card" puts the page in card mode (a class on <body>: learner.css lays the guide
// out in columns and, in print, hides everything else) and opens the browser's print dialog. Card
// mode ends after printing. The card is printed at 12 CSS px (9 pt) or more on a landscape page
// whose paper the printer picks (A4 or US Letter): it is never scaled down; it fits one page by its
// layout (levels side by side, tight spacing). In card mode it also carries:
// - a heading line with the map, and the learner's self-assessed level and the level their manager
//   placed them at when the progress document knows them (also marked, in words, on their level);
// - fields to fill in by hand: learner, date, evidence discussed, agreed next step;
// - the address of the guide (this page + "#check-in") to get back to it, with a QR code of it.
// Above the guide (on the page and on the card) it shows the learning paths the learner follows,
// with their progress, and the milestones they recorded for this capability.

import { loadCatalogue } from "./data.js";
import { fill, formatDate, h } from "./dom.js";
import { followed, levelName, progressText } from "./journey.js";
import { milestoneLine } from "./plan.js";
import { qrSvg } from "./qr.js";
import { currentLevel, load } from "./store.js";

/** The anchor of the check-in guide on a capability page: the card's address ends with it. */
export const CARD_ANCHOR = "check-in";

/** The absolute address of the check-in guide of the page at `href` (its own anchor replaced). */
export function cardAddress(href = location.href) {
  const url = new URL(href);
  url.hash = CARD_ANCHOR;
  return url.href;
}

/** The learner's self-assessed level and the level their manager placed them at ({level, name, at, who}), or null each. */
export function cardLevels(state, catalogue, capabilityKey) {
  const mapId = String(capabilityKey).split("/")[0];
  const known = (record) =>
    record ? { level: record.level, name: levelName(catalogue, mapId, record.level), at: record.at, who: record.name ?? "" } : null;
  return { self: known(currentLevel(state, capabilityKey)), manager: known(currentLevel(state, capabilityKey, "manager")) };
}

function when(record) {
  const day = Date.parse(record.at);
  const parts = [record.who, Number.isNaN(day) ? "" : formatDate(day)].filter(Boolean);
  return parts.length ? ` (${parts.join(", ")})` : "";
}

/** The card's heading line: the map, and the two levels in words ("not recorded" when unknown). */
function cardHead(levels, mapTitle) {
  const level = (label, record, role) =>
    h("span", { "data-hub-card-level": role }, h("strong", {}, `${label}: `), record ? `${record.name}${when(record)}` : "not recorded");
  return h(
    "p",
    { class: "hub-card__head", "data-hub-card": "head" },
    mapTitle ? h("span", { class: "hub-card__map" }, `Check-in card · ${mapTitle}`) : "Check-in card",
    level("Self-assessed level", levels.self, "self"),
    level("Manager's level", levels.manager, "manager"),
  );
}

/** The fields to fill in by hand, and the guide's address with its QR code. */
function cardFooter(address) {
  const field = (name, label, lines) =>
    h("div", { class: `hub-card__field hub-card__field--${name}`, "data-hub-card-field": name },
      h("span", { class: "hub-card__label" }, label),
      Array.from({ length: lines }, () => h("span", { class: "hub-card__line" })));
  // A phone cannot open a file path: a page opened from file:// prints its address but no QR code.
  const qr = location.protocol === "file:" ? null : qrSvg(address, "QR code of this check-in guide's address", "L");
  return h(
    "div",
    { class: "hub-card__footer", "data-hub-card": "footer" },
    h("div", { class: "hub-card__fields" },
      field("learner", "Learner", 1),
      field("date", "Date", 1),
      field("evidence", "Evidence discussed", 4),
      field("next-step", "Agreed next step", 4)),
    h("div", { class: "hub-card__where" },
      qr,
      h("p", { class: "hub-card__address" }, "Back to this guide: ", h("span", { "data-hub-card-address": "" }, address))),
  );
}

/**
 * The questions every level asks alike (walk me through your latest evidence…) once for the card,
 * above the levels, instead of in each column: hides the repeats (listed in `hidden`) and returns
 * the shared list as elements to add ([] when no question is shared).
 */
function shareQuestions(guide, hidden) {
  const levels = [...guide.querySelectorAll(":scope > .hub-check-in__level")];
  if (levels.length < 2) return [];
  const items = levels.map((level) => [...level.querySelectorAll(":scope > ul > li")]);
  const text = (li) => li.textContent.trim();
  const shared = items[0].filter((li) => items.every((list) => list.some((other) => text(other) === text(li))));
  if (!shared.length) return [];
  const texts = new Set(shared.map(text));
  for (const list of items) {
    for (const li of list) {
      if (!texts.has(text(li))) continue;
      li.classList.add("hub-card-hidden");
      hidden.push(li);
      const ul = li.parentElement;
      const label = ul.previousElementSibling;
      if ([...ul.children].every((item) => item.classList.contains("hub-card-hidden")) && label?.tagName === "P") {
        ul.classList.add("hub-card-hidden");
        label.classList.add("hub-card-hidden");
        hidden.push(ul, label);
      }
    }
  }
  const block = h(
    "div",
    { class: "hub-card__every", "data-hub-card": "every-level" },
    h("p", {}, h("strong", {}, "Questions to ask at every level")),
    h("ul", {}, shared.map((li) => h("li", {}, ...[...li.cloneNode(true).childNodes]))),
  );
  levels[0].before(block);
  return [block];
}

/** The printable area the card must fit on either paper, landscape less 7 mm margins, in CSS px:
 * the width of US Letter (279.4 mm) and the height of A4 (210 mm), the smaller of each. */
const PX_PER_MM = 96 / 25.4;
export const PRINTABLE = { width: (279.4 - 14) * PX_PER_MM, height: (210 - 14) * PX_PER_MM };
/** Denser layouts tried in turn when the card would not fit: more columns, tighter lines; the text stays 12 px. */
export const DENSER = ["hub-card--dense", "hub-card--denser"];
/** The layout with more room to write, when the card is short enough. */
export const ROOMY = "hub-card--roomy";

/** The card's height at the printable width, measured in card mode (the parts print shows). */
export function cardHeight(article) {
  const saved = article.style.width;
  article.style.width = `${PRINTABLE.width}px`;
  let height = 0;
  const parts = [article.querySelector("h1"), ...article.querySelectorAll(".hub-check-in > [data-hub-card], .hub-check-in > .hub-check-in__journey:not([hidden])")];
  for (const part of parts.filter(Boolean)) {
    const style = getComputedStyle(part);
    if (style.display === "none") continue;
    height += part.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  }
  article.style.width = saved;
  return height;
}

/**
 * Applies the first layout (normal, then each of DENSER) whose card fits the printable height, or
 * ROOMY (taller fields to write in) when the card leaves room for it; returns its class ("" for normal).
 */
export function fitLayout(article) {
  const available = PRINTABLE.height * 0.97; // a little room for rounding in the print layout
  let chosen = "";
  article.classList.remove(ROOMY, ...DENSER);
  for (const name of DENSER) {
    if (cardHeight(article) <= available) break;
    article.classList.add(name);
    chosen = name;
  }
  if (!chosen) {
    article.classList.add(ROOMY);
    if (cardHeight(article) <= available) return ROOMY;
    article.classList.remove(ROOMY);
  }
  return chosen;
}

/** Puts the page in card mode and adds the card's own parts; returns the function that ends it. */
export function enterCardMode(guide = document.querySelector(".hub-check-in"), catalogue = null) {
  const body = document.body;
  const added = [];
  const hidden = [];
  let restore = () => {};
  if (guide) {
    const key = guide.dataset.hubCapability ?? "";
    const levels = catalogue ? cardLevels(load().state, catalogue, key) : { self: null, manager: null };
    const mapTitle = catalogue?.maps[key.split("/")[0]]?.title ?? "";
    const head = cardHead(levels, mapTitle);
    guide.prepend(head);
    added.push(head);
    for (const [role, label] of [["self", "Self-assessed level"], ["manager", "Manager's level"]]) {
      const record = levels[role];
      const heading = record && guide.querySelector(`.hub-check-in__level > h3#check-in-${CSS.escape(record.level)}`);
      if (!heading) continue;
      const mark = h("p", { class: "hub-card__mark", "data-hub-card-mark": role }, `◆ ${label}${when(record)}`);
      heading.after(mark);
      added.push(mark);
    }
    added.push(...shareQuestions(guide, hidden));
    // The opening questions and the levels flow through balanced columns (a level may continue
    // at the top of the next column): the card is as short as its text allows, at 12 px.
    const flow = h("div", { class: "hub-card__flow", "data-hub-card": "flow" });
    const moved = [...guide.children].filter((child) => !child.matches(".hub-card__head, .hub-print-card, [data-hub-check-in-journey]"));
    moved[0]?.before(flow);
    flow.append(...moved);
    const footer = cardFooter(cardAddress());
    guide.append(footer);
    added.push(footer);
    restore = () => {
      flow.before(...moved);
      flow.remove();
    };
  }
  body.classList.add("hub-card-mode");
  const article = guide?.closest("article") ?? null;
  if (article) fitLayout(article);
  return () => {
    body.classList.remove("hub-card-mode");
    article?.classList.remove(ROOMY, ...DENSER);
    restore();
    for (const element of added) element.remove();
    for (const element of hidden) element.classList.remove("hub-card-hidden");
  };
}

export function printCard(guide, catalogue) {
  const end = enterCardMode(guide?.classList?.contains("hub-check-in") ? guide : undefined, catalogue);
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
  const guide = element.closest(".hub-check-in");
  let catalogue = null;
  element.querySelector('[data-hub-action="print-card"]').addEventListener("click", () => printCard(guide, catalogue));
  const slot = guide?.querySelector("[data-hub-check-in-journey]");
  if (!slot) return {};
  catalogue = await loadCatalogue(element);
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
