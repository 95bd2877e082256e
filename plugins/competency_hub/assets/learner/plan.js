// A practice plan as a link: the chosen challenges, a title and a note, encoded in the fragment of
// /plan/ (the part after #, which browsers never send to a server). Pure functions; the page is
// plan-page.js.
//
//   /plan/#c=tag-ten-tickets,prioritise-queue&t=Week%2012&n=Before%20Friday
//
// c: challenge ids in plan order, comma-separated; t: title; n: note. Unknown parameters are ignored,
// so later versions can add some. The learner may add where they are, as it was when they made the
// link (the reader of the link has none of their progress):
//
//   &p=first-week:2,ops-basics:0                      p: followed paths, each with its steps done
//   &m=first-week/triage-reviewed:independent:manager:2025-03-04
//                                                     m: milestones recorded, each's latest record:
//                                                        level, reviewer's role, day of the review
//
// Reviewers' names, notes and evidence stay out of the link.

import { minutes } from "./text.js";

export const MAX_CHALLENGES = 20;
export const MAX_TITLE = 120;
export const MAX_NOTE = 500;
export const MAX_PATHS = 20;
export const MAX_MILESTONES = 40;
const SLUG = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
const ROLES = ["self", "peer", "manager", "assessor"];
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The fragment (without '#') that holds the plan (`paths` and `milestones` are optional). */
export function encodePlan({ challenges, title = "", note = "", paths = [], milestones = [] }) {
  const parts = [`c=${challenges.join(",")}`];
  if (title.trim()) parts.push(`t=${encodeURIComponent(title.trim().slice(0, MAX_TITLE))}`);
  if (note.trim()) parts.push(`n=${encodeURIComponent(note.trim().slice(0, MAX_NOTE))}`);
  if (paths.length) parts.push(`p=${paths.slice(0, MAX_PATHS).map(({ id, done }) => `${id}:${done}`).join(",")}`);
  if (milestones.length) {
    parts.push(`m=${milestones.slice(0, MAX_MILESTONES).map(({ key, level, by, date }) => `${key}:${level}:${by}:${date}`).join(",")}`);
  }
  return parts.join("&");
}

/**
 * Where the learner is, for a plan link: each followed path the catalogue has, with its steps done,
 * and the latest record of each milestone recorded on a path the catalogue has.
 * `state` is the progress document, `followedIds` the followed paths' ids, `done(id)` whether a
 * challenge is done.
 */
export function journeyOf(state, catalogue, followedIds, done) {
  const byId = new Map(catalogue.paths.map((path) => [path.id, path]));
  const paths = followedIds
    .filter((id) => byId.has(id))
    .map((id) => ({ id, done: byId.get(id).steps.filter((step) => catalogue.challenges[step] && done(step)).length }));
  const milestones = [];
  for (const [key, history] of Object.entries(state.milestones ?? {})) {
    const [pathId, milestoneId] = key.split("/");
    const record = history[history.length - 1];
    if (!record || !(catalogue.milestones?.[pathId] ?? []).some((m) => m.id === milestoneId)) continue;
    milestones.push({ key, level: record.level, by: record.by, date: record.date });
  }
  return { paths, milestones };
}

