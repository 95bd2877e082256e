// The learner tools' entry point, loaded as an ES module on every page of the hub.
//
// Pages carry the parts the tools enhance as elements with data-hub-learner="<kind>". What only
// works with the script is rendered hidden (the element itself, or its [data-hub-controls] parts),
// next to a [data-hub-fallback] text for readers without it. This script finds them, loads the
// module of their kind, and once it is ready shows the controls and hides the fallback texts. With Material's instant navigation it
// runs again on every page the reader opens (Material's document$), otherwise once on load.

import { onEveryPage } from "./dom.js";
import { STORAGE_KEY } from "./store.js";

const MODULES = {
  challenge: "./challenge-page.js",
  "challenge-done": "./challenge-page.js",
  capability: "./capability-page.js",
  "check-in": "./check-in-card.js",
  progress: "./progress-page.js",
  review: "./review-page.js",
  plan: "./plan-page.js",
  team: "./team-page.js",
  path: "./path-page.js",
  home: "./home-page.js",
};

let mounted = [];

function showFailure(element, error) {
  element.dataset.hubReady = "failed";
  for (const fallback of [...element.querySelectorAll("[data-hub-fallback]"), ...document.querySelectorAll('[data-hub-fallback="page"]')]) {
    const note = document.createElement("p");
    note.className = "hub-learner__failure";
    note.textContent = `The learner tools could not start: ${error.message}`;
    fallback.append(note);
  }
}

async function mount(element) {
  element.dataset.hubReady = "loading";
  try {
    const module = await import(MODULES[element.dataset.hubLearner]);
    const view = await module.mount(element);
    element.hidden = false;
    for (const part of element.querySelectorAll("[data-hub-controls]")) part.hidden = false;
    for (const fallback of element.querySelectorAll("[data-hub-fallback]")) fallback.hidden = true;
    for (const fallback of document.querySelectorAll('[data-hub-fallback="page"]')) fallback.hidden = true;
    element.dataset.hubReady = "true";
    mounted.push({ element, refresh: view?.refresh });
  } catch (error) {
    showFailure(element, error);
    throw error;
  }
}

// Marks every challenge, capability and path listed on the page with the learner's state
// (decorate.js); it runs again when progress changes here or in another tab.
async function decorate() {
  if (!document.querySelector("[data-hub-mark-challenge], [data-hub-mark-capability], [data-hub-mark-path], [data-hub-follow]")) return;
  try {
    const module = await import("./decorate.js");
    await module.decorate(document);
  } catch (error) {
    console.warn("competency-hub: progress marks are not shown:", error.message);
  }
}

window.addEventListener("competency-hub:progress", () => decorate());

// Copy-link buttons for every level and behaviour of a capability page (deep-links.js).
async function deepLinks() {
  if (!document.querySelector("li[data-hub-behaviour]")) return;
  try {
    const module = await import("./deep-links.js");
    module.enhanceDeepLinks(document);
  } catch (error) {
    console.warn("competency-hub: copy-link buttons are not shown:", error.message);
  }
}

function enhance() {
  decorate();
  deepLinks();
  mounted = mounted.filter((view) => view.element.isConnected);
  for (const element of document.querySelectorAll("[data-hub-learner]")) {
    if (element.dataset.hubReady || !(element.dataset.hubLearner in MODULES)) continue;
    mount(element).catch((error) => console.error("competency-hub:", error));
  }
}

// Progress changed in another tab of the same hub: show it here too.
window.addEventListener("storage", (event) => {
  if (event.key !== STORAGE_KEY && event.key !== null) return;
  for (const view of mounted) if (view.element.isConnected && view.refresh) view.refresh();
  decorate();
});

onEveryPage(enhance);
