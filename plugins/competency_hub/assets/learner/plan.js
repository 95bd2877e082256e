// A practice plan as a link: the chosen challenges, a title and a note, encoded in the fragment of
// /plan/ (the part after #, which browsers never send to a server). Pure functions; the page is
// plan-page.js.
//
//   /plan/#c=tag-ten-tickets,prioritise-queue&t=Week%2012&n=Before%20Friday
//
// c: challenge ids in plan order, comma-separated; t: title; n: note. Unknown parameters are ignored,
// so later versions can add some.

import { minutes } from "./text.js";

export const MAX_CHALLENGES = 20;
export const MAX_TITLE = 120;
export const MAX_NOTE = 500;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** The fragment (without '#') that holds the plan. */
export function encodePlan({ challenges, title = "", note = "" }) {
  const parts = [`c=${challenges.join(",")}`];
  if (title.trim()) parts.push(`t=${encodeURIComponent(title.trim().slice(0, MAX_TITLE))}`);
  if (note.trim()) parts.push(`n=${encodeURIComponent(note.trim().slice(0, MAX_NOTE))}`);
  return parts.join("&");
}

function decodeComponent(value) {
  try {
    return decodeURIComponent(value.replace(/\+/g, " "));
  } catch {
    return null;
  }
}

/**
 * The plan in a fragment: {plan, problems}, plan null when the fragment holds none.
 * With a catalogue, challenges the hub does not have are left out and reported, never dropped silently.
 */
export function decodePlan(fragment, catalogue = null) {
  const text = String(fragment ?? "").replace(/^#/, "");
  const params = new Map();
  for (const part of text.split("&")) {
    const at = part.indexOf("=");
    if (at > 0) params.set(part.slice(0, at), part.slice(at + 1));
  }
  if (!params.has("c")) return { plan: null, problems: [] };
  const problems = [];
  const challenges = [];
  for (const raw of params.get("c").split(",")) {
    const id = decodeComponent(raw)?.trim() ?? "";
    if (!id) continue;
    if (!SLUG.test(id)) problems.push(`'${id}' is not a challenge id`);
    else if (challenges.includes(id)) continue;
    else if (catalogue && !catalogue.challenges[id]) problems.push(`the challenge '${id}' is not in this hub (any more)`);
    else challenges.push(id);
  }
  if (challenges.length > MAX_CHALLENGES) {
    problems.push(`the plan lists ${challenges.length} challenges; only the first ${MAX_CHALLENGES} are shown`);
    challenges.length = MAX_CHALLENGES;
  }
  const title = (decodeComponent(params.get("t") ?? "") ?? "").slice(0, MAX_TITLE);
  const note = (decodeComponent(params.get("n") ?? "") ?? "").slice(0, MAX_NOTE);
  return { plan: { challenges, title, note }, problems };
}

/** Total minutes of the plan's challenges. */
export function planMinutes(plan, catalogue) {
  return plan.challenges.reduce((sum, id) => sum + (catalogue.challenges[id]?.minutes ?? 0), 0);
}

/**
 * The plan as plain text for check-in notes: title, note, one line per challenge with its time box,
 * capability and link, the total, and the plan's own link.
 */
export function planText(plan, catalogue, { pageUrl, planUrl }) {
  const lines = [plan.title || "Practice plan"];
  if (plan.note) lines.push(plan.note);
  lines.push("");
  plan.challenges.forEach((id, i) => {
    const challenge = catalogue.challenges[id];
    const capability = catalogue.capabilities[challenge.capability];
    const what = capability ? ` · ${capability.title}` : "";
    lines.push(`${i + 1}. ${challenge.title} (${minutes(challenge.minutes)}${what})`);
    lines.push(`   ${pageUrl(id)}`);
  });
  lines.push("", `Total: ${minutes(planMinutes(plan, catalogue))}`, `Plan: ${planUrl}`);
  return `${lines.join("\n")}\n`;
}
