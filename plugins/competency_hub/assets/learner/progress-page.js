// The progress page: paths with progress bars, self-assessed levels, completed challenges, and the
// learner's data (export, import, forget).

import { loadCatalogue } from "./data.js";
import { download, fill, formatDate, h, safeUrl } from "./dom.js";
import { dueToday, scheduledPrompts } from "./queue.js";
import {
  currentLevel,
  exportText,
  forget,
  load,
  merge,
  parse,
  save,
  storageArea,
  unchanged,
} from "./store.js";
import { plural } from "./text.js";

function pathsView(state, catalogue) {
  if (!catalogue.paths.length) return [h("p", {}, "This hub has no learning paths yet.")];
  const rows = catalogue.paths.map((path) => {
    const steps = path.steps.filter((id) => catalogue.challenges[id]);
    const done = steps.filter((id) => state.challenges[id]?.completed);
    const next = steps.find((id) => !state.challenges[id]?.completed);
    return { path, steps, done, next };
  });
  rows.sort((a, b) => b.done.length / (b.steps.length || 1) - a.done.length / (a.steps.length || 1));
  return [
    h(
      "ul",
      { class: "hub-progress__paths" },
      rows.map(({ path, steps, done, next }) => {
        const labelId = `hub-path-${path.id}`;
        return h(
          "li",
          { "data-hub-path": path.id, "data-hub-done": done.length, "data-hub-steps": steps.length },
          h("a", { id: labelId, href: catalogue.url("path", { id: path.id }) }, path.title),
          h("progress", { max: steps.length, value: done.length, "aria-labelledby": labelId, "aria-describedby": `${labelId}-count` }),
          h("span", { id: `${labelId}-count`, class: "hub-progress__count" }, `${done.length} of ${plural(steps.length, "challenge", "challenges")} done`),
          next && done.length
            ? h("span", { class: "hub-progress__next" }, " · next: ", h("a", { href: catalogue.challengeUrl(next) }, catalogue.challenges[next].title))
            : null,
        );
      }),
    ),
  ];
}

function capabilitiesView(state, catalogue) {
  const keys = new Set(Object.keys(state.levels).filter((key) => currentLevel(state, key)));
  const doneBy = new Map();
  for (const [id, entry] of Object.entries(state.challenges)) {
    const capability = catalogue.challenges[id]?.capability;
    if (!entry.completed || !capability) continue;
    keys.add(capability);
    doneBy.set(capability, (doneBy.get(capability) ?? 0) + 1);
  }
  if (!keys.size) {
    return [h("p", {}, "No level chosen yet. Open a capability page and choose your level under “Your level and your manager's view”.")];
  }
  const rows = [...keys].sort((a, b) => (catalogue.capabilities[a]?.title ?? a).localeCompare(catalogue.capabilities[b]?.title ?? b));
  return [
    h(
      "table",
      { class: "hub-progress__levels" },
      h(
        "thead",
        {},
        h("tr", {}, ["Capability", "Map", "Your level", "Challenges done"].map((title) => h("th", { scope: "col" }, title))),
      ),
      h(
        "tbody",
        {},
        rows.map((key) => {
          const capability = catalogue.capabilities[key];
          const map = catalogue.maps[key.split("/")[0]];
          const level = currentLevel(state, key);
          const name = level ? (map?.scale.find(([id]) => id === level.level)?.[1] ?? level.level) : null;
          return h(
            "tr",
            { "data-hub-capability": key, "data-hub-level": level?.level ?? "" },
            h("td", {}, capability ? h("a", { href: catalogue.capabilityUrl(key) }, capability.title) : `${key} (no longer in this hub)`),
            h("td", {}, map?.title ?? ""),
            h("td", {}, name ? [name, h("span", { class: "hub-hint" }, ` since ${formatDate(Date.parse(level.at))}`)] : "Not chosen"),
            h("td", {}, String(doneBy.get(key) ?? 0)),
          );
        }),
      ),
    ),
  ];
}

function completedView(state, catalogue) {
  const done = Object.entries(state.challenges)
    .filter(([, entry]) => entry.completed)
    .sort(([, a], [, b]) => Date.parse(b.completed) - Date.parse(a.completed));
  if (!done.length) {
    return [h("p", {}, "Nothing marked done yet. On a challenge's page, press Done once you have done it.")];
  }
  return [
    h(
      "ul",
      { class: "hub-progress__done" },
      done.map(([id, entry]) => {
        const challenge = catalogue.challenges[id];
        // Only a full http(s) address becomes a link; "team drive, folder X" stays text.
        const link = /^https?:\/\//i.test(entry.evidence.trim()) ? safeUrl(entry.evidence.trim()) : null;
        return h(
          "li",
          { "data-hub-challenge": id },
          challenge ? h("a", { href: catalogue.challengeUrl(id) }, challenge.title) : h("span", {}, `${id} (no longer in this hub)`),
          h("span", { class: "hub-hint" }, ` · done on ${formatDate(Date.parse(entry.completed))}`),
          entry.note ? h("p", { class: "hub-progress__note" }, entry.note) : null,
          entry.evidence
            ? h("p", { class: "hub-progress__evidence" }, "Evidence: ", link ? h("a", { href: link }, entry.evidence) : entry.evidence)
            : null,
        );
      }),
    ),
  ];
}

