// A capability page: the learner's self-assessed level, the manager's view for this browser
// session, and what differs between the two; the level the learner's manager placed them at,
// recorded with its provenance (by "manager", a name, a date) in the progress document.

import { fill, formatDate, h } from "./dom.js";
import { MANAGER_KEY, assessLevel, currentLevel, load, setCapabilityNote, update } from "./store.js";
import { plural } from "./text.js";

function managerLevels() {
  try {
    return JSON.parse(sessionStorage.getItem(MANAGER_KEY) || "{}") || {};
  } catch {
    return {};
  }
}

function setManagerLevel(key, level) {
  const levels = managerLevels();
  if (level) levels[key] = level;
  else delete levels[key];
  try {
    sessionStorage.setItem(MANAGER_KEY, JSON.stringify(levels));
  } catch {
    /* kept on screen only */
  }
}

/** The behaviours of the levels above `lower` up to and including `upper`, read from the page. */
function behavioursBetween(levels, lower, upper) {
  const found = [];
  for (const level of levels.slice(lower + 1, upper + 1)) {
    for (const item of document.querySelectorAll(`ul.hub-behaviours[data-hub-level="${level.id}"] > li[data-hub-behaviour]`)) {
      const text = [...item.childNodes]
        .filter((node) => !(node instanceof Element && node.classList.contains("hub-anchor")))
        .map((node) => node.textContent)
        .join("")
        .trim();
      found.push({ id: item.dataset.hubBehaviour, text, level });
    }
  }
  return found;
}

