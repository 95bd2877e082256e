// The learner's journey, computed from the progress document and the catalogue: where they are on
// each path (steps done, the next one, mandatory milestones passed, time left) and what to practise
// next, with the reason in words. Pure functions; the pages are path-page.js and home-page.js.

import { currentLevel, followedPaths, isCompleted, latestMilestone } from "./store.js";
import { minutes } from "./text.js";

/** The position of a level in its map's scale (0 = lowest), or -1. */
export function levelIndex(catalogue, mapId, level) {
  return (catalogue.maps[mapId]?.scale ?? []).findIndex(([id]) => id === level);
}

/** A level's name in its map's scale ('independent' → 'Independent'). */
export function levelName(catalogue, mapId, level) {
  return catalogue.maps[mapId]?.scale.find(([id]) => id === level)?.[1] ?? level;
}

const mapOf = (key) => String(key ?? "").split("/")[0];

/**
 * One milestone's state: 'passed' (the latest record is at least the level asked), 'below' (a
 * record at a lower level), or 'open' (nothing recorded); with that record.
 */
export function milestoneState(state, catalogue, pathId, milestone) {
  const record = latestMilestone(state, `${pathId}/${milestone.id}`);
  if (!record) return { state: "open", record: null };
  const map = mapOf(milestone.capability);
  const reached = levelIndex(catalogue, map, record.level);
  const asked = levelIndex(catalogue, map, milestone.level);
  return { state: reached >= 0 && asked >= 0 && reached >= asked ? "passed" : "below", record };
}

/**
 * Where the learner is on a path: steps (ids the hub has), done, the next step not done, mandatory
 * milestones and those passed, minutes left, and the share done counting both (0 to 1).
 */
export function pathProgress(state, catalogue, path) {
  const steps = path.steps.filter((id) => catalogue.challenges[id]);
  const done = steps.filter((id) => isCompleted(state, id));
  const next = steps.find((id) => !isCompleted(state, id)) ?? null;
  const milestones = (catalogue.milestones?.[path.id] ?? []).map((m) => ({ ...m, ...milestoneState(state, catalogue, path.id, m) }));
  const mandatory = milestones.filter((m) => m.mandatory);
  const passed = mandatory.filter((m) => m.state === "passed");
  const left = steps.filter((id) => !isCompleted(state, id)).reduce((sum, id) => sum + (catalogue.challenges[id].minutes ?? 0), 0);
  const total = steps.length + mandatory.length;
  const milestoneNext = next === null ? (mandatory.find((m) => m.state !== "passed") ?? null) : null;
  return {
    steps,
    done,
    next,
    milestones,
    mandatory,
    passed,
    minutesLeft: left,
    share: total ? (done.length + passed.length) / total : 0,
    milestoneNext,
    complete: next === null && milestoneNext === null,
  };
}

/** The progress of a path in words: '1 of 3 challenges done · 0 of 1 mandatory milestone passed · 40 min left'. */
export function progressText(progress) {
  const parts = [`${progress.done.length} of ${progress.steps.length} ${progress.steps.length === 1 ? "challenge" : "challenges"} done`];
  if (progress.mandatory.length) {
    parts.push(`${progress.passed.length} of ${progress.mandatory.length} mandatory ${progress.mandatory.length === 1 ? "milestone" : "milestones"} passed`);
  }
  parts.push(progress.minutesLeft ? `${minutes(progress.minutesLeft)} left` : "no challenge left");
  return parts.join(" · ");
}

/** For each followed path the hub has: {path, progress}. */
export function followed(state, catalogue) {
  const byId = new Map(catalogue.paths.map((path) => [path.id, path]));
  return followedPaths(state)
    .filter((id) => byId.has(id))
    .map((id) => ({ path: byId.get(id), progress: pathProgress(state, catalogue, byId.get(id)) }));
}

/** The ids of the next step of every followed path. */
export function nextSteps(state, catalogue) {
  return new Set(followed(state, catalogue).map(({ progress }) => progress.next).filter(Boolean));
}

/**
 * Three challenges to practise next, each {id, reason}: the next step of a followed path first,
 * then the level just above where the learner placed themselves, then first steps on capabilities
 * next to those they work on, then first steps anywhere. Challenges done, or whose prerequisites
 * are not done, are left out; no two suggestions practise the same capability while others can.
 */