function decodeJourney(params, catalogue, problems) {
  const journey = {};
  if (params.has("p")) {
    journey.paths = [];
    for (const raw of params.get("p").split(",").filter(Boolean)) {
      const [id, count] = (decodeComponent(raw) ?? "").split(":");
      const path = catalogue?.paths?.find((p) => p.id === id);
      if (!SLUG.test(id ?? "") || !/^\d+$/.test(count ?? "")) problems.push(`'${raw}' is not a path with its steps done`);
      else if (catalogue && !path) problems.push(`the path '${id}' is not in this hub (any more)`);
      else if (!journey.paths.some((p) => p.id === id)) journey.paths.push({ id, done: Math.min(Number(count), path ? path.steps.length : Number(count)) });
    }
    journey.paths.length = Math.min(journey.paths.length, MAX_PATHS);
  }
  if (params.has("m")) {
    journey.milestones = [];
    for (const raw of params.get("m").split(",").filter(Boolean)) {
      const [key, level, by, date] = (decodeComponent(raw) ?? "").split(":");
      const [pathId, milestoneId, extra] = (key ?? "").split("/");
      const milestone = (catalogue?.milestones?.[pathId] ?? []).find((m) => m.id === milestoneId);
      const scale = milestone ? (catalogue.maps[String(milestone.capability).split("/")[0]]?.scale ?? []) : [];
      if (extra !== undefined || !SLUG.test(pathId ?? "") || !SLUG.test(milestoneId ?? "") || !SLUG.test(level ?? "") || !ROLES.includes(by) || !DAY.test(date ?? "")) {
        problems.push(`'${raw}' is not a milestone record`);
      } else if (catalogue && !milestone) problems.push(`the milestone '${key}' is not in this hub (any more)`);
      else if (catalogue && !scale.some(([id]) => id === level)) problems.push(`the level '${level}' of '${key}' is not in this hub (any more)`);
      else if (!journey.milestones.some((m) => m.key === key)) journey.milestones.push({ key, level, by, date });
    }
    journey.milestones.length = Math.min(journey.milestones.length, MAX_MILESTONES);
  }
  return journey;
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
  return { plan: { challenges, title, note, ...decodeJourney(params, catalogue, problems) }, problems };
}

/** Total minutes of the plan's challenges. */
export function planMinutes(plan, catalogue) {
  return plan.challenges.reduce((sum, id) => sum + (catalogue.challenges[id]?.minutes ?? 0), 0);
}

const ROLE_WORDS = { self: "self-assessed", peer: "reviewed by a peer", manager: "reviewed by a manager", assessor: "reviewed by an assessor" };

/** A followed path of a plan in words: 'First week: 2 of 3 challenges done'. */
export function pathLine(entry, catalogue) {
  const path = catalogue.paths.find((p) => p.id === entry.id);
  const steps = path.steps.filter((id) => catalogue.challenges[id]).length;
  return `${path.title}: ${entry.done} of ${steps} ${steps === 1 ? "challenge" : "challenges"} done`;
}

/**
 * A recorded milestone in words: 'First week, Triage reviewed: passed at Independent (reviewed by
 * a manager, 2025-03-04)'; 'recorded at …' when below the level the milestone asks. The reviewer's
 * name shows when the entry has one (the check-in card; plan links leave names out).
 */
export function milestoneLine(entry, catalogue) {
  const [pathId, milestoneId] = entry.key.split("/");
  const path = catalogue.paths.find((p) => p.id === pathId);
  const milestone = catalogue.milestones[pathId].find((m) => m.id === milestoneId);
  const scale = catalogue.maps[String(milestone.capability).split("/")[0]]?.scale ?? [];
  const at = scale.findIndex(([id]) => id === entry.level);
  const asked = scale.findIndex(([id]) => id === milestone.level);
  const name = scale[at]?.[1] ?? entry.level;
  const state = at >= 0 && asked >= 0 && at >= asked ? `passed at ${name}` : `recorded at ${name}, below ${scale[asked]?.[1] ?? milestone.level}`;
  const who = [ROLE_WORDS[entry.by] ?? entry.by, entry.reviewer, entry.date].filter(Boolean).join(", ");
  return `${path?.title ?? pathId}, ${milestone.title}: ${state} (${who})`;
}

/**
 * The plan as plain text for check-in notes: title, note, one line per challenge with its time box,
 * capability and link, the total, the paths followed and milestones recorded (when the link has
 * them), and the plan's own link.
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
  lines.push("", `Total: ${minutes(planMinutes(plan, catalogue))}`);
  const journey = [];
  if (plan.paths?.length) journey.push("", "Learning paths followed:", ...plan.paths.map((entry) => `- ${pathLine(entry, catalogue)}`));
  if (plan.milestones?.length) journey.push("", "Milestones recorded:", ...plan.milestones.map((entry) => `- ${milestoneLine(entry, catalogue)}`));
  if (journey.length) lines.push(...journey, "");
  lines.push(`Plan: ${planUrl}`);
  return `${lines.join("\n")}\n`;
}
