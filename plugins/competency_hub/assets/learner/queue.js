// Which recall prompts are due, and in what order: pure functions of the progress, the catalogue
// (learner-data.json) and the clock.

import { DAY, newCard, State } from "./fsrs.js";

/** The end of the local day that `now` falls in (23:59:59.999 in the browser's time zone). */
export function endOfDay(now) {
  const date = new Date(now);
  date.setHours(23, 59, 59, 999);
  return date.getTime();
}

/** The local calendar date of `ms` as YYYY-MM-DD. */
export function localDate(ms) {
  const date = new Date(ms);
  const pad = (n) => String(n).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/**
 * Every scheduled prompt: those of the challenges marked done that the hub still has.
 * A prompt never reviewed is due one day after its challenge was marked done.
 */
export function scheduledPrompts(state, catalogue) {
  const prompts = [];
  for (const [id, entry] of Object.entries(state.challenges)) {
    const challenge = catalogue.challenges[id];
    if (!entry.completed || !challenge) continue;
    for (const recallId of challenge.recall) {
      const key = `${id}/${recallId}`;
      const stored = state.recall[key];
      const since = stored ? stored.since : entry.completed;
      const card = stored ? { due: Date.parse(stored.card.due), state: stored.card.state } : { ...newCard(Date.parse(since) + DAY) };
      prompts.push({
        key,
        challenge: id,
        recall: recallId,
        capability: challenge.capability,
        since,
        due: card.due,
        reviews: stored ? stored.reviews.length : 0,
        state: card.state ?? State.Learning,
      });
    }
  }
  return prompts.sort((a, b) => a.due - b.due || (a.key < b.key ? -1 : 1));
}

/** The prompts due by the end of today. */
export function dueToday(prompts, now) {
  const end = endOfDay(now);
  return prompts.filter((prompt) => prompt.due <= end);
}

function related(catalogue, a, b) {
  const ca = catalogue.capabilities[a];
  const cb = catalogue.capabilities[b];
  return Boolean((ca && ca.related.includes(b)) || (cb && cb.related.includes(a)));
}

/**
 * Interleaves prompts across capabilities: one prompt of each capability in turn, with related
 * capabilities next to each other, so that the learner keeps telling close skills apart instead
 * of answering a block of prompts about one thing. Within a capability, the most overdue first.
 */
export function interleave(prompts, catalogue) {
  const groups = new Map();
  for (const prompt of [...prompts].sort((a, b) => a.due - b.due || (a.key < b.key ? -1 : 1))) {
    const key = prompt.capability ?? "";
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(prompt);
  }
  const remaining = [...groups.keys()];
  const order = [];
  while (remaining.length) {
    const last = order[order.length - 1];
    let index = last === undefined ? -1 : remaining.findIndex((key) => related(catalogue, last, key));
    if (index < 0) index = 0; // groups keep the order of their most overdue prompt
    order.push(remaining.splice(index, 1)[0]);
  }
  const result = [];
  for (let round = 0; result.length < prompts.length; round += 1) {
    for (const key of order) {
      const prompt = groups.get(key)[round];
      if (prompt) result.push(prompt);
    }
  }
  return result;
}

/** Prompts due on each of the next `days` local days after today: [{date, prompts}], empty days left out. */
export function upcoming(prompts, now, days) {
  const today = endOfDay(now);
  const byDate = new Map();
  for (const prompt of prompts) {
    if (prompt.due <= today) continue;
    const date = localDate(prompt.due);
    if (!byDate.has(date)) byDate.set(date, []);
    byDate.get(date).push(prompt);
  }
  const horizon = localDate(today + days * DAY);
  return [...byDate.entries()]
    .filter(([date]) => date <= horizon)
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([date, list]) => ({ date, prompts: list }));
}