function changeReport(changes, catalogue) {
  const title = (id) => catalogue.challenges[id]?.title ?? id;
  const lines = [];
  if (changes.completed.length) lines.push(`Marked done: ${changes.completed.map(title).join("; ")}.`);
  if (changes.uncompleted.length) lines.push(`Marked not done (the file's record is newer): ${changes.uncompleted.map(title).join("; ")}.`);
  if (changes.notes.length) lines.push(`Notes or evidence updated: ${changes.notes.map(title).join("; ")}.`);
  if (changes.levels.length) lines.push(`Self-assessments added for ${plural(changes.levels.length, "capability", "capabilities")}.`);
  if (changes.prompts.length) {
    lines.push(`${plural(changes.reviews, "review", "reviews")} added to ${plural(changes.prompts.length, "recall prompt", "recall prompts")}.`);
  }
  return lines;
}

export async function mount(element) {
  const catalogue = await loadCatalogue(element);
  const slot = (name) => element.querySelector(`[data-hub-slot="${name}"]`);
  const report = slot("report");
  const { persistent } = storageArea();

  function render() {
    const { state, problems, backup } = load();
    const done = Object.values(state.challenges).filter((entry) => entry.completed).length;
    const due = dueToday(scheduledPrompts(state, catalogue), Date.now()).length;
    fill(
      slot("summary"),
      `You have done ${done} of ${plural(Object.keys(catalogue.challenges).length, "challenge", "challenges")}. `,
      due
        ? h("a", { href: catalogue.url("review") }, `${plural(due, "recall prompt is", "recall prompts are")} due for review today.`)
        : "No recall prompt is due today.",
      persistent ? "" : " This browser does not let the hub keep anything: export before you leave the page.",
    );
    if (problems.length) {
      fill(report, h("p", {}, `The progress stored in this browser could not be read and was put aside (under ${backup}): ${problems[0]}`));
    }
    fill(slot("paths"), pathsView(state, catalogue));
    fill(slot("capabilities"), capabilitiesView(state, catalogue));
    fill(slot("completed"), completedView(state, catalogue));
  }

  element.querySelector('[data-hub-action="export"]').addEventListener("click", () => {
    const now = Date.now();
    const date = new Date(now).toISOString().slice(0, 10);
    download(`progress-${date}.json`, exportText(load().state, now, catalogue.hub), "application/json");
    fill(report, h("p", {}, "Exported. Keep the file somewhere safe; import it on the progress page of another browser."));
  });

  const input = element.querySelector('[data-hub-action="import"]');
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    const result = parse(await file.text());
    input.value = "";
    if (!result.ok) {
      fill(
        report,
        h("p", { "data-hub-import": "refused" }, `Nothing was imported: ${file.name} is not a progress file this hub can read.`),
        h("ul", {}, result.problems.slice(0, 8).map((problem) => h("li", {}, problem))),
        result.problems.length > 8 ? h("p", {}, `… and ${result.problems.length - 8} more problems.`) : null,
      );
      return;
    }
    const { state, changes } = merge(load().state, result.state);
    if (!save(state)) {
      fill(report, h("p", { "data-hub-import": "failed" }, "Nothing was imported: the browser refused to store it (storage full or turned off)."));
      return;
    }
    const lines = changeReport(changes, catalogue);
    fill(
      report,
      h("p", { "data-hub-import": unchanged(changes) ? "unchanged" : "merged" }, unchanged(changes) ? `Imported ${file.name}: this browser already had everything in it.` : `Imported ${file.name}.`),
      lines.length ? h("ul", {}, lines.map((line) => h("li", {}, line))) : null,
    );
    render();
  });

  const forgetButton = element.querySelector('[data-hub-action="forget"]');
  const confirmButton = element.querySelector('[data-hub-action="forget-confirm"]');
  const hint = slot("forget-hint");
  forgetButton.addEventListener("click", () => {
    confirmButton.hidden = false;
    hint.textContent = "This cannot be undone, unless you have an export.";
    confirmButton.focus();
  });
  confirmButton.addEventListener("click", () => {
    forget();
    confirmButton.hidden = true;
    hint.textContent = "";
    fill(report, h("p", {}, "Your progress was removed from this browser."));
    forgetButton.focus();
    render();
  });

  render();
  return { refresh: render };
}
