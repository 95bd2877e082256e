// The check-in guide of a capability page as a one-page printed card.
//
// "Print check-in card" puts the page in card mode (a class on <body>: learner.css lays the guide
// out in columns and, in print, hides everything else), scales the card down if it would not fit on
// one A4 landscape page, and opens the browser's print dialog. Card mode ends after printing.

const PAGE = { width: 277, height: 190 }; // A4 landscape less 10 mm margins, in millimetres
const PX_PER_MM = 96 / 25.4;
const MIN_ZOOM = 0.55;

/** The zoom that fits the card's parts on one page, measured in card mode (1 when it fits). */
export function fitZoom(parts) {
  let height = 0;
  for (const part of parts) {
    const style = getComputedStyle(part);
    height += part.getBoundingClientRect().height + parseFloat(style.marginTop) + parseFloat(style.marginBottom);
  }
  const available = PAGE.height * PX_PER_MM * 0.97; // a little room for rounding in the print layout
  return Math.max(MIN_ZOOM, Math.min(1, available / height));
}

export function printCard() {
  const body = document.body;
  const article = document.querySelector("article.md-content__inner");
  const parts = [article.querySelector("h1"), document.getElementById("check-in"), article.querySelector(".hub-check-in")].filter(Boolean);
  body.classList.add("hub-card-mode");
  article.style.removeProperty("--hub-card-zoom");
  article.style.setProperty("--hub-card-zoom", String(fitZoom(parts)));
  const end = () => {
    body.classList.remove("hub-card-mode");
    article.style.removeProperty("--hub-card-zoom");
  };
  window.addEventListener("afterprint", end, { once: true });
  window.print();
}

export function mount(element) {
  element.querySelector('[data-hub-action="print-card"]').addEventListener("click", printCard);
}
