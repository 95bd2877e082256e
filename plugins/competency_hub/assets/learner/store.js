// The learner's progress: one versioned document in localStorage, and the pure functions that change,
// check and merge it. The format is published as /schemas/progress.schema.json (the pydantic model
// `competency_hub.model.progress.Progress`); `check` follows the same rules.
//
// Version 2 adds followed paths, milestone records with their reviewer, the provenance of each
// recorded level, and notes on capabilities. Version 1 documents (exports and stored copies) are
// read as version 2 with those empty: nothing in them is lost (`migrate`).

import { HUB_SCHEDULER, Scheduler, replay } from "./fsrs.js";

export const FORMAT = "competency-hub-progress";
export const VERSION = 2;
/** The versions this hub reads: older ones are migrated to VERSION as they are read. */
export const READS = [1, 2];
/**
 * Where the document is kept. The key stays the one version 1 used: a browser's stored copy is
 * migrated where it is, never left behind under an old key.
 */
export const STORAGE_KEY = "competency-hub:v1";
/** The manager's levels: sessionStorage, so they go when the tab closes and are never exported. */
export const MANAGER_KEY = `${STORAGE_KEY}:manager`;
/** Who placed the learner at a level, or reviewed a milestone. */
export const ROLES = ["self", "peer", "manager", "assessor"];

const SLUG = "[a-z0-9]+(?:-[a-z0-9]+)*";
const SLUG_RE = new RegExp(`^${SLUG}$`);
const PAIR_RE = new RegExp(`^${SLUG}/${SLUG}$`);
const TIME_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const LIMITS = { note: 5000, evidence: 2000, hub: 500, reviews: 1000, id: 64, pair: 129, name: 200, records: 100 };
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

export const scheduler = new Scheduler(HUB_SCHEDULER);

export function emptyState() {
  return { format: FORMAT, version: VERSION, challenges: {}, levels: {}, recall: {}, paths: {}, milestones: {}, notes: {} };
}

const iso = (ms) => new Date(ms).toISOString();
const ms = (text) => Date.parse(text);

// -- checking ------------------------------------------------------------------------------------

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function checkKeys(value, allowed, required, where, problems) {
  for (const key of Object.keys(value)) {
    if (!allowed.includes(key)) problems.push(`${where}: unknown field '${key}'`);
  }
  for (const key of required) {
    if (!(key in value)) problems.push(`${where}: '${key}' is missing`);
  }
}

function checkTime(value, where, problems, { nullable = false } = {}) {
  if (value === null && nullable) return;
  if (typeof value !== "string" || !TIME_RE.test(value) || Number.isNaN(ms(value))) {
    problems.push(`${where}: expected a date and time like 2025-03-03T09:30:00.000Z, not ${JSON.stringify(value)}`);
  }
}

function checkText(value, limit, where, problems) {
  if (typeof value !== "string") problems.push(`${where}: expected text`);
  else if (value.length > limit) problems.push(`${where}: longer than ${limit} characters`);
}

function checkNumber(value, where, problems, { min, max, exclusiveMin = false, integer = false, nullable = false }) {
  if (value === null && nullable) return;
  const ok =
    typeof value === "number" &&
    Number.isFinite(value) &&
    (!integer || Number.isInteger(value)) &&
    (min === undefined || (exclusiveMin ? value > min : value >= min)) &&
    (max === undefined || value <= max);
  if (!ok) problems.push(`${where}: ${JSON.stringify(value)} is not an allowed value`);
}

function checkMap(value, keyPattern, where, problems, checkEntry) {
  if (!isObject(value)) {
    problems.push(`${where}: expected an object`);
    return;
  }
  for (const [key, entry] of Object.entries(value)) {
    if (!keyPattern.test(key) || key.length > (keyPattern === SLUG_RE ? LIMITS.id : LIMITS.pair)) {
      problems.push(`${where}: '${key}' is not a valid key`);
    } else {
      checkEntry(entry, `${where}.${key}`);
    }
  }
}

/**
 * The problems that make `doc` unusable as a progress document (an empty list when it is fine).
 * Messages name the place, e.g. "challenges.tag-ten-tickets: 'updated' is missing".
 */
