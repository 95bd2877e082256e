// The team view: a manager drops the progress files their people exported and sees a matrix of
// capabilities × people (self-assessed and manager's levels, gaps), the milestones each passed, and
// who could coach whom. Files are read in this browser only, with store.js's own checks (a file that
// fails them is refused, with its reasons); nothing is saved, to localStorage or anywhere else.

import { loadCatalogue } from "./data.js";
import { fill, h } from "./dom.js";
import { MAX_FILE_BYTES, currentLevel, followedPaths, parse, tooLarge } from "./store.js";
import { levelIndex, levelName, milestoneState } from "./journey.js";
import { plural } from "./text.js";


/** How many levels above someone a person must be on a capability to be suggested as their coach. */
export const COACH_GAP = 2;

const mapOf = (key) => String(key).split("/")[0];

/** A person's name from their file's name: "ana-lopez.json" → "ana-lopez". */
export function nameFromFile(fileName) {
  return String(fileName).replace(/\.json$/i, "").trim() || "Unnamed";
}

/**
 * Reads one file's text as a person's progress: {ok: true, state} or {ok: false, problems}. `size`
 * is checked first, so a huge file is never parsed.
 */
export function readPerson(text, size = text.length) {
  const refused = tooLarge(size);
  return refused ? { ok: false, problems: [refused] } : parse(text);
}

/** A person's levels on a capability: self, manager (level ids or null) and the one that counts (the manager's, else their own). */
export function levelsOf(state, key) {
  const self = currentLevel(state, key, "self")?.level ?? null;
  const manager = currentLevel(state, key, "manager")?.level ?? null;
  return { self, manager, counted: manager ?? self };
}

/** The capabilities any of the people has a level on, or a milestone of a followed path asks for, by title. */
export function teamCapabilities(people, catalogue) {
  const keys = new Set();
  for (const { state } of people) {
    for (const key of Object.keys(state.levels)) {
      const { self, manager } = levelsOf(state, key);
      if (self || manager) keys.add(key);
    }
    for (const pathId of followedPaths(state)) {
      for (const milestone of catalogue.milestones?.[pathId] ?? []) if (milestone.capability) keys.add(milestone.capability);
    }
  }
  const title = (key) => catalogue.capabilities[key]?.title ?? key;
  return [...keys].sort((a, b) => title(a).localeCompare(title(b)) || a.localeCompare(b));
}

/**
 * The gaps of one person on one capability, in words: their own view differs from their manager's,
 * or a milestone of a path they follow asks for more than the level that counts.
 */
export function gapsOf(state, key, catalogue) {
  const map = mapOf(key);
  const { self, manager, counted } = levelsOf(state, key);
  const gaps = [];
  if (self && manager && self !== manager) {
    const diff = levelIndex(catalogue, map, self) - levelIndex(catalogue, map, manager);
    const levels = plural(Math.abs(diff), "level", "levels");
    gaps.push(diff > 0 ? `sees themself ${levels} above the manager's level` : `sees themself ${levels} below the manager's level`);
  }
  const have = counted ? levelIndex(catalogue, map, counted) : -1;
  for (const pathId of followedPaths(state)) {
    for (const milestone of catalogue.milestones?.[pathId] ?? []) {
      if (milestone.capability !== key) continue;
      if (milestoneState(state, catalogue, pathId, milestone).state === "passed") continue;
      const asked = levelIndex(catalogue, map, milestone.level);
      if (asked >= 0 && have < asked) gaps.push(`${levelName(catalogue, map, milestone.level)} asked by the milestone “${milestone.title}”`);
    }
  }
  return gaps;
}

/** The milestones a person has passed, by title (with their path's). */
export function passedMilestones(state, catalogue) {
  const passed = [];
  for (const path of catalogue.paths) {
    for (const milestone of catalogue.milestones?.[path.id] ?? []) {
      if (milestoneState(state, catalogue, path.id, milestone).state === "passed") passed.push({ path, milestone });
    }
  }
  return passed;
}

/**
 * Who could coach whom: on each capability, every pair where the coach's level (the manager's,
 * else their own) is at least COACH_GAP levels above the other's, or the other has none yet and the
 * coach is at least COACH_GAP levels up the scale. [{key, coach, learner, coachLevel, learnerLevel}],
 * people as indexes.
 */
