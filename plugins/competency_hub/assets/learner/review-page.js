// The review page: today's recall prompts, interleaved across related capabilities, each answered
// from memory, revealed and rated (again, hard, good, easy); what is coming up; and the calendar file.

import { loadCatalogue, loadPrompts } from "./data.js";
import { download, fill, formatDate, formatDay, h, inlineMarkdown } from "./dom.js";
import { DAY, Rating } from "./fsrs.js";
import { calendar } from "./ics.js";
import { dueToday, endOfDay, interleave, localDate, scheduledPrompts, upcoming } from "./queue.js";
import { load, recallEntry, recordReview, update } from "./store.js";
import { plural } from "./text.js";

const RATINGS = [
  { value: Rating.Again, label: "Again", hint: "I forgot" },
  { value: Rating.Hard, label: "Hard", hint: "with effort" },
  { value: Rating.Good, label: "Good", hint: "after a moment" },
  { value: Rating.Easy, label: "Easy", hint: "at once" },
];
const CALENDAR_DAYS = 60;
const UPCOMING_DAYS = 14;

/** Whole local days from today to the day of `ms`. */
function daysFromToday(ms, now) {
  return Math.round((endOfDay(ms) - endOfDay(now)) / DAY);
}

function when(ms, now) {
  const days = daysFromToday(ms, now);
  if (days <= 0) return "today";
  if (days === 1) return "tomorrow";
  return `in ${days} days (${formatDate(ms)})`;
}

function nextDue(state, prompt, rating, now) {
  const reviews = state.recall[prompt.key]?.reviews ?? [];
  const since = state.recall[prompt.key]?.since ?? prompt.since;
  return Date.parse(recallEntry(prompt.key, since, [...reviews, { at: new Date(now).toISOString(), rating }]).card.due);
}

