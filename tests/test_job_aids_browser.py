"""Job aids in Chromium: the poster's QR code decodes to the page's absolute address, the checklist
keeps its ticks on reload and clears them on Reset (page and embed), and axe finds no serious or
critical violation on the page and the embed."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator

import pytest
import zxingcpp
from axe_playwright_python.base import AXE_FILE_PATH
from browser import serve_directory
from hub import BuildResult, build
from job_aid_hub import SITE_URL, job_aid_hub

pytestmark = [pytest.mark.build, pytest.mark.browser]

AXE = AXE_FILE_PATH.read_text(encoding="utf-8")
KEY = "competency-hub:v1:job-aid:triage-checklist"


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    root = job_aid_hub(tmp_path_factory.mktemp("job-aids-browser"), site_url=SITE_URL)
    result: BuildResult = build(root)
    assert result.returncode == 0, result.output
    with serve_directory(result.site) as base:
        yield base


GREY = """async (png) => {
  const image = await createImageBitmap(await (await fetch("data:image/png;base64," + png)).blob());
  const canvas = document.createElement("canvas");
  canvas.width = image.width;
  canvas.height = image.height;
  const context = canvas.getContext("2d");
  context.drawImage(image, 0, 0);
  const rgba = context.getImageData(0, 0, image.width, image.height).data;
  const grey = new Uint8Array(image.width * image.height);
  for (let i = 0; i < grey.length; i++) grey[i] = Math.round((rgba[4 * i] + rgba[4 * i + 1] + rgba[4 * i + 2]) / 3);
  let text = "";
  for (const byte of grey) text += String.fromCharCode(byte);
  return { width: image.width, height: image.height, grey: btoa(text) };
}"""
"""A PNG (base64) as grey pixels, decoded by Chromium itself: the test needs no image library."""


def decode_qr(page, png: bytes) -> list[str]:  # type: ignore[no-untyped-def]
    pixels = page.evaluate(GREY, base64.b64encode(png).decode("ascii"))
    grey = base64.b64decode(pixels["grey"])
    view = memoryview(grey).cast("B", (pixels["height"], pixels["width"]))
    return [found.text for found in zxingcpp.read_barcodes(view)]


@pytest.mark.parametrize("form", ["poster", "card"])
def test_the_qr_code_decodes_to_the_absolute_address_of_the_page(tab, served: str, form: str) -> None:
    page = tab.page
    page.goto(served + f"job-aids/triage-checklist/{form}.html")
    code = page.locator("svg.hub-qr")
    assert code.count() == 1
    png = code.screenshot()
    assert decode_qr(page, png) == [f"{SITE_URL}job-aids/triage-checklist/"]


def ticks(page) -> list[bool]:  # type: ignore[no-untyped-def]
    return page.eval_on_selector_all("[data-hub-check]", "boxes => boxes.map(b => b.checked)")


@pytest.mark.parametrize("path", ["job-aids/triage-checklist/", "job-aids/triage-checklist/embed.html"])
def test_ticks_stay_on_reload_and_reset_clears_them(tab, served: str, path: str) -> None:
    page = tab.page
    page.goto(served + path)
    page.wait_for_selector('[data-hub-checklist-ready="true"]')
    assert ticks(page) == [False, False, False]
    assert page.text_content(".hub-checklist__count") == "0 of 3 ticked"
    page.get_by_label("The ticket has a product tag.").check()
    page.locator("[data-hub-check]").nth(2).check()
    assert page.text_content(".hub-checklist__count") == "2 of 3 ticked"
    stored = json.loads(page.evaluate(f"localStorage.getItem({KEY!r})"))
    assert len(stored) == 2
    page.reload()
    page.wait_for_selector('[data-hub-checklist-ready="true"]')
    assert ticks(page) == [True, False, True]
    assert page.locator("li[data-hub-ticked]").count() == 2
    page.get_by_role("button", name="Reset").click()
    assert ticks(page) == [False, False, False]
    assert page.evaluate(f"localStorage.getItem({KEY!r})") is None
    page.reload()
    page.wait_for_selector('[data-hub-checklist-ready="true"]')
    assert ticks(page) == [False, False, False]
    assert page.evaluate("document.cookie") == ""


def test_printing_shows_empty_boxes_and_no_buttons(tab, served: str) -> None:
    page = tab.page
    page.goto(served + "job-aids/triage-checklist/embed.html")
    page.wait_for_selector('[data-hub-checklist-ready="true"]')
    page.locator("[data-hub-check]").first.check()
    page.emulate_media(media="print")
    assert page.locator("[data-hub-checklist-tools]").is_hidden()
    appearance = page.eval_on_selector("[data-hub-check]", "box => getComputedStyle(box).appearance")
    assert appearance == "none"  # a drawn empty box: the tick is not printed
    decoration = page.eval_on_selector("li[data-hub-ticked] .hub-checklist__text", "t => getComputedStyle(t).textDecorationLine")
    assert decoration == "none"


def test_without_javascript_the_checklist_is_a_readable_list(browser, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(served + "job-aids/triage-checklist/embed.html")
    assert page.locator("[data-hub-check]").count() == 0
    assert page.locator("li.hub-checklist__item").all_inner_texts()[0].strip() == "The ticket has a product tag."
    context.close()


@pytest.mark.parametrize("path", ["job-aids/triage-checklist/", "job-aids/triage-checklist/embed.html", "job-aids/", "job-aids/triage-checklist/poster.html"])
def test_axe_finds_no_serious_violation(tab, served: str, path: str) -> None:
    page = tab.page
    page.goto(served + path)
    page.wait_for_load_state("networkidle")
    page.evaluate(AXE)
    results = page.evaluate("axe.run(document, { resultTypes: ['violations'] })")
    serious = [
        f"{v['id']} ({v['impact']}): {', '.join(' '.join(n['target']) for n in v['nodes'][:5])}"
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert serious == []


def test_the_embed_works_in_an_iframe_of_another_page(tab, served: str) -> None:
    page = tab.page
    page.goto(served + "job-aids/triage-checklist/card.html")  # a page of the same host without scripts
    page.set_content(f'<iframe title="Triage" src="{served}job-aids/triage-checklist/embed.html" width="480" height="640"></iframe>')
    frame = page.frame_locator("iframe")
    frame.locator('[data-hub-checklist-ready="true"]').wait_for()
    frame.locator("[data-hub-check]").first.check()
    assert frame.locator(".hub-checklist__count").text_content() == "1 of 3 ticked"