export function coachingPairs(people, keys, catalogue) {
  const pairs = [];
  for (const key of keys) {
    const map = mapOf(key);
    const ranks = people.map(({ state }) => {
      const { counted } = levelsOf(state, key);
      return { level: counted, rank: counted ? levelIndex(catalogue, map, counted) : -1 };
    });
    ranks.forEach((coach, i) => {
      ranks.forEach((learner, j) => {
        if (i === j || coach.rank < 0) return;
        const from = learner.rank < 0 ? -1 : learner.rank; // no level yet: below the lowest
        if (coach.rank - from >= COACH_GAP) pairs.push({ key, coach: i, learner: j, coachLevel: coach.level, learnerLevel: learner.level });
      });
    });
  }
  return pairs;
}

function levelText(catalogue, key, level) {
  return level ? levelName(catalogue, mapOf(key), level) : "not given";
}

function matrixView(people, catalogue) {
  if (!people.length) return [h("p", { class: "hub-hint" }, "No progress file read yet.")];
  const keys = teamCapabilities(people, catalogue);
  const caption = `Levels of ${plural(people.length, "person", "people")} on ${plural(keys.length, "capability", "capabilities")}: self-assessed and manager's levels, gaps, milestones passed and challenges done.`;
  const rows = keys.map((key) => {
    const capability = catalogue.capabilities[key];
    const map = catalogue.maps[mapOf(key)];
    return h(
      "tr",
      { "data-hub-capability": key },
      h(
        "th",
        { scope: "row" },
        capability ? h("a", { href: catalogue.capabilityUrl(key) }, capability.title) : `${key} (no longer in this hub)`,
        map ? h("span", { class: "hub-team__map" }, map.title) : null,
      ),
      people.map(({ state }, index) => {
        const { self, manager } = levelsOf(state, key);
        const gaps = gapsOf(state, key, catalogue);
        return h(
          "td",
          { "data-hub-person": index, "data-hub-self-level": self ?? "", "data-hub-manager-level": manager ?? "", "data-hub-gaps": gaps.length },
          self || manager
            ? [
                h("span", { class: "hub-team__level" }, "Self: ", h("strong", {}, levelText(catalogue, key, self))),
                h("span", { class: "hub-team__level" }, "Manager: ", h("strong", {}, levelText(catalogue, key, manager))),
              ]
            : h("span", { class: "hub-team__level hub-team__none" }, "Not assessed"),
          gaps.map((gap) => h("span", { class: "hub-team__gap", "data-hub-gap": "" }, h("strong", {}, "Gap: "), gap)),
        );
      }),
    );
  });
  const milestonesRow = h(
    "tr",
    { "data-hub-row": "milestones" },
    h("th", { scope: "row" }, "Milestones passed"),
    people.map(({ state }, index) => {
      const passed = passedMilestones(state, catalogue);
      return h(
        "td",
        { "data-hub-person": index, "data-hub-passed": passed.length },
        passed.length
          ? h("ul", { class: "hub-team__milestones" }, passed.map(({ path, milestone }) => h("li", { "data-hub-milestone": `${path.id}/${milestone.id}` }, `✓ ${milestone.title} (${path.title})`)))
          : "None yet",
      );
    }),
  );
  const doneRow = h(
    "tr",
    { "data-hub-row": "challenges" },
    h("th", { scope: "row" }, "Challenges done"),
    people.map(({ state }, index) => {
      const done = Object.values(state.challenges).filter((entry) => entry.completed).length;
      return h("td", { "data-hub-person": index, "data-hub-done": done }, String(done));
    }),
  );
  return [
    h(
      "div",
      { class: "hub-team__scroll" },
      h(
        "table",
        { class: "hub-team__matrix", "data-hub-slot": "team-matrix" },
        h("caption", {}, caption),
        h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "Capability"), people.map(({ name }, index) => h("th", { scope: "col", "data-hub-person": index }, name)))),
        h("tbody", {}, rows, milestonesRow, doneRow),
      ),
    ),
  ];
}