export function check(doc) {
  const problems = [];
  if (!isObject(doc)) return ["the file does not hold a progress document (expected a JSON object)"];
  if (doc.format !== FORMAT) return ["the file is not a competency-hub progress export (its 'format' is not 'competency-hub-progress')"];
  if (!READS.includes(doc.version)) {
    return [
      typeof doc.version === "number" && doc.version > VERSION
        ? `the file was made by a newer version of the hub (format version ${doc.version}); this hub reads versions up to ${VERSION}`
        : `unknown format version ${JSON.stringify(doc.version)}`,
    ];
  }
  checkKeys(doc, ["format", "version", "exported", "hub", "challenges", "levels", "recall", "paths", "milestones", "notes"], ["format", "version"], "file", problems);
  if ("exported" in doc) checkTime(doc.exported, "exported", problems, { nullable: true });
  if ("hub" in doc && doc.hub !== null) checkText(doc.hub, LIMITS.hub, "hub", problems);
  checkMap(doc.challenges ?? {}, SLUG_RE, "challenges", problems, (entry, where) => {
    if (!isObject(entry)) return problems.push(`${where}: expected an object`);
    checkKeys(entry, ["completed", "note", "evidence", "updated"], ["completed", "updated"], where, problems);
    if ("completed" in entry) checkTime(entry.completed, `${where}.completed`, problems, { nullable: true });
    if ("updated" in entry) checkTime(entry.updated, `${where}.updated`, problems);
    if ("note" in entry) checkText(entry.note, LIMITS.note, `${where}.note`, problems);
    if ("evidence" in entry) checkText(entry.evidence, LIMITS.evidence, `${where}.evidence`, problems);
  });
  checkMap(doc.levels ?? {}, PAIR_RE, "levels", problems, (entry, where) => {
    if (!Array.isArray(entry)) return problems.push(`${where}: expected a list`);
    entry.forEach((item, i) => {
      if (!isObject(item)) return problems.push(`${where}[${i}]: expected an object`);
      checkKeys(item, ["level", "at", "by", "name", "evidence"], ["level", "at"], `${where}[${i}]`, problems);
      if ("by" in item && !ROLES.includes(item.by)) problems.push(`${where}[${i}].by: must be one of ${ROLES.join(", ")}`);
      if ("name" in item) checkText(item.name, LIMITS.name, `${where}[${i}].name`, problems);
      if ("evidence" in item) checkText(item.evidence, LIMITS.evidence, `${where}[${i}].evidence`, problems);
      if ("level" in item && item.level !== null && (typeof item.level !== "string" || !SLUG_RE.test(item.level) || item.level.length > LIMITS.id)) {
        problems.push(`${where}[${i}].level: not a level id`);
      }
      if ("at" in item) checkTime(item.at, `${where}[${i}].at`, problems);
    });
  });
  checkMap(doc.recall ?? {}, PAIR_RE, "recall", problems, (entry, where) => {
    if (!isObject(entry)) return problems.push(`${where}: expected an object`);
    checkKeys(entry, ["since", "reviews", "card"], ["since", "card"], where, problems);
    if ("since" in entry) checkTime(entry.since, `${where}.since`, problems);
    const reviews = entry.reviews ?? [];
    if (!Array.isArray(reviews)) problems.push(`${where}.reviews: expected a list`);
    else {
      if (reviews.length > LIMITS.reviews) problems.push(`${where}.reviews: more than ${LIMITS.reviews} reviews`);
      reviews.forEach((review, i) => {
        if (!isObject(review)) return problems.push(`${where}.reviews[${i}]: expected an object`);
        checkKeys(review, ["at", "rating"], ["at", "rating"], `${where}.reviews[${i}]`, problems);
        if ("at" in review) checkTime(review.at, `${where}.reviews[${i}].at`, problems);
        if ("rating" in review && ![1, 2, 3, 4].includes(review.rating)) {
          problems.push(`${where}.reviews[${i}].rating: must be 1, 2, 3 or 4`);
        }
      });
    }
    const card = entry.card;
    if (!("card" in entry)) return undefined;
    if (!isObject(card)) return problems.push(`${where}.card: expected an object`);
    const at = `${where}.card`;
    checkKeys(card, ["state", "step", "stability", "difficulty", "due", "last_review"], ["state", "step", "stability", "difficulty", "due", "last_review"], at, problems);
    if ("state" in card && ![1, 2, 3].includes(card.state)) problems.push(`${at}.state: must be 1, 2 or 3`);
    if ("step" in card) checkNumber(card.step, `${at}.step`, problems, { min: 0, integer: true, nullable: true });
    if ("stability" in card) checkNumber(card.stability, `${at}.stability`, problems, { min: 0, exclusiveMin: true, nullable: true });
    if ("difficulty" in card) checkNumber(card.difficulty, `${at}.difficulty`, problems, { min: 1, max: 10, nullable: true });
    if ("due" in card) checkTime(card.due, `${at}.due`, problems);
    if ("last_review" in card) checkTime(card.last_review, `${at}.last_review`, problems, { nullable: true });
    return undefined;
  });
  checkMap(doc.paths ?? {}, SLUG_RE, "paths", problems, (entry, where) => {
    if (!isObject(entry)) return problems.push(`${where}: expected an object`);
    checkKeys(entry, ["followed", "updated"], ["followed", "updated"], where, problems);
    if ("followed" in entry) checkTime(entry.followed, `${where}.followed`, problems, { nullable: true });
    if ("updated" in entry) checkTime(entry.updated, `${where}.updated`, problems);
    return undefined;
  });
  checkMap(doc.milestones ?? {}, PAIR_RE, "milestones", problems, (entry, where) => {
    if (!Array.isArray(entry)) return problems.push(`${where}: expected a list`);
    if (entry.length > LIMITS.records) problems.push(`${where}: more than ${LIMITS.records} records`);
    entry.forEach((item, i) => {
      const at = `${where}[${i}]`;
      if (!isObject(item)) return problems.push(`${at}: expected an object`);
      checkKeys(item, ["at", "date", "level", "evidence", "by", "reviewer"], ["at", "date", "level", "by"], at, problems);
      if ("at" in item) checkTime(item.at, `${at}.at`, problems);
      if ("date" in item && (typeof item.date !== "string" || !DAY_RE.test(item.date) || Number.isNaN(ms(`${item.date}T00:00:00Z`)))) {
        problems.push(`${at}.date: expected a day like 2025-03-03, not ${JSON.stringify(item.date)}`);
      }
      if ("level" in item && (typeof item.level !== "string" || !SLUG_RE.test(item.level) || item.level.length > LIMITS.id)) {
        problems.push(`${at}.level: not a level id`);
      }
      if ("evidence" in item) checkText(item.evidence, LIMITS.evidence, `${at}.evidence`, problems);
      if ("by" in item && !ROLES.includes(item.by)) problems.push(`${at}.by: must be one of ${ROLES.join(", ")}`);
      if ("reviewer" in item) checkText(item.reviewer, LIMITS.name, `${at}.reviewer`, problems);
      return undefined;
    });
    return undefined;
  });
  checkMap(doc.notes ?? {}, PAIR_RE, "notes", problems, (entry, where) => {
    if (!isObject(entry)) return problems.push(`${where}: expected an object`);
    checkKeys(entry, ["text", "updated"], ["text", "updated"], where, problems);
    if ("text" in entry) checkText(entry.text, LIMITS.note, `${where}.text`, problems);
    if ("updated" in entry) checkTime(entry.updated, `${where}.updated`, problems);
    return undefined;
  });
  return problems;
}

