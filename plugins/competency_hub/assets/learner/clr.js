// The learner record: an unsigned CLR 2.0 (Comprehensive Learner Record) draft of the milestones and
// levels in the learner's progress, built in this browser from clr-data.json (nothing is sent).
// It repeats exports/clr.py `clr_document` line for line: `competency-hub clr` gives the same bytes
// for the same progress document and hub (tests/test_clr.py holds both to it).

import { dataFromScripts, fetchJson } from "./data.js";

export const CLR_CONTEXT = [
  "https://www.w3.org/ns/credentials/v2",
  "https://purl.imsglobal.org/spec/clr/v2p0/context-2.0.1.json",
  "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json",
];
const OB_CONTEXT = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"];
const CLR_SCHEMA = "https://purl.imsglobal.org/spec/clr/v2p0/schema/json/clr_v2p0_clrcredential_schema.json";
const OB_SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json";
export const ISSUER_PLACEHOLDER = {
  id: "https://issuer.invalid/REPLACE-WITH-THE-ISSUER-ID",
  type: ["Profile"],
  name: "REPLACE: the organisation that signs this record",
};
export const LEARNER_PLACEHOLDER = "did:example:REPLACE-WITH-THE-LEARNER-ID";
const ROLES = { self: "the learner (self-assessment)", peer: "a peer", manager: "their manager", assessor: "an assessor" };
const LINK = /^https?:\/\/\S+$/;

function byCodePoint(a, b) {
  return a < b ? -1 : a > b ? 1 : 0;
}

function latest(values) {
  let best = null;
  for (const value of values) if (best === null || Date.parse(value) > Date.parse(best)) best = value;
  return best;
}

function achievementOf(catalogue, entry, mapId, required) {
  const id = entry.achievement;
  const scale = catalogue.scales[mapId];
  const result = {
    id: `${id}#level`,
    type: ["ResultDescription"],
    name: `Level on the scale of '${scale.title}'`,
    resultType: "RubricCriterionLevel",
    rubricCriterionLevel: scale.levels.map(([levelId, name]) => ({ id: `${id}#level--${levelId}`, type: ["RubricCriterionLevel"], name, level: name })),
  };
  if (required !== null) result.requiredLevel = `${id}#level--${required}`;
  return {
    id,
    type: ["Achievement"],
    achievementType: "Competency",
    name: entry.name,
    description: entry.description,
    criteria: entry.criteria,
    creator: catalogue.creator,
    alignment: entry.alignment,
    resultDescription: [result],
    inLanguage: catalogue.language,
  };
}

function evidenceOf(hub, by, who, when, at, link, what) {
  const person = (ROLES[by] ?? by) + (who && by !== "self" ? `, ${who}` : "");
  let narrative = `${what} by ${person}, on ${when}. Recorded by the learner in '${hub}' at ${at}.`;
  if (link && !LINK.test(link)) narrative += ` Evidence: ${link}`;
  const evidence = {};
  if (link && LINK.test(link)) evidence.id = link;
  Object.assign(evidence, {
    type: ["Evidence"],
    name: `Assessed by ${person}`,
    narrative,
    genre: `${by} assessment`,
    audience: "The organisation that signs this record",
  });
  return evidence;
}

function credentialOf(achievement, kind, key, at, level, evidence) {
  return {
    "@context": OB_CONTEXT,
    id: `urn:competency-hub:draft:${kind}:${key}:${at}`,
    type: ["VerifiableCredential", "AchievementCredential"],
    issuer: ISSUER_PLACEHOLDER,
    validFrom: at,
    name: achievement.name,
    credentialSubject: {
      id: LEARNER_PLACEHOLDER,
      type: ["AchievementSubject"],
      achievement,
      result: [{ type: ["Result"], resultDescription: `${achievement.id}#level`, achievedLevel: `${achievement.id}#level--${level}` }],
    },
    evidence: [evidence],
    credentialSchema: [{ id: OB_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
  };
}

/**
 * The unsigned ClrCredential (or null when the progress holds no milestone or level the hub knows):
 * one AchievementCredential per current milestone review, and per capability one per kind of
 * assessor (the latest level the learner, a peer, a manager or an assessor gave).
 */
export function clrDocument(catalogue, progress) {
  const hub = catalogue.hub;
  const credentials = [];
  const achievements = new Map();
  const times = [];
  const milestones = progress.milestones ?? {};
  for (const key of Object.keys(milestones).sort(byCodePoint)) {
    const records = milestones[key];
    const entry = catalogue.milestones[key];
    if (!records?.length || !entry) continue;
    const record = records[records.length - 1];
    const levels = catalogue.scales[entry.map].levels.map(([id]) => id);
    if (!levels.includes(record.level)) continue;
    const achievement = achievementOf(catalogue, entry, entry.map, entry.level);
    const evidence = evidenceOf(hub, record.by, record.reviewer ?? "", record.date, record.at, record.evidence ?? "", "Milestone reviewed");
    credentials.push(credentialOf(achievement, "milestone", key, record.at, record.level, evidence));
    if (!achievements.has(achievement.id)) achievements.set(achievement.id, achievement);
    times.push(record.at);
  }
  const assessed = progress.levels ?? {};
  for (const key of Object.keys(assessed).sort(byCodePoint)) {
    const entry = catalogue.capabilities[key];
    if (!entry) continue;
    const mapId = key.split("/")[0];
    const levels = catalogue.scales[mapId].levels.map(([id]) => id);
    const latestBy = {};
    for (const assessment of assessed[key]) latestBy[assessment.by ?? "self"] = assessment;
    for (const by of ["self", "peer", "manager", "assessor"]) {
      const assessment = latestBy[by];
      if (!assessment || !levels.includes(assessment.level)) continue;
      const achievement = achievementOf(catalogue, entry, mapId, null);
      const evidence = evidenceOf(hub, by, assessment.name ?? "", assessment.at, assessment.at, assessment.evidence ?? "", "Level assessed");
      credentials.push(credentialOf(achievement, `level-${by}`, key, assessment.at, assessment.level, evidence));
      if (!achievements.has(achievement.id)) achievements.set(achievement.id, achievement);
      times.push(assessment.at);
    }
  }
  const validFrom = latest(times);
  if (validFrom === null) return null;
  return {
    "@context": CLR_CONTEXT,
    id: `urn:competency-hub:draft:clr:${validFrom}`,
    type: ["VerifiableCredential", "ClrCredential"],
    issuer: ISSUER_PLACEHOLDER,
    validFrom,
    name: `Learner record from '${hub}' (draft, unsigned)`,
    description:
      "A draft Comprehensive Learner Record built from a learner's progress file. It is not signed: " +
      "the organisation replaces the issuer and the learner id, checks it, and signs it.",
    credentialSubject: {
      id: LEARNER_PLACEHOLDER,
      type: ["ClrSubject"],
      verifiableCredential: credentials,
      achievement: [...achievements.values()],
    },
    credentialSchema: [{ id: CLR_SCHEMA, type: "1EdTechJsonSchemaValidator2019" }],
  };
}

/** The file's text, as `competency-hub clr` writes it. */
export function clrText(document) {
  return `${JSON.stringify(document, null, 2)}\n`;
}

/** The hub's part of the record (clr-data.json), fetched when the learner asks for a record. */
export async function loadClrCatalogue(catalogue) {
  if (dataFromScripts()) return fetchJson(catalogue.url("clr"));
  const response = await fetch(catalogue.url("clr"), { cache: "no-cache" });
  if (!response.ok) throw new Error(`${catalogue.url("clr")}: ${response.status} ${response.statusText}`);
  return response.json();
}