export function mount(element) {
  const key = element.dataset.hubCapabilityKey;
  const selfInputs = [...element.querySelectorAll('input[name="hub-self-level"]')];
  const managerInputs = [...element.querySelectorAll('input[name="hub-manager-level"]')];
  const levels = selfInputs.filter((input) => input.value).map((input) => ({ id: input.value, name: input.parentElement.textContent.trim() }));
  const position = (id) => levels.findIndex((level) => level.id === id);
  const when = element.querySelector('[data-hub-slot="self-when"]');
  const comparison = element.querySelector('[data-hub-slot="comparison"]');

  function compare(self, manager) {
    if (!self && !manager) {
      return [h("p", {}, "Choose your level above. In a check-in, your manager can choose theirs beside it.")];
    }
    const table = h(
      "table",
      { class: "hub-self__table" },
      h("caption", {}, "Self-assessment and manager's view"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Your level"), h("th", { scope: "col" }, "Manager's view"))),
      h(
        "tbody",
        {},
        h(
          "tr",
          { "data-hub-gap": self && manager ? Math.abs(position(self) - position(manager)) : "" },
          h("td", { "data-hub-self-level": self ?? "" }, self ? levels[position(self)].name : "Not chosen"),
          h("td", { "data-hub-manager-level": manager ?? "" }, manager ? levels[position(manager)].name : "Not chosen"),
        ),
      ),
    );
    if (!self || !manager) {
      const missing = self ? "Your manager can add their view in a check-in." : "Choose your own level to compare.";
      return [table, h("p", {}, missing)];
    }
    const gap = Math.abs(position(self) - position(manager));
    if (gap === 0) {
      return [table, h("p", {}, "You see this capability at the same level. Agree on a next step towards the level above.")];
    }
    const lower = Math.min(position(self), position(manager));
    const upper = Math.max(position(self), position(manager));
    const higher = position(self) > position(manager) ? "you" : "your manager";
    const differing = behavioursBetween(levels, lower, upper);
    const parts = [table];
    if (gap >= 2) {
      parts.push(
        h(
          "div",
          { class: "admonition warning hub-self__gap", "data-hub-gap-callout": "" },
          h("p", { class: "admonition-title" }, `${plural(gap, "level", "levels")} apart: worth a conversation`),
          h(
            "p",
            {},
            "A gap this wide usually means you are looking at different work, or reading the behaviours differently. ",
            "Take one recent piece of evidence, and place it on the rubric together, criterion by criterion.",
          ),
        ),
      );
    }
    parts.push(
      h("p", {}, `Behaviours you see differently (${higher} placed these in the work, the other not yet):`),
      h(
        "ul",
        { class: "hub-self__differences" },
        differing.map((behaviour) =>
          h("li", { "data-hub-behaviour-differs": behaviour.id }, h("a", { href: `#${behaviour.id}` }, behaviour.text), ` (${behaviour.level.name})`),
        ),
      ),
    );
    return parts;
  }

  function render(state) {
    const self = currentLevel(state, key);
    const selfLevel = self && position(self.level) >= 0 ? self.level : null;
    for (const input of selfInputs) input.checked = input.value === (selfLevel ?? "");
    when.textContent = self
      ? selfLevel
        ? `Chosen on ${formatDate(Date.parse(self.at))}.`
        : `Your last choice, '${self.level}', is not a level of this map any more.`
      : "";
    const manager = managerLevels()[key];
    const managerLevel = manager && position(manager) >= 0 ? manager : null;
    for (const input of managerInputs) input.checked = input.value === (managerLevel ?? "");
    fill(comparison, compare(selfLevel, managerLevel));
    const given = currentLevel(state, key, "manager");
    if (given) {
      const name = position(given.level) >= 0 ? levels[position(given.level)].name : `'${given.level}', not a level of this map any more`;
      givenStatus.textContent = `Your manager placed you at ${name} on ${formatDate(Date.parse(given.at))}${given.name ? ` (${given.name})` : ""}.`;
    }
    if (note && document.activeElement !== note) note.value = state.notes?.[key]?.text ?? "";
  }

  const givenInputs = [...element.querySelectorAll('input[name="hub-given-level"]')];
  const givenDate = element.querySelector('[data-hub-field="given-date"]');
  const givenName = element.querySelector('[data-hub-field="given-name"]');
  const givenEvidence = element.querySelector('[data-hub-field="given-evidence"]');
  const givenStatus = element.querySelector('[data-hub-slot="given-status"]');
  const localDay = (time) => {
    const d = new Date(time);
    return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
  };
  givenDate.value = localDay(Date.now());
  givenDate.max = localDay(Date.now());
  element.querySelector('[data-hub-action="record-given-level"]').addEventListener("click", () => {
    const level = givenInputs.find((input) => input.checked)?.value;
    const day = givenDate.value;
    const today = localDay(Date.now());
    if (!level) {
      givenStatus.textContent = "Choose the level your manager placed you at.";
      givenInputs[0].focus();
      return;
    }
    if (!/^\d{4}-\d{2}-\d{2}$/.test(day) || day > today) {
      givenStatus.textContent = "Give the day your manager placed you (today or earlier).";
      givenDate.focus();
      return;
    }
    // Today's record keeps the time; an earlier day is recorded at its noon, UTC.
    const at = day === today ? Date.now() : Date.parse(`${day}T12:00:00.000Z`);
    const { state, saved } = update((s) => assessLevel(s, key, level, at, { by: "manager", name: givenName.value, evidence: givenEvidence.value }));
    render(state);
    if (!saved) givenStatus.textContent = "Could not save: the browser's storage is full or turned off.";
  });

  const note = element.querySelector('[data-hub-field="capability-note"]');
  const noteSaved = element.querySelector('[data-hub-slot="note-saved"]');
  note?.addEventListener("change", () => {
    const { saved } = update((s) => setCapabilityNote(s, key, note.value, Date.now()));
    noteSaved.textContent = saved ? "Saved in this browser, with your progress." : "Could not save: the browser's storage is full or turned off.";
  });

  for (const input of selfInputs) {
    input.addEventListener("change", () => {
      if (!input.checked) return;
      render(update((s) => assessLevel(s, key, input.value, Date.now())).state);
    });
  }
  for (const input of managerInputs) {
    input.addEventListener("change", () => {
      if (!input.checked) return;
      setManagerLevel(key, input.value);
      render(load().state);
      // The manager's view lives in sessionStorage, out of the store: say so, so the marks (the level ladder) follow.
      window.dispatchEvent(new CustomEvent("competency-hub:progress"));
    });
  }
  render(load().state);
  return { refresh: () => render(load().state) };
}