/**
 * A checked document of any version this hub reads, as the current version: a version 1 document
 * gains empty paths, milestones and notes, and its levels are the learner's own ("by": "self").
 * Nothing it holds is dropped or changed.
 */
export function migrate(doc) {
  if (doc.version === VERSION) return doc;
  return { ...doc, version: VERSION, paths: doc.paths ?? {}, milestones: doc.milestones ?? {}, notes: doc.notes ?? {} };
}

// -- normal form ---------------------------------------------------------------------------------

function sortedObject(object) {
  return Object.fromEntries(Object.keys(object).sort().map((key) => [key, object[key]]));
}

function cardToJson(card) {
  return {
    state: card.state,
    step: card.step,
    stability: card.stability,
    difficulty: card.difficulty,
    due: iso(card.due),
    last_review: card.lastReview === null ? null : iso(card.lastReview),
  };
}

/** The schedule of one prompt, recomputed from its history: what is stored is always consistent. */
export function recallEntry(key, since, reviews) {
  const sorted = [...reviews].sort((a, b) => ms(a.at) - ms(b.at) || a.rating - b.rating);
  const card = replay(
    scheduler,
    key,
    ms(since),
    sorted.map((r) => ({ at: ms(r.at), rating: r.rating })),
  );
  return { since: iso(ms(since)), reviews: sorted.map((r) => ({ at: iso(ms(r.at)), rating: r.rating })), card: cardToJson(card) };
}

