// A challenge page: the Done toggle, and the learner's note and evidence link.
//
// It mounts twice on a page: on the Done control of the task at the top ("challenge-done", the
// toggle alone) and on "Your progress" at the end ("challenge", with the note and evidence). Each
// shows a change made by the other (the store's "competency-hub:progress" event).

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
    if (note && document.activeElement !== note) note.value = entry?.note ?? "";
    if (evidence && document.activeElement !== evidence) evidence.value = entry?.evidence ?? "";
    if (saved && !persistent) {
      saved.textContent = "This browser does not let the hub keep anything: what you record here is lost when you leave the page.";
    }
  }

  button.addEventListener("click", () => {
    const done = button.getAttribute("aria-pressed") !== "true";
    const { state, saved: ok } = update((s) => setCompleted(s, id, done, Date.now()));
    if (!ok && saved) saved.textContent = "Could not save: the browser's storage is full or turned off.";
    render(state);
    if (!ok && !saved) fill(status, "Could not save: the browser's storage is full or turned off.");
  });

  const saveNotes = () => {
    const { state, saved: ok } = update((s) =>
      setNotes(s, id, { note: note.value, evidence: evidence.value.trim() }, Date.now()),
    );
    saved.textContent = ok ? "Saved in this browser." : "Could not save: the browser's storage is full or turned off.";
    render(state);
  };
  note?.addEventListener("change", saveNotes);
  evidence?.addEventListener("change", saveNotes);

  const onProgress = () => {
    if (element.isConnected) render(load().state);
    else window.removeEventListener("competency-hub:progress", onProgress);
  };
  window.addEventListener("competency-hub:progress", onProgress);

  render(load().state);
  return { refresh: () => render(load().state) };
}
