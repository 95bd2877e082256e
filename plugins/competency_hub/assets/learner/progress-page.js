// The progress page: paths with progress bars, self-assessed levels, completed challenges, and the
// learner's data (export, import, forget).

import { loadCatalogue } from "./data.js";
import { copyText, download, fill, formatDate, h, safeUrl } from "./dom.js";
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
  tooLarge,
  unchanged,
} from "./store.js";
import { plural } from "./text.js";
import { whatNext } from "./home-page.js";
import { followed, levelName, progressText } from "./journey.js";
import { qrSvg } from "./qr.js";
import { MAX_LINK, decodeTransfer, hasTransfer, transferLink } from "./transfer.js";
import { clrDocument, clrText, loadClrCatalogue } from "./clr.js";

const ROLE_NAMES = { self: "yourself", peer: "a peer", manager: "your manager", assessor: "an assessor" };

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
  if (changes.paths?.length) lines.push(`Followed paths changed: ${changes.paths.join("; ")}.`);
  if (changes.milestones?.length) lines.push(`Milestone reviews added: ${plural(changes.milestones.length, "milestone", "milestones")}.`);
  if (changes.capabilityNotes?.length) lines.push(`Capability notes added or updated: ${plural(changes.capabilityNotes.length, "capability", "capabilities")}.`);
  return lines;
}

function milestonesView(state, catalogue) {
  const rows = [];
  for (const [key, records] of Object.entries(state.milestones ?? {})) {
    const [pathId, milestoneId] = key.split("/");
    const path = catalogue.paths.find((p) => p.id === pathId);
    const milestone = (catalogue.milestones?.[pathId] ?? []).find((m) => m.id === milestoneId);
    const last = records[records.length - 1];
    const map = path?.map ?? "";
    rows.push(
      h(
        "li",
        { "data-hub-milestone-record": key },
        milestone ? h("a", { href: `${catalogue.url("path", { id: pathId })}#${milestoneId}` }, milestone.title) : `${key} (no longer in this hub)`,
        path ? ` (${path.title})` : "",
        `: reviewed at ${levelName(catalogue, map, last.level)} on ${formatDate(Date.parse(`${last.date}T12:00:00`))} by ${ROLE_NAMES[last.by]}${last.reviewer ? ` (${last.reviewer})` : ""}`,
        last.evidence ? `; evidence: ${last.evidence}` : "",
        ".",
      ),
    );
  }
  return rows.length ? [h("ul", {}, rows)] : [h("p", {}, "No milestone recorded yet. On a path page, record a milestone once your evidence has been reviewed.")];
}