/**
 * A checked document in normal form: keys sorted, times as UTC ISO strings, lists in time order,
 * derived cards recomputed. Two documents with the same content normalise to the same JSON text.
 */
export function normalise(doc) {
  doc = migrate(doc);
  const state = emptyState();
  for (const [id, entry] of Object.entries(doc.challenges ?? {})) {
    state.challenges[id] = {
      completed: entry.completed === null ? null : iso(ms(entry.completed)),
      note: entry.note ?? "",
      evidence: entry.evidence ?? "",
      updated: iso(ms(entry.updated)),
    };
  }
  for (const [key, list] of Object.entries(doc.levels ?? {})) {
    const seen = new Map();
    for (const item of list) {
      const level = levelRecord(item);
      if (!seen.has(levelKey(level))) seen.set(levelKey(level), level);
    }
    const sorted = [...seen.values()].sort(byLevelTime);
    if (sorted.length) state.levels[key] = sorted;
  }
  for (const [key, entry] of Object.entries(doc.recall ?? {})) {
    state.recall[key] = recallEntry(key, entry.since, dedupeReviews(entry.reviews ?? []));
  }
  for (const [id, entry] of Object.entries(doc.paths ?? {})) {
    state.paths[id] = { followed: entry.followed === null ? null : iso(ms(entry.followed)), updated: iso(ms(entry.updated)) };
  }
  for (const [key, list] of Object.entries(doc.milestones ?? {})) {
    const seen = new Map();
    for (const item of list) {
      const record = milestoneRecord(item);
      seen.set(milestoneKey(record), record);
    }
    const sorted = [...seen.values()].sort(byRecordTime);
    if (sorted.length) state.milestones[key] = sorted;
  }
  for (const [key, entry] of Object.entries(doc.notes ?? {})) {
    state.notes[key] = { text: entry.text, updated: iso(ms(entry.updated)) };
  }
  state.challenges = sortedObject(state.challenges);
  state.levels = sortedObject(state.levels);
  state.recall = sortedObject(state.recall);
  state.paths = sortedObject(state.paths);
  state.milestones = sortedObject(state.milestones);
  state.notes = sortedObject(state.notes);
  return state;
}

function levelRecord(item) {
  return { level: item.level, at: iso(ms(item.at)), by: item.by ?? "self", name: item.name ?? "", evidence: item.evidence ?? "" };
}

const levelKey = (item) => `${ms(item.at)}|${item.level}|${item.by}|${item.name}|${item.evidence}`;
const byLevelTime = (a, b) =>
  ms(a.at) - ms(b.at) || String(a.level).localeCompare(String(b.level)) || levelKey(a).localeCompare(levelKey(b));

function milestoneRecord(item) {
  return { at: iso(ms(item.at)), date: item.date, level: item.level, evidence: item.evidence ?? "", by: item.by, reviewer: item.reviewer ?? "" };
}

const milestoneKey = (r) => JSON.stringify([ms(r.at), r.date, r.level, r.evidence, r.by, r.reviewer]);
const byRecordTime = (a, b) => ms(a.at) - ms(b.at) || milestoneKey(a).localeCompare(milestoneKey(b));

function dedupeReviews(reviews) {
  const seen = new Map();
  for (const review of reviews) seen.set(`${ms(review.at)}|${review.rating}`, review);
  return [...seen.values()];
}

// -- changes -------------------------------------------------------------------------------------

