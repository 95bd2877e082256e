"""Every starter capability's check-in card printed to PDF, and one card as a PNG for the managers' guide.

Builds the repository's hub into a temporary folder, serves it on 127.0.0.1, and drives Debian's
Chromium (never a downloaded browser), as tests/screenshots.py does: on each capability page it
clicks "Print check-in card" (window.print stubbed) and prints the card to PDF on A4 and on US
Letter. The first capability of the first map, printed on A4 for a learner who placed themselves and
was placed by their manager, becomes docs/guide/images/check-in-card.png (poppler's pdftoppm).

    make cards                                             # PDFs into /tmp/check-in-cards
    .venv/bin/python tests/print_cards.py --out /tmp/cards --png /tmp/card.png
"""

from __future__ import annotations

import argparse
import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pypdf
from browser import launch_chromium, serve_directory
from competency_hub.model.progress import STORAGE_KEY
from hub import build
from learner_js import placed_by_self_and_manager, ready
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
PAPERS = ("A4", "Letter")
PRINT_STUB = "window.print = function () {};"




def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("/tmp/check-in-cards"))
    parser.add_argument("--png", type=Path, default=REPO / "docs" / "guide" / "images" / "check-in-card.png")
    args = parser.parse_args()
    if not shutil.which("pdftoppm"):
        print("pdftoppm is missing: `make cards` installs Debian's poppler-utils", file=sys.stderr)
        return 1
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        result = build(REPO, Path(folder) / "site")
        if result.returncode != 0:
            print(result.output, file=sys.stderr)
            return 1
        catalogue = json.loads((result.site / "assets" / "competency-hub" / "learner-data.json").read_text(encoding="utf-8"))
        first_map = next(iter(catalogue["maps"]))
        first = next(key for key in catalogue["capabilities"] if key.startswith(first_map + "/"))
        with serve_directory(result.site) as base:
            pdfs = print_all(base, sorted(catalogue["capabilities"]), first, args.out)
    # The docs' picture: the first capability on A4, at 80 dpi.
    sample = pdfs[(first, "A4")]
    prefix = args.png.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(sample), str(prefix)], check=True)
    print(args.png)
    pages = {key: len(pypdf.PdfReader(io.BytesIO(path.read_bytes())).pages) for key, path in pdfs.items()}
    over = [f"{capability} on {paper}: {count} pages" for (capability, paper), count in pages.items() if count != 1]
    print(f"{len(pdfs)} cards in {args.out}; " + ("every one on one page" if not over else "; ".join(over)))
    return 1 if over else 0


def print_all(base: str, capabilities: list[str], sample: str, out: Path) -> dict[tuple[str, str], Path]:
    pdfs: dict[tuple[str, str], Path] = {}
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        context = browser.new_context(viewport={"width": 1280, "height": 900}, timezone_id="UTC", locale="en-GB")
        context.add_init_script(PRINT_STUB)
        page = context.new_page()
        page.goto(base + "progress/")
        ready(page, "progress")
        page.evaluate("([key, doc]) => localStorage.setItem(key, JSON.stringify(doc))", [STORAGE_KEY, placed_by_self_and_manager(sample)])
        for capability in capabilities:
            page.goto(f"{base}maps/{capability}/")
            ready(page, "check-in")
            for paper in PAPERS:
                # Chromium ends card mode after each print (afterprint): enter it again for each paper.
                page.evaluate("document.querySelector('[data-hub-action=\"print-card\"]').click()")
                target = out / f"{capability.replace('/', '--')}-{paper}.pdf"
                target.write_bytes(page.pdf(format=paper))
                pdfs[(capability, paper)] = target
                print(target)
        browser.close()
    return pdfs


if __name__ == "__main__":
    raise SystemExit(main())