export async function mount(element) {
  const catalogue = await loadCatalogue(element);
  const slot = (name) => element.querySelector(`[data-hub-slot="${name}"]`);
  const report = slot("report");
  const { persistent } = storageArea();

  // Parts only the script shows: what next, milestones, the transfer link (built here, so the page
  // without JavaScript stays as it was).
  const nextSlot = h("div", { "data-hub-slot": "what-next" });
  element.querySelector("h2#paths").before(
    h("h2", { id: "what-next" }, "What next"),
    h("p", { class: "hub-hint" }, "Three challenges to practise next, from your levels, the paths you follow and what each challenge needs first."),
    nextSlot,
  );
  const followingSlot = h("p", { "data-hub-slot": "following" });
  slot("paths").before(followingSlot);
  const milestonesSlot = h("div", { "data-hub-slot": "milestones" });
  element.querySelector("h2#capabilities").before(h("h2", { id: "milestones" }, "Milestones"), milestonesSlot);
  const transferButton = h("button", { type: "button", class: "md-button", "data-hub-action": "transfer-link" }, "Make a transfer link");
  const transferField = h("input", { type: "text", id: "hub-transfer-link", class: "hub-input", readonly: true, "data-hub-field": "transfer-link", "aria-label": "Transfer link" });
  const transferReport = h("p", { class: "hub-hint", role: "status", "data-hub-slot": "transfer-report" });
  const transferQr = h("figure", { class: "hub-transfer__qr", hidden: true, "data-hub-slot": "transfer-qr" });
  const transfer = h(
    "div",
    { class: "hub-transfer" },
    h("h3", { id: "transfer" }, "Take your progress to another device"),
    h(
      "p",
      {},
      "A transfer link holds all your progress in the part of the address after #, which your browser never sends to a server. Open it on the other device (send it to yourself): it is merged there like an imported file. Anyone with the link can read your progress.",
    ),
    h("p", { class: "hub-learner__actions" }, transferButton),
    h("div", { hidden: true, "data-hub-slot": "transfer-field" }, transferField),
    transferReport,
    transferQr,
  );
  element.querySelector("h3#forget").before(transfer);
  transferButton.addEventListener("click", async () => {
    const result = await transferLink(load().state, catalogue.url("progress"));
    transferQr.hidden = true;
    if (!result.ok) {
      transferField.parentElement.hidden = true;
      transferReport.dataset.hubTransfer = "too-long";
      transferReport.textContent = `Your progress is too large for a link (${result.length} characters; at most ${MAX_LINK} travel safely). Use “Export progress” above and import the file on the other device instead.`;
      return;
    }
    transferField.value = result.link;
    transferField.parentElement.hidden = false;
    transferReport.dataset.hubTransfer = "ready";
    const copied = await copyText(result.link, transferField);
    transferReport.textContent = copied ? "Link made and copied. Open it on the other device." : "Link made: select it and copy it.";
    // A phone's camera opens the same link: no need to send it anywhere. Long links make dense codes
    // (level L holds about 2,900 characters); past that the link itself is the way.
    const code = qrSvg(result.link, "QR code of the transfer link", "L");
    fill(
      transferQr,
      code
        ? [code, h("figcaption", { class: "hub-hint" }, "Or scan this code with the other device's camera. Anyone who can see it can read your progress.")]
        : h("figcaption", { class: "hub-hint", "data-hub-transfer-qr": "too-long" }, `The link (${result.link.length} characters) is too long for a QR code: copy the link instead.`),
    );
    transferQr.hidden = false;
  });

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
    fill(nextSlot, whatNext(state, catalogue));
    fill(slot("paths"), pathsView(state, catalogue));
    fill(milestonesSlot, milestonesView(state, catalogue));
    const following = followed(state, catalogue);
    fill(followingSlot, following.length ? `You follow ${following.map(({ path, progress }) => `${path.title} (${progressText(progress)})`).join("; ")}.` : "");
    fill(slot("capabilities"), capabilitiesView(state, catalogue));
    fill(slot("completed"), completedView(state, catalogue));
  }

  element.querySelector('[data-hub-action="export"]').addEventListener("click", () => {
    const now = Date.now();
    const date = new Date(now).toISOString().slice(0, 10);
    download(`progress-${date}.json`, exportText(load().state, now, catalogue.hub), "application/json");
    fill(report, h("p", {}, "Exported. Keep the file somewhere safe; import it on the progress page of another browser."));
  });

  // The learner record (CLR 2.0 draft), built here from the hub's clr-data.json: nothing leaves the browser.
  if (catalogue.pages.clr) {
    const clrButton = h("button", { type: "button", class: "md-button", "data-hub-action": "clr" }, "Download a learner record (CLR 2.0 draft)");
    element.querySelector('[data-hub-action="export"]').after(" ", clrButton);
    clrButton.addEventListener("click", async () => {
      let record;
      try {
        record = clrDocument(await loadClrCatalogue(catalogue), load().state);
      } catch (error) {
        fill(report, h("p", { "data-hub-clr": "failed" }, `No learner record: the hub's data could not be read (${error.message}).`));
        return;
      }
      if (!record) {
        fill(report, h("p", { "data-hub-clr": "empty" }, "No learner record yet: record a milestone or a level first."));
        return;
      }
      download(`learner-record-draft-${new Date().toISOString().slice(0, 10)}.json`, clrText(record), "application/json");
      fill(
        report,
        h("p", { "data-hub-clr": "ready" }, "Downloaded an unsigned draft of your learner record. Send it to your organisation: they complete and sign it."),
      );
    });
  }

  /** Merges imported progress (a file or a transfer link) into this browser's and says what changed. */
  function mergeAndReport(imported, texts) {
    const { state, changes } = merge(load().state, imported);
    if (!save(state)) {
      fill(report, h("p", { "data-hub-import": "failed" }, "Nothing was imported: the browser refused to store it (storage full or turned off)."));
      return;
    }
    const lines = changeReport(changes, catalogue);
    const same = unchanged(changes);
    fill(
      report,
      h("p", { "data-hub-import": same ? "unchanged" : "merged" }, same ? texts.unchanged : texts.merged),
      lines.length ? h("ul", {}, lines.map((line) => h("li", {}, line))) : null,
    );
    // The page's other views (the progress marks) show the imported progress at once.
    window.dispatchEvent(new CustomEvent("competency-hub:progress"));
    render();
  }

  /** Says that nothing was imported, and why (the first eight problems). */
  function reportRefused(text, problems) {
    fill(
      report,
      h("p", { "data-hub-import": "refused" }, text),
      h("ul", {}, problems.slice(0, 8).map((problem) => h("li", {}, problem))),
      problems.length > 8 ? h("p", {}, `… and ${problems.length - 8} more problems.`) : null,
    );
  }

  const input = element.querySelector('[data-hub-action="import"]');
  const chosen = slot("import-file");
  input.addEventListener("change", async () => {
    const file = input.files?.[0];
    if (!file) return;
    if (chosen) chosen.textContent = `Chosen: ${file.name}`;
    // A huge file is refused before it is read: a real progress file is a few kilobytes.
    const refused = tooLarge(file.size);
    const result = refused ? { ok: false, problems: [refused] } : parse(await file.text());
    input.value = "";
    if (!result.ok) {
      reportRefused(`Nothing was imported: ${file.name} is not a progress file this hub can read.`, result.problems);
      return;
    }
    mergeAndReport(result.state, {
      merged: `Imported ${file.name}.`,
      unchanged: `Imported ${file.name}: this browser already had everything in it.`,
    });
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

  async function importTransfer() {
    if (!hasTransfer(window.location.hash)) return;
    const result = await decodeTransfer(window.location.hash);
    history.replaceState(history.state, "", window.location.pathname + window.location.search);
    if (!result.ok) {
      reportRefused("Nothing was imported from the transfer link.", result.problems);
      return;
    }
    mergeAndReport(result.state, {
      merged: "Imported the progress from the transfer link.",
      unchanged: "Opened a transfer link: this browser already had everything in it.",
    });
  }

  render();
  await importTransfer();
  return { refresh: render };
}