/** Marks a challenge done (or not done), keeping its note and evidence. */
export function setCompleted(state, id, done, now) {
  const entry = state.challenges[id] ?? { completed: null, note: "", evidence: "", updated: iso(now) };
  const completed = done ? entry.completed ?? iso(now) : null;
  state.challenges = sortedObject({ ...state.challenges, [id]: { ...entry, completed, updated: iso(now) } });
  return state;
}

/** Saves the learner's note and evidence for a challenge (done or not). */
export function setNotes(state, id, { note, evidence }, now) {
  const entry = state.challenges[id] ?? { completed: null, note: "", evidence: "", updated: iso(now) };
  const next = { ...entry, note: note ?? entry.note, evidence: evidence ?? entry.evidence };
  if (next.note === entry.note && next.evidence === entry.evidence && state.challenges[id]) return state;
  next.updated = iso(now);
  state.challenges = sortedObject({ ...state.challenges, [id]: next });
  return state;
}

export function isCompleted(state, id) {
  return Boolean(state.challenges[id]?.completed);
}

/** Records a self-assessment; an empty level records that the learner cleared their choice. */
export function assessLevel(state, key, level, now, { by = "self", name = "", evidence = "" } = {}) {
  const history = state.levels[key] ?? [];
  const record = { level: level || null, at: iso(now), by, name: name.trim(), evidence: evidence.trim() };
  state.levels = sortedObject({ ...state.levels, [key]: [...history, record] });
  return state;
}

/**
 * The level last recorded on a capability by someone in `by`'s role ({level, at, by, name,
 * evidence}), or null. By default the learner's own: the level they last gave themselves.
 */
export function currentLevel(state, key, by = "self") {
  const history = (state.levels[key] ?? []).filter((item) => (item.by ?? "self") === by);
  const last = history[history.length - 1];
  return last && last.level !== null ? last : null;
}

/** Follows a learning path (or stops following it). */
export function followPath(state, id, follow, now) {
  const entry = state.paths[id];
  const followed = follow ? (entry?.followed ?? iso(now)) : null;
  state.paths = sortedObject({ ...state.paths, [id]: { followed, updated: iso(now) } });
  return state;
}

/** The ids of the paths the learner follows, in the order they started following them. */
export function followedPaths(state) {
  return Object.entries(state.paths ?? {})
    .filter(([, entry]) => entry.followed)
    .sort(([a, x], [b, y]) => ms(x.followed) - ms(y.followed) || a.localeCompare(b))
    .map(([id]) => id);
}

/**
 * Records a milestone review: `key` is "path/milestone"; `record` holds date (YYYY-MM-DD), level,
 * evidence, by (the reviewer's role) and reviewer (their name).
 */
export function recordMilestone(state, key, record, now) {
  const history = state.milestones[key] ?? [];
  const entry = milestoneRecord({ ...record, at: iso(now), evidence: (record.evidence ?? "").trim(), reviewer: (record.reviewer ?? "").trim() });
  state.milestones = sortedObject({ ...state.milestones, [key]: [...history, entry] });
  return state;
}

/** The latest record of a milestone, or null. */
export function latestMilestone(state, key) {
  const history = state.milestones[key] ?? [];
  return history[history.length - 1] ?? null;
}

/** Saves the learner's note on a capability ("map/capability"); an empty text removes it. */
export function setCapabilityNote(state, key, text, now) {
  const notes = { ...state.notes };
  if ((notes[key]?.text ?? "") === text) return state;
  notes[key] = { text, updated: iso(now) };
  state.notes = sortedObject(notes);
  return state;
}

/** Records one review of a recall prompt and reschedules it. */
export function recordReview(state, key, since, rating, now) {
  const entry = state.recall[key];
  const reviews = [...(entry?.reviews ?? []), { at: iso(now), rating }];
  state.recall = sortedObject({ ...state.recall, [key]: recallEntry(key, entry?.since ?? since, reviews) });
  return state;
}

// -- merging -------------------------------------------------------------------------------------

/**
 * `base` with everything `incoming` adds (both normalised documents); nothing in `base` is lost.
 * Challenges: the more recently updated record wins, but an empty note or evidence never replaces a
 * written one. Levels and reviews: the histories are combined. Returns {state, changes}.
 */
