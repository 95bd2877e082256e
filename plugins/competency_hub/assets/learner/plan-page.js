// The practice plan page: builds a plan (challenges in order, a title, a note) into a link, and shows
// the plan a link holds, with time boxes, links and a text version for check-in notes.

import { loadCatalogue } from "./data.js";
import { copyText, fill, h } from "./dom.js";
import { MAX_CHALLENGES, decodePlan, encodePlan, journeyOf, milestoneLine, pathLine, planMinutes, planText } from "./plan.js";
import { followedPaths, isCompleted, load } from "./store.js";
import { minutes, plural } from "./text.js";

function levelName(catalogue, challenge) {
  const map = catalogue.maps[String(challenge.capability).split("/")[0]];
  return map?.scale.find(([id]) => id === challenge.level)?.[1] ?? challenge.level;
}

function describe(catalogue, id) {
  const challenge = catalogue.challenges[id];
  const capability = catalogue.capabilities[challenge.capability];
  return `${minutes(challenge.minutes)}${capability ? ` · ${capability.title}, ${levelName(catalogue, challenge)}` : ""}`;
}

export async function mount(element) {
  const catalogue = await loadCatalogue(element);
  const slot = (name) => element.querySelector(`[data-hub-slot="${name}"]`);
  const field = (name) => element.querySelector(`[data-hub-field="${name}"]`);
  const view = slot("view");
  const builder = slot("builder");
  const listeners = new AbortController();
  let chosen = [];

  // -- the plan in the link -----------------------------------------------------------------------

  function showPlan(plan, problems) {
    const state = load().state;
    const planUrl = `${catalogue.url("plan")}#${encodePlan(plan)}`;
    fill(slot("plan-title"), plan.title || "Practice plan");
    fill(slot("plan-note"), plan.note);
    slot("plan-note").hidden = !plan.note;
    fill(
      slot("plan-items"),
      plan.challenges.map((id) =>
        h(
          "li",
          { "data-hub-plan-item": id },
          h("a", { href: catalogue.challengeUrl(id) }, catalogue.challenges[id].title),
          ` · ${describe(catalogue, id)}`,
          isCompleted(state, id) ? h("span", { class: "hub-hint" }, " · done in this browser") : null,
        ),
      ),
    );
    fill(
      slot("plan-total"),
      plan.challenges.length
        ? `${plural(plan.challenges.length, "challenge", "challenges")}, ${minutes(planMinutes(plan, catalogue))} in all.`
        : "This plan has no challenge this hub knows.",
    );
    const paths = plan.paths ?? [];
    const milestones = plan.milestones ?? [];
    fill(slot("plan-paths"), paths.map((entry) => h("li", { "data-hub-plan-path": entry.id }, pathLine(entry, catalogue))));
    fill(slot("plan-milestones"), milestones.map((entry) => h("li", { "data-hub-plan-milestone": entry.key }, milestoneLine(entry, catalogue))));
    slot("plan-paths-title").hidden = slot("plan-paths").hidden = !paths.length;
    slot("plan-milestones-title").hidden = slot("plan-milestones").hidden = !milestones.length;
    slot("plan-journey").hidden = !paths.length && !milestones.length;
    fill(slot("plan-problems"), problems.length ? h("ul", {}, problems.map((problem) => h("li", {}, `Left out: ${problem}.`))) : "");
    slot("plan-text").value = planText(plan, catalogue, { pageUrl: catalogue.challengeUrl, planUrl });
    view.hidden = false;
    builder.hidden = true;
  }

  const planPath = new URL(catalogue.url("plan")).pathname;
  const onPlanPage = () => window.location.pathname.replace(/index\.html$/, "") === planPath.replace(/index\.html$/, "");

  function fromLocation() {
    if (!element.isConnected) {
      listeners.abort();
      return;
    }
    if (!onPlanPage()) return; // instant navigation is leaving the page
    const { plan, problems } = decodePlan(window.location.hash, catalogue);
    if (plan) {
      showPlan(plan, problems);
      view.dataset.hubPlan = plan.challenges.join(",");
    } else {
      view.hidden = true;
      builder.hidden = false;
    }
  }

  // -- the builder --------------------------------------------------------------------------------

  // Where the learner is (followed paths, milestones recorded), for the link when they add it.
  function journey() {
    const state = load().state;
    return journeyOf(state, catalogue, followedPaths(state), (id) => isCompleted(state, id));
  }

  function renderJourney() {
    const { paths, milestones } = journey();
    fill(
      slot("journey-summary"),
      paths.length || milestones.length
        ? `(${plural(paths.length, "path", "paths")}, ${plural(milestones.length, "milestone", "milestones")})`
        : "(you follow no path and recorded no milestone yet)",
    );
  }

  function renderChosen() {
    if (!chosen.length) {
      fill(slot("chosen"), h("p", {}, "None yet: pick a few below. Two or three a week is plenty."));
    } else {
      fill(
        slot("chosen"),
        h(
          "ol",
          { class: "hub-plan__chosen" },
          chosen.map((id, i) => {
            const title = catalogue.challenges[id].title;
            const button = (action, label, disabled) =>
              h("button", { type: "button", class: "hub-plan__move", "data-hub-move": action, "data-hub-id": id, "aria-label": `${label}: ${title}`, disabled }, label);
            // Title and meta on a line of their own, the three buttons together below (styled in learner.css).
            return h(
              "li",
              { "data-hub-chosen": id },
              h("span", { class: "hub-plan__chosen-title" }, `${title} · ${describe(catalogue, id)} `),
              h(
                "span",
                { class: "hub-plan__moves" },
                button("up", "Move up", i === 0),
                button("down", "Move down", i === chosen.length - 1),
                button("remove", "Remove", false),
              ),
            );
          }),
        ),
        h("p", {}, `Total: ${minutes(planMinutes({ challenges: chosen }, catalogue))}.`),
      );
    }
    for (const box of element.querySelectorAll("input[data-hub-pick]")) {
      box.checked = chosen.includes(box.value);
      box.disabled = !box.checked && chosen.length >= MAX_CHALLENGES;
    }
  }

  function renderCatalogue() {
    const state = load().state;
    const byCapability = new Map();
    for (const [id, challenge] of Object.entries(catalogue.challenges)) {
      const key = challenge.capability ?? "";
      if (!byCapability.has(key)) byCapability.set(key, []);
      byCapability.get(key).push(id);
    }
    const keys = [...byCapability.keys()].sort((a, b) =>
      `${catalogue.maps[a.split("/")[0]]?.title} ${catalogue.capabilities[a]?.title}`.localeCompare(
        `${catalogue.maps[b.split("/")[0]]?.title} ${catalogue.capabilities[b]?.title}`,
      ),
    );
    fill(
      slot("catalogue"),
      keys.map((key) => {
        const capability = catalogue.capabilities[key];
        const map = catalogue.maps[key.split("/")[0]];
        const heading = capability ? `${capability.title} (${map?.title ?? ""})` : "Other challenges";
        return h(
          "fieldset",
          { class: "hub-plan__group", "data-hub-group": key, "data-hub-search": heading.toLowerCase() },
          h("legend", {}, heading),
          h(
            "ul",
            {},
            byCapability.get(key).map((id) => {
              const challenge = catalogue.challenges[id];
              const boxId = `hub-pick-${id}`;
              return h(
                "li",
                { "data-hub-search": `${challenge.title} ${heading}`.toLowerCase() },
                h("input", { type: "checkbox", id: boxId, value: id, "data-hub-pick": id }),
                " ",
                h("label", { for: boxId }, challenge.title),
                h("span", { class: "hub-hint" }, ` · ${minutes(challenge.minutes)} · ${levelName(catalogue, challenge)}${isCompleted(state, id) ? " · done" : ""} · `),
                h("a", { href: catalogue.challengeUrl(id), "aria-label": `Open ${challenge.title}` }, "open"),
              );
            }),
          ),
        );
      }),
    );
  }

  function applyFilter() {
    const words = field("filter").value.toLowerCase().split(/\s+/).filter(Boolean);
    for (const group of element.querySelectorAll("fieldset[data-hub-group]")) {
      let shown = 0;
      for (const li of group.querySelectorAll("li[data-hub-search]")) {
        li.hidden = !words.every((word) => li.dataset.hubSearch.includes(word));
        if (!li.hidden) shown += 1;
      }
      group.hidden = shown === 0;
    }
  }

  element.addEventListener("change", (event) => {
    const box = event.target.closest("input[data-hub-pick]");
    if (!box) return;
    chosen = box.checked ? [...chosen.filter((id) => id !== box.value), box.value] : chosen.filter((id) => id !== box.value);
    renderChosen();
  });
  element.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-hub-move]");
    if (!button) return;
    const id = button.dataset.hubId;
    const i = chosen.indexOf(id);
    const action = button.dataset.hubMove;
    if (action === "remove") chosen.splice(i, 1);
    else {
      const j = action === "up" ? i - 1 : i + 1;
      [chosen[i], chosen[j]] = [chosen[j], chosen[i]];
    }
    renderChosen();
    const again = element.querySelector(`button[data-hub-move="${action}"][data-hub-id="${id}"]:not([disabled])`);
    (again ?? field("title")).focus();
  });
  field("filter").addEventListener("input", applyFilter);

  element.querySelector('[data-hub-action="plan"]').addEventListener("click", () => {
    const report = slot("link-report");
    if (!chosen.length) {
      fill(report, "Pick at least one challenge first.");
      slot("link-box").hidden = true;
      return;
    }
    const plan = { challenges: chosen, title: field("title").value, note: field("note").value, ...(field("journey").checked ? journey() : {}) };
    const url = `${catalogue.url("plan")}#${encodePlan(plan)}`;
    slot("link").value = url;
    slot("open-link").href = url;
    slot("link-box").hidden = false;
    fill(report, `Your plan link is ready: ${plural(chosen.length, "challenge", "challenges")}, ${minutes(planMinutes(plan, catalogue))}.`);
    slot("link").select();
  });
  element.querySelector('[data-hub-action="copy-link"]').addEventListener("click", async () => {
    const copied = await copyText(slot("link").value, slot("link"));
    fill(slot("link-report"), copied ? "Link copied." : "Press Ctrl+C (or ⌘C) to copy the selected link.");
  });
  element.querySelector('[data-hub-action="copy-text"]').addEventListener("click", async () => {
    const copied = await copyText(slot("plan-text").value, slot("plan-text"));
    fill(slot("copy-report"), copied ? "Plan copied as text." : "Press Ctrl+C (or ⌘C) to copy the selected text.");
  });
  element.querySelector('[data-hub-action="edit-plan"]').addEventListener("click", () => {
    const { plan } = decodePlan(window.location.hash, catalogue);
    chosen = plan ? [...plan.challenges] : [];
    field("title").value = plan?.title ?? "";
    field("note").value = plan?.note ?? "";
    renderChosen();
    view.hidden = true;
    builder.hidden = false;
    field("title").focus();
  });
  window.addEventListener("hashchange", fromLocation, { signal: listeners.signal });
  // With Material's instant navigation, a link to this page with another plan changes the address
  // through the History API, which fires no hashchange: Material's location$ tells us instead.
  if (window.location$ && typeof window.location$.subscribe === "function") {
    const subscription = window.location$.subscribe(() => setTimeout(fromLocation));
    listeners.signal.addEventListener("abort", () => subscription.unsubscribe());
  }

  renderCatalogue();
  renderChosen();
  renderJourney();
  fromLocation();
  return {
    refresh: () => {
      renderChosen();
      renderJourney();
    },
  };
}