export function suggestions(state, catalogue, count = 3) {
  const candidates = [];
  const seen = new Set();
  const open = (id) =>
    catalogue.challenges[id] && !isCompleted(state, id) && (catalogue.prerequisites?.[id] ?? []).every((before) => isCompleted(state, before) || !catalogue.challenges[before]);
  const add = (id, rank, reason) => {
    if (!open(id)) return;
    if (seen.has(id)) {
      // A second reason for the same challenge is worth saying too.
      const known = candidates.find((c) => c.id === id);
      if (rank <= 3 && !known.reason.includes(reason)) known.reason += `; ${reason}`;
      return;
    }
    seen.add(id);
    candidates.push({ id, rank, reason });
  };
  const title = (key) => catalogue.capabilities[key]?.title ?? key;
  const byCapability = new Map();
  for (const [id, challenge] of Object.entries(catalogue.challenges)) {
    if (!challenge.capability) continue;
    if (!byCapability.has(challenge.capability)) byCapability.set(challenge.capability, []);
    byCapability.get(challenge.capability).push(id);
  }
  const position = (id) => levelIndex(catalogue, mapOf(catalogue.challenges[id].capability), catalogue.challenges[id].level);
  for (const list of byCapability.values()) list.sort((a, b) => position(a) - position(b) || a.localeCompare(b));

  for (const { path, progress } of followed(state, catalogue)) {
    if (progress.next) add(progress.next, 0, `the next step of your path “${path.title}” (${progress.done.length} of ${progress.steps.length} done)`);
  }
  const placed = Object.keys(state.levels).filter((key) => currentLevel(state, key) && catalogue.capabilities[key]);
  for (const key of placed.sort()) {
    const mine = levelIndex(catalogue, mapOf(key), currentLevel(state, key).level);
    const name = levelName(catalogue, mapOf(key), currentLevel(state, key).level);
    const above = (byCapability.get(key) ?? []).filter((id) => position(id) === mine + 1);
    const at = (byCapability.get(key) ?? []).filter((id) => position(id) === mine);
    for (const id of above) {
      const target = levelName(catalogue, mapOf(key), catalogue.challenges[id].level);
      add(id, 1, `you placed yourself at ${name} on ${title(key)}: this practises ${target}, the level just above`);
    }
    for (const id of at) add(id, 3, `you placed yourself at ${name} on ${title(key)}: practice at that level keeps it`);
  }
  const worked = new Set([...placed, ...Object.keys(state.challenges).filter((id) => isCompleted(state, id)).map((id) => catalogue.challenges[id]?.capability)]);
  for (const key of [...worked].filter(Boolean).sort()) {
    for (const other of catalogue.capabilities[key]?.related ?? []) {
      if (placed.includes(other)) continue;
      const first = (byCapability.get(other) ?? []).find(open);
      if (first) add(first, 2, `a first step in ${title(other)}, which goes with ${title(key)} that you work on`);
    }
  }
  for (const [key, list] of [...byCapability.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    if (placed.includes(key)) continue;
    const first = list.find(open);
    if (first) add(first, 4, `a first step in ${title(key)}, at ${levelName(catalogue, mapOf(key), catalogue.challenges[first].level)}`);
  }
  candidates.sort((a, b) => a.rank - b.rank);
  // Interleave: one per capability first, then the rest in order.
  const chosen = [];
  const capabilities = new Set();
  for (const candidate of candidates) {
    const key = catalogue.challenges[candidate.id].capability;
    if (chosen.length < count && !capabilities.has(key)) {
      chosen.push(candidate);
      capabilities.add(key);
    }
  }
  for (const candidate of candidates) if (chosen.length < count && !chosen.includes(candidate)) chosen.push(candidate);
  return chosen.sort((a, b) => a.rank - b.rank).map(({ id, reason }) => ({ id, reason }));
}

/** The learner's latest activity, newest first: [{at, kind, text, href}] (challenges done, milestones, levels). */
export function recent(state, catalogue, count = 3) {
  const items = [];
  for (const [id, entry] of Object.entries(state.challenges)) {
    if (entry.completed) items.push({ at: Date.parse(entry.completed), kind: "challenge", id, text: `Done: ${catalogue.challenges[id]?.title ?? id}`, href: catalogue.challenges[id] ? catalogue.challengeUrl(id) : null });
  }
  for (const [key, records] of Object.entries(state.milestones ?? {})) {
    const [pathId, milestoneId] = key.split("/");
    const milestone = (catalogue.milestones?.[pathId] ?? []).find((m) => m.id === milestoneId);
    const last = records[records.length - 1];
    if (last) items.push({ at: Date.parse(last.at), kind: "milestone", id: key, text: `Milestone recorded: ${milestone?.title ?? key}`, href: milestone ? `${catalogue.url("path", { id: pathId })}#${milestoneId}` : null });
  }
  for (const key of Object.keys(state.levels)) {
    const level = currentLevel(state, key);
    if (level && catalogue.capabilities[key]) {
      items.push({ at: Date.parse(level.at), kind: "level", id: key, text: `Level chosen: ${levelName(catalogue, mapOf(key), level.level)} on ${catalogue.capabilities[key].title}`, href: catalogue.capabilityUrl(key) });
    }
  }
  return items.sort((a, b) => b.at - a.at).slice(0, count);
}