export function merge(base, incoming) {
  const state = normalise(base);
  const changes = { completed: [], uncompleted: [], notes: [], levels: [], reviews: 0, prompts: [], paths: [], milestones: [], capabilityNotes: [] };
  for (const [id, theirs] of Object.entries(incoming.challenges)) {
    const ours = state.challenges[id];
    if (!ours) {
      state.challenges[id] = { ...theirs };
      if (theirs.completed) changes.completed.push(id);
      if (theirs.note || theirs.evidence) changes.notes.push(id);
      continue;
    }
    const newer = ms(theirs.updated) > ms(ours.updated) ? theirs : ours;
    const older = newer === theirs ? ours : theirs;
    const merged = {
      completed: newer.completed,
      note: newer.note || older.note,
      evidence: newer.evidence || older.evidence,
      updated: newer.updated,
    };
    if (!ours.completed && merged.completed) changes.completed.push(id);
    if (ours.completed && !merged.completed) changes.uncompleted.push(id);
    if (merged.note !== ours.note || merged.evidence !== ours.evidence) changes.notes.push(id);
    state.challenges[id] = merged;
  }
  for (const [key, theirs] of Object.entries(incoming.levels)) {
    const ours = state.levels[key] ?? [];
    const known = new Set(ours.map(levelKey));
    const added = theirs.filter((item) => !known.has(levelKey(item)));
    if (added.length) {
      state.levels[key] = [...ours, ...added].sort(byLevelTime);
      changes.levels.push(key);
    }
  }
  for (const [id, theirs] of Object.entries(incoming.paths ?? {})) {
    const ours = state.paths[id];
    // The later decision wins; at the same moment, following wins over not following.
    const rank = (entry) => [ms(entry.updated), entry.followed ? 1 : 0, entry.followed ?? ""];
    const wins = !ours || JSON.stringify(rank(theirs)) !== JSON.stringify(rank(ours)) && compareRanks(rank(theirs), rank(ours)) > 0;
    if (!wins) continue;
    if (Boolean(ours?.followed) !== Boolean(theirs.followed)) changes.paths.push(id);
    state.paths[id] = { ...theirs };
  }
  for (const [key, theirs] of Object.entries(incoming.milestones ?? {})) {
    const ours = state.milestones[key] ?? [];
    const known = new Set(ours.map(milestoneKey));
    const added = theirs.filter((item) => !known.has(milestoneKey(item)));
    if (added.length) {
      state.milestones[key] = [...ours, ...added].sort(byRecordTime);
      changes.milestones.push(key);
    }
  }
  for (const [key, theirs] of Object.entries(incoming.notes ?? {})) {
    const ours = state.notes[key];
    if (!ours) {
      if (theirs.text) changes.capabilityNotes.push(key);
      state.notes[key] = { ...theirs };
      continue;
    }
    // The more recently written note wins, but an empty note never replaces a written one.
    const newer = ms(theirs.updated) > ms(ours.updated) || (ms(theirs.updated) === ms(ours.updated) && theirs.text > ours.text) ? theirs : ours;
    const older = newer === theirs ? ours : theirs;
    const merged = newer.text ? newer : { text: older.text, updated: newer.updated };
    if (merged.text !== ours.text) changes.capabilityNotes.push(key);
    state.notes[key] = { ...merged };
  }
  for (const [key, theirs] of Object.entries(incoming.recall)) {
    const ours = state.recall[key];
    if (!ours) {
      state.recall[key] = recallEntry(key, theirs.since, theirs.reviews);
      changes.reviews += theirs.reviews.length;
      changes.prompts.push(key);
      continue;
    }
    const known = new Set(ours.reviews.map((r) => `${ms(r.at)}|${r.rating}`));
    const added = theirs.reviews.filter((r) => !known.has(`${ms(r.at)}|${r.rating}`));
    const since = ms(theirs.since) < ms(ours.since) ? theirs.since : ours.since;
    if (added.length || since !== ours.since) {
      state.recall[key] = recallEntry(key, since, [...ours.reviews, ...added]);
      changes.reviews += added.length;
      changes.prompts.push(key);
    }
  }
  return { state: normalise(state), changes };
}

