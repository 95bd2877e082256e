// A path page as a journey: follow the path, see each step's state on a vertical roadmap (drawn by
// learner.css once this module runs; without it the steps read as the numbered list they are), a
// progress bar with the time left, a "Next step" action, and each milestone's state with a form to
// record its review (date, level reached, evidence, reviewer's role and name).

import { loadCatalogue } from "./data.js";
import { fill, formatDate, h, safeUrl } from "./dom.js";
import { levelName, pathProgress, progressText } from "./journey.js";
import { ROLES, followPath, load, recordMilestone, update } from "./store.js";

const ROLE_NAMES = { self: "Myself", peer: "A peer", manager: "My manager", assessor: "An assessor" };
const STATE_WORDS = { passed: "passed", below: "recorded below the level asked", open: "not recorded yet" };

function today() {
  const now = new Date(Date.now());
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, "0")}-${String(now.getDate()).padStart(2, "0")}`;
}

function field(id, label, control, hint) {
  return h("div", { class: "hub-field" }, h("label", { for: id }, label), hint ? h("span", { class: "hub-hint", id: `${id}-hint` }, hint) : null, control);
}

export async function mount(element) {
  const catalogue = await loadCatalogue(element);
  const pathId = element.dataset.hubPathId;
  const path = catalogue.paths.find((p) => p.id === pathId);
  if (!path) throw new Error(`the path '${pathId}' is not in learner-data.json`);
  const map = path.map;
  const list = document.querySelector(`ol.hub-path[data-hub-path="${pathId}"]`);
  const followButton = element.querySelector('[data-hub-action="follow"]');
  const nextLink = element.querySelector('[data-hub-slot="next-step"]');
  const summary = element.querySelector('[data-hub-slot="summary"]');
  const bar = h("progress", { class: "hub-journey__bar", max: 1, value: 0, "aria-label": `Progress on ${path.title}` });
  summary.before(bar);

  // -- the milestone form ------------------------------------------------------------------------
  const milestones = catalogue.milestones?.[pathId] ?? [];
  const scale = catalogue.maps[map]?.scale ?? [];
  const report = h("p", { class: "hub-hint", role: "status", "data-hub-slot": "milestone-report" });
  const choose = h(
    "select",
    { id: "hub-milestone-which", class: "hub-input", "data-hub-field": "milestone" },
    milestones.map((m) => h("option", { value: m.id }, `${m.mandatory ? "Mandatory: " : ""}${m.title}`)),
  );
  const date = h("input", { type: "date", id: "hub-milestone-date", class: "hub-input", required: true, "data-hub-field": "milestone-date" });
  const level = h(
    "select",
    { id: "hub-milestone-level", class: "hub-input", "data-hub-field": "milestone-level" },
    scale.map(([id, name]) => h("option", { value: id }, name)),
  );
  const evidence = h("input", { type: "text", id: "hub-milestone-evidence", class: "hub-input", maxlength: 2000, autocomplete: "off", "data-hub-field": "milestone-evidence" });
  const roles = h(
    "fieldset",
    { class: "hub-journey__roles" },
    h("legend", {}, "Who reviewed it"),
    ROLES.map((role) =>
      h("label", { class: "hub-self__level" }, h("input", { type: "radio", name: "hub-milestone-role", value: role, "data-hub-role": role, checked: role === "manager" }), ` ${ROLE_NAMES[role]}`),
    ),
  );
  const reviewer = h("input", { type: "text", id: "hub-milestone-reviewer", class: "hub-input", maxlength: 200, autocomplete: "off", "data-hub-field": "milestone-reviewer" });
  const form = h(
    "form",
    { class: "hub-journey__form", "data-hub-slot": "milestone-form" },
    h("p", { class: "hub-hint" }, "When your evidence has been reviewed against the rubric, record it here: it counts in your progress on this path and goes into your export."),
    field("hub-milestone-which", "Milestone", choose),
    field("hub-milestone-date", "Day of the review", date),
    field("hub-milestone-level", "Level the evidence was reviewed at", level),
    field("hub-milestone-evidence", "Where the evidence is (a link or a place)", evidence),
    roles,
    field("hub-milestone-reviewer", "Reviewer's name (optional)", reviewer),
    h("p", { class: "hub-learner__actions" }, h("button", { type: "submit", class: "md-button", "data-hub-action": "record-milestone" }, "Record milestone")),
    report,
  );
  // Folded until wanted, so the steps stay near the top of the page.
  const details = h("details", { class: "hub-journey__record", id: "record-milestone" }, h("summary", {}, "Record a milestone"), form);
  if (milestones.length) element.append(details);
  nextLink.addEventListener("click", () => {
    if (nextLink.getAttribute("href") === "#record-milestone") details.open = true;
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!date.value) {
      report.textContent = "Give the day of the review.";
      date.focus();
      return;
    }
    const by = form.querySelector('input[name="hub-milestone-role"]:checked')?.value ?? "self";
    const record = { date: date.value, level: level.value, evidence: evidence.value, by, reviewer: reviewer.value };
    const { state, saved } = update((s) => recordMilestone(s, `${pathId}/${choose.value}`, record, Date.now()));
    const milestone = milestones.find((m) => m.id === choose.value);
    report.textContent = saved
      ? `Recorded: ${milestone.title}, reviewed at ${levelName(catalogue, map, level.value)} by ${ROLE_NAMES[by].toLowerCase()}${reviewer.value.trim() ? ` (${reviewer.value.trim()})` : ""}.`
      : "Could not save: the browser's storage is full or turned off.";
    render(state);
  });

  // -- the journey -------------------------------------------------------------------------------

  function milestoneMark(item, milestone) {
    item.querySelector(":scope > [data-hub-milestone-state]")?.remove();
    item.dataset.hubState = milestone.state;
    const record = milestone.record;
    const words = record
      ? `${STATE_WORDS[milestone.state]}: reviewed at ${levelName(catalogue, map, record.level)} on ${formatDate(Date.parse(`${record.date}T12:00:00`))} by ${ROLE_NAMES[record.by].toLowerCase()}${record.reviewer ? ` (${record.reviewer})` : ""}`
      : STATE_WORDS[milestone.state];
    const link = record?.evidence && safeUrl(record.evidence) && /^https?:\/\//i.test(record.evidence) ? safeUrl(record.evidence) : null;
    item.append(
      h(
        "span",
        { class: `hub-mark hub-mark--${milestone.state}`, "data-hub-milestone-state": milestone.state },
        ` ${milestone.state === "passed" ? "✓ " : ""}${words}`,
        record?.evidence ? [" · evidence: ", link ? h("a", { href: link }, record.evidence) : record.evidence] : null,
        ". ",
      ),
    );
  }

  function render(state) {
    const progress = pathProgress(state, catalogue, path);
    const following = Boolean(state.paths[pathId]?.followed);
    followButton.setAttribute("aria-pressed", String(following));
    followButton.textContent = following ? "Following this path" : "Follow this path";
    element.dataset.hubFollowing = String(following);
    bar.max = progress.steps.length + progress.mandatory.length || 1;
    bar.value = progress.done.length + progress.passed.length;
    fill(
      summary,
      progressText(progress),
      following ? ` · following since ${formatDate(Date.parse(state.paths[pathId].followed))}` : "",
      ".",
    );
    if (progress.next) {
      nextLink.href = catalogue.challengeUrl(progress.next);
      nextLink.textContent = `Next step: ${catalogue.challenges[progress.next].title}`;
      nextLink.hidden = false;
    } else if (progress.milestoneNext) {
      nextLink.href = "#record-milestone";
      nextLink.textContent = `Next: record the milestone “${progress.milestoneNext.title}”`;
      nextLink.hidden = false;
      choose.value = progress.milestoneNext.id;
    } else {
      nextLink.hidden = true;
    }
    element.dataset.hubNext = progress.next ?? "";
    if (list) {
      list.classList.add("hub-path--journey");
      for (const milestone of progress.milestones) {
        const item = list.querySelector(`[data-hub-milestone="${milestone.id}"]`);
        if (item) milestoneMark(item, milestone);
      }
    }
  }

  followButton.addEventListener("click", () => {
    const follow = followButton.getAttribute("aria-pressed") !== "true";
    render(update((s) => followPath(s, pathId, follow, Date.now())).state);
  });
  date.value = today();
  render(load().state);
  return { refresh: () => render(load().state) };
}
