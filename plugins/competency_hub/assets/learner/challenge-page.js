// A challenge page: the Done toggle, and the learner's note and evidence link.

import { fill, formatDate } from "./dom.js";
import { load, setCompleted, setNotes, storageArea, update } from "./store.js";

export function mount(element) {
  const id = element.dataset.hubChallengeId;
  const prompts = Number(element.dataset.hubRecallCount || 0);
  const button = element.querySelector('[data-hub-action="complete"]');
  const status = element.querySelector('[data-hub-slot="status"]');
  const note = element.querySelector('[data-hub-field="note"]');
  const evidence = element.querySelector('[data-hub-field="evidence"]');
  const saved = element.querySelector('[data-hub-slot="saved"]');
  const { persistent } = storageArea();

  function render(state) {
    const entry = state.challenges[id];
    const done = Boolean(entry?.completed);
    button.setAttribute("aria-pressed", String(done));
    if (done) {
      const recall = prompts
        ? ` ${prompts === 1 ? "Its recall prompt comes" : `Its ${prompts} recall prompts come`} back on the review page from the next day.`
        : "";
      fill(status, `Done on ${formatDate(Date.parse(entry.completed))}.${recall}`);
    } else {
      fill(status, "Not done yet. Press Done when you have done it.");
    }
    if (document.activeElement !== note) note.value = entry?.note ?? "";
    if (document.activeElement !== evidence) evidence.value = entry?.evidence ?? "";
    if (!persistent) {
      saved.textContent = "This browser does not let the hub keep anything: what you record here is lost when you leave the page.";
    }
  }

  button.addEventListener("click", () => {
    const done = button.getAttribute("aria-pressed") !== "true";
    const { state, saved: ok } = update((s) => setCompleted(s, id, done, Date.now()));
    if (!ok) saved.textContent = "Could not save: the browser's storage is full or turned off.";
    render(state);
  });

  const saveNotes = () => {
    const { state, saved: ok } = update((s) =>
      setNotes(s, id, { note: note.value, evidence: evidence.value.trim() }, Date.now()),
    );
    saved.textContent = ok ? "Saved in this browser." : "Could not save: the browser's storage is full or turned off.";
    render(state);
  };
  note.addEventListener("change", saveNotes);
  evidence.addEventListener("change", saveNotes);

  render(load().state);
  return { refresh: () => render(load().state) };
}
