// An iCalendar file (RFC 5545) of upcoming review days, so the learner's own calendar reminds them.
// One all-day event per day with prompts due, with a display alarm at 9:00 local time.

import { hashUnit } from "./fsrs.js";

const encoder = new TextEncoder();

/** Escapes TEXT values (RFC 5545 3.3.11). */
export function escapeText(value) {
  return String(value)
    .replace(/\\/g, "\\\\")
    .replace(/;/g, "\\;")
    .replace(/,/g, "\\,")
    .replace(/\r\n|\r|\n/g, "\\n");
}

/** Folds a content line at 75 octets, never inside a UTF-8 character (RFC 5545 3.1). */
export function foldLine(line) {
  const parts = [];
  let current = "";
  let octets = 0;
  for (const char of line) {
    const size = encoder.encode(char).length;
    const limit = parts.length ? 74 : 75; // continuation lines start with a space
    if (octets + size > limit) {
      parts.push(current);
      current = "";
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join("\r\n ");
}

function utcStamp(ms) {
  return new Date(ms).toISOString().replace(/[-:]/g, "").replace(/\.\d{3}/, "");
}

function compactDate(isoDate) {
  return isoDate.replace(/-/g, "");
}

function nextDate(isoDate) {
  const [y, m, d] = isoDate.split("-").map(Number);
  const date = new Date(Date.UTC(y, m - 1, d + 1));
  return date.toISOString().slice(0, 10);
}

function hashHex(text) {
  return Math.floor(hashUnit(text) * 4294967296).toString(16).padStart(8, "0");
}

/**
 * The calendar's text. `days` is [{date: "YYYY-MM-DD", titles: [challenge titles], count}]; `url` is
 * the review page's address. Events of the same day keep the same UID from one file to the next,
 * so importing a newer file updates them.
 */
export function calendar({ days, now, hub, url }) {
  const site = hashHex(url);
  const lines = [
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    "PRODID:-//competency-hub//Review reminders//EN",
    "CALSCALE:GREGORIAN",
    "METHOD:PUBLISH",
    `X-WR-CALNAME:${escapeText(`${hub}: reviews`)}`,
  ];
  for (const day of days) {
    const what = `Review ${day.count} recall prompt${day.count === 1 ? "" : "s"}`;
    const description = [
      `${what} in ${hub}. It takes a few minutes: answer from memory, then rate how well you remembered.`,
      "",
      "From:",
      ...day.titles.map((title) => `- ${title}`),
      "",
      url,
    ].join("\n");
    lines.push(
      "BEGIN:VEVENT",
      `UID:review-${compactDate(day.date)}-${site}@competency-hub`,
      `DTSTAMP:${utcStamp(now)}`,
      `SEQUENCE:${Math.max(0, Math.floor((now - Date.UTC(2024, 0, 1)) / 60000))}`,
      `DTSTART;VALUE=DATE:${compactDate(day.date)}`,
      `DTEND;VALUE=DATE:${compactDate(nextDate(day.date))}`,
      `SUMMARY:${escapeText(`${what} (${hub})`)}`,
      `DESCRIPTION:${escapeText(description)}`,
      `URL:${url}`,
      "TRANSP:TRANSPARENT",
      "BEGIN:VALARM",
      "ACTION:DISPLAY",
      `DESCRIPTION:${escapeText(what)}`,
      "TRIGGER;RELATED=START:PT9H",
      "END:VALARM",
      "END:VEVENT",
    );
  }
  lines.push("END:VCALENDAR");
  return `${lines.map(foldLine).join("\r\n")}\r\n`;
}
