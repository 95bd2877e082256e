// Progress marks: any element of any page that carries one of these attributes gets the learner's
// state, as words (not colour alone) and as a data attribute for styles and tests:
//
//   data-hub-mark-challenge="<challenge-id>"          → data-hub-state="done" | "next" | "todo"
//   data-hub-mark-capability="<map-id>/<capability>"  → data-hub-state="placed" | "todo", with the
//                                                       learner's level and the manager's, if recorded
//   data-hub-mark-path="<path-id>"                    → data-hub-state="following" | "done" | "todo"
//   data-hub-follow="<path-id>"                       → filled with a Follow / Following toggle
//                                                       button (aria-pressed), then shown
//
// An element with data-hub-mark-capability that is a level ladder ([data-hub-ladder]) also marks its
// steps [data-hub-ladder-level]: data-hub-ladder-mark="self" / "manager" / "self manager" / "", a
// "You" or "Manager" badge in words, and data-hub-reached up to the learner's level.
//
// "next" is the next step of a followed path, or, inside an element with data-hub-path="<id>", of
// that path. The mark is a <span data-hub-mark> inside the element, replaced on every run, so the
// module can run again safely (main.js runs it on every page of Material's instant navigation and
// whenever progress changes). An SVG element (a node of a map's capability graph) cannot hold an HTML
// span: its mark is written into its own empty <text data-hub-mark-slot>, in short words that fit.

import { loadCatalogue } from "./data.js";
import { fill, h } from "./dom.js";
import { followed, levelName, nextSteps, pathProgress } from "./journey.js";
import { MANAGER_KEY, currentLevel, followPath, isCompleted, load, update } from "./store.js";

const WORDS = { done: "✓ done", next: "→ next", todo: "to do" };

function managerView(key) {
  try {
    return (JSON.parse(sessionStorage.getItem(MANAGER_KEY) || "{}") || {})[key] ?? null;
  } catch {
    return null;
  }
}

function mark(element, state, text, { hiddenText = false, short = text } = {}) {
  element.dataset.hubState = state;
  if (element instanceof SVGElement) {
    const slot = element.querySelector("[data-hub-mark-slot]");
    if (slot) {
      slot.textContent = hiddenText ? "" : short;
      slot.dataset.hubMark = state;
    }
    return;
  }
  element.querySelector(":scope > [data-hub-mark]")?.remove();
  element.append(
    h("span", { class: `hub-mark hub-mark--${state}${hiddenText ? " hub-visually-hidden" : ""}`, "data-hub-mark": state }, ` ${text}`),
  );
}

// A level ladder (templates/learner/_ladder.html.j2): its steps [data-hub-ladder-level] get the marks. The
// learner's step gets a "You" badge and the manager's a "Manager" badge (words, for everyone: the
// badge's text is read with the level's name); the steps up to the learner's are "reached".
const BADGES = { self: ["You", "your level"], manager: ["Manager", "your manager's level"] };

function markLadder(ladder, self, manager) {
  const steps = [...ladder.querySelectorAll("[data-hub-ladder-level]")];
  const reached = steps.findIndex((step) => step.dataset.hubLadderLevel === self);
  steps.forEach((step, i) => {
    const level = step.dataset.hubLadderLevel;
    const who = [level === self && "self", level === manager && "manager"].filter(Boolean);
    step.dataset.hubLadderMark = who.join(" ");
    step.toggleAttribute("data-hub-reached", i <= reached);
    const target = step.querySelector("a") ?? step;
    for (const badge of target.querySelectorAll(":scope > [data-hub-ladder-badge]")) badge.remove();
    for (const role of who) {
      const [word, spoken] = BADGES[role];
      target.append(
        h(
          "span",
          { class: `hub-ladder__badge hub-ladder__badge--${role}`, "data-hub-ladder-badge": role },
          h("span", { class: "hub-visually-hidden" }, " ("),
          word,
          h("span", { class: "hub-visually-hidden" }, `: ${spoken})`),
        ),
      );
    }
  });
}