function compareRanks(a, b) {
  for (let i = 0; i < a.length; i += 1) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

/** True when the merge changed nothing. */
export function unchanged(changes) {
  return (
    !changes.completed.length &&
    !changes.uncompleted.length &&
    !changes.notes.length &&
    !changes.levels.length &&
    !changes.prompts.length &&
    !changes.paths.length &&
    !changes.milestones.length &&
    !changes.capabilityNotes.length
  );
}

/** A progress file larger than this is refused unread (a real one is a few kilobytes to a few hundred). */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

/** Why a file of `size` bytes is refused unread, or null when its size is fine. */
export function tooLarge(size) {
  return size > MAX_FILE_BYTES ? `the file is ${(size / 1024 / 1024).toFixed(1)} MB; a progress file is at most ${MAX_FILE_BYTES / 1024 / 1024} MB` : null;
}

/**
 * Reads a progress file's text: {ok: true, state} in normal form, or {ok: false, problems}.
 */
export function parse(text) {
  let doc;
  try {
    doc = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [`the file is not valid JSON (${error.message})`] };
  }
  const problems = check(doc);
  return problems.length ? { ok: false, problems } : { ok: true, state: normalise(doc), from: doc.version };
}

/** The export file's text: the document as stored, with when and where it was exported. */
export function exportText(state, now, hub) {
  const { format, version, challenges, levels, recall, paths, milestones, notes } = normalise(state);
  const doc = { format, version, exported: iso(now), hub: hub ?? null, challenges, levels, recall, paths, milestones, notes };
  return `${JSON.stringify(doc, null, 2)}\n`;
}

/** The stored document without export-only fields, as compared before and after an import. */
export function stored(state) {
  const { format, version, challenges, levels, recall, paths, milestones, notes } = normalise(state);
  return { format, version, challenges, levels, recall, paths, milestones, notes };
}

// -- storage -------------------------------------------------------------------------------------

let memoryText = null;
/** Used when the browser refuses localStorage (some private modes): progress lasts for the page view. */
const memory = {
  getItem: (key) => (key === STORAGE_KEY ? memoryText : null),
  setItem: (key, value) => {
    if (key === STORAGE_KEY) memoryText = value;
  },
  removeItem: (key) => {
    if (key === STORAGE_KEY) memoryText = null;
  },
};

/** localStorage when the browser allows it, else an in-memory stand-in ({storage, persistent}). */
export function storageArea() {
  try {
    const storage = globalThis.localStorage;
    storage.getItem(STORAGE_KEY);
    return { storage, persistent: true };
  } catch {
    return { storage: memory, persistent: false };
  }
}

/**
 * The learner's progress. A stored document that fails the checks is not thrown away: it is moved
 * to a backup key and reported in `problems`, and an empty document is used.
 */
export function load(storage = storageArea().storage) {
  const text = storage.getItem(STORAGE_KEY);
  if (text === null) return { state: emptyState(), problems: [] };
  const result = parse(text);
  if (result.ok) return { state: result.state, problems: [] };
  const backup = `${STORAGE_KEY}:unreadable:${Date.now()}`;
  try {
    storage.setItem(backup, text);
    storage.removeItem(STORAGE_KEY);
  } catch {
    /* storage full: the unreadable copy stays where it is */
  }
  return { state: emptyState(), problems: result.problems, backup };
}

/** Saves the document; false when the browser refused (storage full). */
export function save(state, storage = storageArea().storage) {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify(stored(state)));
    return true;
  } catch {
    return false;
  }
}

/**
 * Reads the latest stored progress, applies `change` to it and saves it: another tab's changes
 * made since this page loaded are kept. Returns {state, saved}.
 */
export function update(change, storage = storageArea().storage) {
  const { state } = load(storage);
  change(state);
  const saved = save(state, storage);
  // The page's other views (the progress marks, the journey) show the change at once.
  if (typeof window !== "undefined") window.dispatchEvent(new CustomEvent("competency-hub:progress"));
  return { state, saved };
}

export function forget(storage = storageArea().storage) {
  try {
    storage.removeItem(STORAGE_KEY);
    return true;
  } catch {
    return false;
  }
}
