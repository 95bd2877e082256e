// The home page for a returning learner: "Continue" with the next step of each followed path,
// the recall prompts due today, the last things done, and what to practise next with the reason.
// On a first visit (nothing recorded in this browser) it shows nothing: the page reads as for
// everyone.

import { loadCatalogue } from "./data.js";
import { fill, formatDate, h } from "./dom.js";
import { followed, progressText, recent, suggestions } from "./journey.js";
import { dueToday, scheduledPrompts } from "./queue.js";
import { load } from "./store.js";
import { minutes, plural } from "./text.js";

/** The "What next" list: three challenges, each with its reason (shared with the progress page). */
export function whatNext(state, catalogue) {
  const items = suggestions(state, catalogue);
  if (!items.length) return h("p", {}, "You have done every challenge whose prerequisites you have met. Well done.");
  return h(
    "ol",
    { class: "hub-next" },
    items.map(({ id, reason }) =>
      h(
        "li",
        { "data-hub-suggestion": id },
        h("a", { href: catalogue.challengeUrl(id) }, catalogue.challenges[id].title),
        ` (${minutes(catalogue.challenges[id].minutes)})`,
        h("span", { class: "hub-next__reason", "data-hub-reason": "" }, `: ${reason}.`),
      ),
    ),
  );
}

function isEmpty(state) {
  return !Object.keys(state.challenges).length && !Object.keys(state.levels).length && !Object.keys(state.paths).length && !Object.keys(state.milestones).length;
}

export async function mount(element) {
  const catalogue = await loadCatalogue(element);

  function render() {
    const { state } = load();
    if (isEmpty(state)) {
      element.dataset.hubEmpty = "";
      fill(element);
      return;
    }
    delete element.dataset.hubEmpty;
    const now = Date.now();
    const paths = followed(state, catalogue);
    const due = dueToday(scheduledPrompts(state, catalogue), now).length;
    const last = recent(state, catalogue);
    fill(
      element,
      h("h2", { id: "continue" }, "Continue where you left off"),
      paths.length
        ? h(
            "ul",
            { class: "hub-home__paths" },
            paths.map(({ path, progress }) =>
              h(
                "li",
                { "data-hub-continue": path.id },
                h("a", { href: catalogue.url("path", { id: path.id }) }, path.title),
                h("progress", { max: progress.steps.length + progress.mandatory.length || 1, value: progress.done.length + progress.passed.length, "aria-label": `Progress on ${path.title}` }),
                h("span", { class: "hub-hint" }, `${progressText(progress)}. `),
                progress.next
                  ? h("a", { class: "md-button md-button--primary hub-home__next", href: catalogue.challengeUrl(progress.next) }, `Continue: ${catalogue.challenges[progress.next].title}`)
                  : progress.milestoneNext
                    ? h("a", { class: "md-button", href: `${catalogue.url("path", { id: path.id })}#record-milestone` }, `Record the milestone “${progress.milestoneNext.title}”`)
                    : h("strong", {}, "✓ Path complete."),
              ),
            ),
          )
        : h("p", {}, "You follow no learning path yet: open one below and press ", h("em", {}, "Follow this path"), "."),
      h(
        "p",
        { "data-hub-slot": "due" },
        due
          ? [`${plural(due, "recall prompt is", "recall prompts are")} due for review today. `, h("a", { class: "md-button", href: catalogue.url("review") }, "Review now")]
          : "No recall prompt is due today.",
      ),
      last.length
        ? [
            h("h3", { id: "last-done" }, "Last things you did"),
            h(
              "ul",
              { class: "hub-home__recent" },
              last.map((item) => h("li", { "data-hub-recent": item.kind }, item.href ? h("a", { href: item.href }, item.text) : item.text, h("span", { class: "hub-hint" }, ` · ${formatDate(item.at)}`))),
            ),
          ]
        : null,
      h("h3", { id: "what-next" }, "What next"),
      whatNext(state, catalogue),
      h("p", { class: "hub-hint" }, "All of it is kept in this browser only: see ", h("a", { href: catalogue.url("progress") }, "your progress"), "."),
    );
  }

  render();
  window.addEventListener("competency-hub:progress", () => element.isConnected && render());
  return { refresh: render };
}