function challengeState(state, catalogue, id, element, next) {
  if (isCompleted(state, id)) return "done";
  const scope = element.closest("[data-hub-path]")?.dataset.hubPath;
  const path = scope ? catalogue.paths.find((p) => p.id === scope) : null;
  if (path) return pathProgress(state, catalogue, path).next === id ? "next" : "todo";
  return next.has(id) ? "next" : "todo";
}

/** Marks every element under `root` that carries a data-hub-mark-* attribute. */
export async function decorate(root = document) {
  const challenges = root.querySelectorAll("[data-hub-mark-challenge]");
  const capabilities = root.querySelectorAll("[data-hub-mark-capability]");
  const paths = root.querySelectorAll("[data-hub-mark-path]");
  const follows = root.querySelectorAll("[data-hub-follow]");
  if (!challenges.length && !capabilities.length && !paths.length && !follows.length) return;
  const catalogue = await loadCatalogue(null);
  const { state } = load();
  const next = nextSteps(state, catalogue);
  for (const element of challenges) {
    const status = challengeState(state, catalogue, element.dataset.hubMarkChallenge, element, next);
    mark(element, status, WORDS[status], { hiddenText: status === "todo" });
  }
  for (const element of capabilities) {
    const key = element.dataset.hubMarkCapability;
    const map = key.split("/")[0];
    const self = currentLevel(state, key);
    const recorded = currentLevel(state, key, "manager");
    const manager = recorded?.level ?? managerView(key);
    const parts = [];
    if (self) parts.push(`your level: ${levelName(catalogue, map, self.level)}`);
    if (manager) parts.push(`manager's: ${levelName(catalogue, map, manager)}`);
    element.dataset.hubSelfLevel = self?.level ?? "";
    element.dataset.hubManagerLevel = manager ?? "";
    const short = self ? `✓ you: ${levelName(catalogue, map, self.level)}` : `✓ manager: ${levelName(catalogue, map, manager)}`;
    if (parts.length) mark(element, "placed", `(${parts.join(" · ")})`, { short, hiddenText: element.matches("[data-hub-ladder]") });
    else mark(element, "todo", "(level not chosen)", { hiddenText: true });
    if (element.matches("[data-hub-ladder]")) markLadder(element, self?.level ?? null, manager);
  }
  const following = new Set(followed(state, catalogue).map(({ path }) => path.id));
  for (const element of paths) {
    const path = catalogue.paths.find((p) => p.id === element.dataset.hubMarkPath);
    if (!path) continue;
    const progress = pathProgress(state, catalogue, path);
    const count = `${progress.done.length} of ${progress.steps.length} done`;
    if (progress.complete && progress.done.length) mark(element, "done", `✓ ${count}`);
    else if (following.has(path.id)) mark(element, "following", `(following · ${count})`);
    else if (progress.done.length) mark(element, "todo", `(${count})`);
    else mark(element, "todo", "(not started)", { hiddenText: true });
  }
  for (const element of follows) followToggle(element, catalogue, following);
}

/**
 * A Follow button for the path named by the element's data-hub-follow (on path cards and lists,
 * where the path page's own button is a click away). Pressing it saves at once; the progress event
 * runs decorate again, which redraws every mark and toggle of the page.
 */
function followToggle(element, catalogue, following) {
  const path = catalogue.paths.find((p) => p.id === element.dataset.hubFollow);
  if (!path) return;
  const on = following.has(path.id);
  const button = h(
    "button",
    { type: "button", class: `md-button hub-follow__button${on ? " md-button--primary" : ""}`, "aria-pressed": String(on), "data-hub-action": "follow", "aria-label": `${on ? "Following" : "Follow"} the path ${path.title}` },
    on ? "✓ Following" : "Follow",
  );
  button.addEventListener("click", () => update((state) => followPath(state, path.id, !on, Date.now())));
  fill(element, button);
  element.hidden = false;
}