function coachingView(people, catalogue) {
  if (people.length < 2) return [];
  const keys = teamCapabilities(people, catalogue);
  const pairs = coachingPairs(people, keys, catalogue);
  const title = (key) => catalogue.capabilities[key]?.title ?? key;
  return [
    h("h2", { id: "coaching" }, "Who could coach whom"),
    h("p", { class: "hub-hint" }, `Someone at least ${plural(COACH_GAP, "level", "levels")} above another on a capability (the manager's level when given, else their own).`),
    pairs.length
      ? h(
          "ul",
          { class: "hub-team__coaching" },
          pairs.map(({ key, coach, learner, coachLevel, learnerLevel }) =>
            h(
              "li",
              { "data-hub-coach": key, "data-hub-coach-from": coach, "data-hub-coach-to": learner },
              `${people[coach].name} (${levelText(catalogue, key, coachLevel)}) could coach ${people[learner].name} (${levelText(catalogue, key, learnerLevel)}) on ${title(key)}.`,
            ),
          ),
        )
      : h("p", {}, "No one is two levels above another on any capability yet."),
  ];
}

export async function mount(element) {
  const catalogue = await loadCatalogue(element);
  const slot = (name) => element.querySelector(`[data-hub-slot="${name}"]`);
  const report = slot("report");
  const input = element.querySelector('[data-hub-action="team-files"]');
  const drop = slot("drop");
  /** The people read so far: {name, file, state}; kept in this page only. */
  const people = [];

  function renderTable() {
    fill(slot("matrix"), matrixView(people, catalogue));
    fill(slot("coaching"), coachingView(people, catalogue));
  }

  function renderPeople() {
    if (!people.length) {
      fill(slot("people"));
      return;
    }
    fill(
      slot("people"),
      h("h2", { id: "people" }, "People"),
      h("p", { class: "hub-hint" }, "Each person is named after their file; change a name here (it is not saved)."),
      h(
        "ul",
        { class: "hub-team__people" },
        people.map((person, index) => {
          const id = `hub-team-name-${index}`;
          const field = h("input", { type: "text", id, class: "hub-input hub-input--short", value: person.name, "data-hub-field": "person-name", "data-hub-person": index });
          field.addEventListener("input", () => {
            person.name = field.value.trim() || nameFromFile(person.file);
            renderTable();
          });
          const remove = h("button", { type: "button", class: "md-button", "data-hub-action": "remove-person", "data-hub-person": index }, "Remove");
          remove.addEventListener("click", () => {
            people.splice(index, 1);
            renderPeople();
            renderTable();
            input.focus();
          });
          return h("li", {}, h("label", { for: id }, `Name for ${person.file}`), " ", field, " ", remove);
        }),
      ),
    );
  }

  async function readFiles(files) {
    const read = [];
    const refused = [];
    for (const file of files) {
      let result;
      try {
        result = file.size > MAX_FILE_BYTES ? readPerson("", file.size) : readPerson(await file.text(), file.size);
      } catch (error) {
        result = { ok: false, problems: [`the file could not be read (${error.message})`] };
      }
      if (result.ok) {
        people.push({ name: nameFromFile(file.name), file: file.name, state: result.state });
        read.push(file.name);
      } else {
        refused.push({ file: file.name, problems: result.problems });
      }
    }
    fill(
      report,
      read.length ? h("p", { "data-hub-team": "read" }, `Read ${read.join(", ")}.`) : null,
      refused.length
        ? h(
            "ul",
            { class: "hub-team__refused" },
            refused.map(({ file, problems }) =>
              h(
                "li",
                { "data-hub-refused": file },
                h("strong", {}, `Refused ${file}`),
                `: not a progress file this hub can read, so nothing from it is shown. ${problems.slice(0, 3).join("; ")}${problems.length > 3 ? ` (and ${problems.length - 3} more problems)` : ""}.`,
              ),
            ),
          )
        : null,
    );
    renderPeople();
    renderTable();
  }

  input.addEventListener("change", async () => {
    const files = [...(input.files ?? [])];
    const chosen = element.querySelector('[data-hub-slot="chosen-files"]');
    if (chosen && files.length) chosen.textContent = `Chosen: ${files.map((file) => file.name).join(", ")}`;
    await readFiles(files);
    input.value = "";
  });
  // Files dropped anywhere on the team view are read like chosen ones (never opened by the browser).
  element.addEventListener("dragover", (event) => {
    event.preventDefault();
    drop.dataset.hubDragging = "true";
  });
  element.addEventListener("dragleave", (event) => {
    if (!element.contains(event.relatedTarget)) delete drop.dataset.hubDragging;
  });
  element.addEventListener("drop", (event) => {
    event.preventDefault();
    delete drop.dataset.hubDragging;
    readFiles([...(event.dataTransfer?.files ?? [])]);
  });

  renderTable();
  return {};
}