export async function mount(element) {
  const catalogue = await loadCatalogue(element);
  const slot = (name) => element.querySelector(`[data-hub-slot="${name}"]`);
  const queue = slot("queue");
  const summary = slot("summary");
  let texts = new Map();
  let rated = 0;

  function renderUpcoming(state, now) {
    const days = upcoming(scheduledPrompts(state, catalogue), now, UPCOMING_DAYS);
    fill(
      slot("upcoming"),
      days.length
        ? h(
            "ul",
            { class: "hub-review__upcoming" },
            days.map(({ date, prompts }) =>
              h("li", { "data-hub-date": date }, `${formatDay(Date.parse(`${date}T12:00:00`))}: ${plural(prompts.length, "prompt", "prompts")}`),
            ),
          )
        : h("p", {}, `Nothing scheduled in the next ${UPCOMING_DAYS} days.`),
    );
  }

  function renderSummary(remaining, now) {
    if (remaining) {
      fill(summary, `${plural(remaining, "recall prompt is", "recall prompts are")} due today. For each: answer in your head first, then show the answer and rate how well you remembered.`);
    } else if (rated) {
      fill(summary, "All done for today. The prompts come back when you are about to forget them.");
    } else {
      const done = Object.values(load().state.challenges).some((entry) => entry.completed);
      fill(
        summary,
        done ? "Nothing is due today." : "Nothing to review yet: prompts are scheduled once you mark a challenge done on its page.",
      );
    }
    summary.dataset.hubDue = String(remaining);
    renderUpcoming(load().state, now);
  }

  function item(prompt, state, now) {
    const text = texts.get(prompt.key);
    const challenge = catalogue.challenges[prompt.challenge];
    const capability = catalogue.capabilities[prompt.capability];
    const answerId = `hub-answer-${prompt.key.replace("/", "--")}`;
    const reveal = h("button", { type: "button", class: "md-button", "data-hub-action": "reveal", "aria-expanded": "false", "aria-controls": answerId }, "Show answer");
    const answer = h(
      "div",
      { id: answerId, class: "hub-review__answer", hidden: true },
      text ? h("p", {}, inlineMarkdown(text.answer, catalogue.challengeUrl(prompt.challenge))) : null,
    );
    const ratings = h(
      "div",
      { class: "hub-review__ratings", role: "group", "aria-label": "How well did you remember?", hidden: true },
      RATINGS.map((rating) =>
        h(
          "button",
          { type: "button", class: "md-button", "data-hub-rating": rating.value, title: rating.hint },
          h("span", {}, rating.label),
          h("span", { class: "hub-review__interval" }, ` ${when(nextDue(state, prompt, rating.value, now), now).replace(/ \(.*\)$/, "")}`),
        ),
      ),
    );
    const li = h(
      "li",
      { class: "hub-review__item", "data-hub-recall": prompt.key },
      h(
        "p",
        { class: "hub-review__source" },
        h("a", { href: `${catalogue.challengeUrl(prompt.challenge)}#recall-${prompt.recall}` }, challenge.title),
        capability ? ` · ${capability.title}` : "",
      ),
      h("p", { class: "hub-review__prompt" }, text ? inlineMarkdown(text.prompt, catalogue.challengeUrl(prompt.challenge)) : "The prompt could not be loaded; open the challenge to read it."),
      h("p", { class: "hub-learner__actions" }, reveal),
      answer,
      ratings,
    );
    reveal.addEventListener("click", () => {
      const open = reveal.getAttribute("aria-expanded") !== "true";
      reveal.setAttribute("aria-expanded", String(open));
      reveal.textContent = open ? "Hide answer" : "Show answer";
      answer.hidden = !open;
      ratings.hidden = false;
      if (open) ratings.querySelector("button").focus();
    });
    for (const button of ratings.querySelectorAll("button")) {
      button.addEventListener("click", () => {
        const rating = Number(button.dataset.hubRating);
        const at = Date.now();
        const { state: next } = update((s) => recordReview(s, prompt.key, prompt.since, rating, at));
        const due = Date.parse(next.recall[prompt.key].card.due);
        rated += 1;
        li.dataset.hubRated = String(rating);
        fill(
          ratings,
          h("p", { class: "hub-review__done" }, `Rated ${RATINGS[rating - 1].label}. Next review ${when(due, at)}.`),
        );
        ratings.removeAttribute("role");
        ratings.removeAttribute("aria-label");
        reveal.parentElement.hidden = true;
        answer.hidden = false;
        const remaining = queue.querySelectorAll("li:not([data-hub-rated])");
        renderSummary(remaining.length, at);
        const following = remaining[0]?.querySelector('[data-hub-action="reveal"]');
        (following ?? summary).focus({ preventScroll: false });
      });
    }
    return li;
  }

  async function render() {
    const now = Date.now();
    const { state } = load();
    const due = interleave(dueToday(scheduledPrompts(state, catalogue), now), catalogue);
    texts = await loadPrompts(catalogue, due.map((prompt) => prompt.challenge));
    rated = 0;
    fill(queue, due.map((prompt) => item(prompt, state, now)));
    renderSummary(due.length, now);
  }

  element.querySelector('[data-hub-action="ics"]').addEventListener("click", () => {
    const now = Date.now();
    const today = localDate(now);
    const horizon = localDate(now + CALENDAR_DAYS * DAY);
    const byDate = new Map();
    for (const prompt of scheduledPrompts(load().state, catalogue)) {
      const date = prompt.due <= endOfDay(now) ? today : localDate(prompt.due);
      if (date > horizon) continue;
      if (!byDate.has(date)) byDate.set(date, []);
      byDate.get(date).push(prompt);
    }
    const days = [...byDate.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([date, prompts]) => ({
        date,
        count: prompts.length,
        titles: [...new Set(prompts.map((prompt) => catalogue.challenges[prompt.challenge].title))],
      }));
    download("reviews.ics", calendar({ days, now, hub: catalogue.hub, url: catalogue.url("review") }), "text/calendar");
    fill(
      slot("ics-report"),
      days.length
        ? `Downloaded reviews.ics: ${plural(days.length, "day", "days")} with reviews in the next ${CALENDAR_DAYS} days.`
        : "Downloaded reviews.ics. It has no events yet: nothing is scheduled in the next 60 days.",
    );
  });

  summary.tabIndex = -1;
  await render();
  return { refresh: render };
}
