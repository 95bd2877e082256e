"""The learner tools in the file-share copy (Material's `offline` plugin): one classic script instead
of the ES modules, and each data file also as a script, because browsers load no module and fetch no
file from file://. The transform (render/classic_bundle.py) is checked on every current module and on
the forms it must refuse; a real file-share build is then driven in Chromium from file://.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from browser import WatchedPage, open_page
from competency_hub import packaged
from competency_hub.render.classic_bundle import BundleError, bundle, data_script, transform
from hub import BuildResult, build, copy_hub, edit
from job_aid_hub import CHECKLIST
from learner_js import T0

LEARNER = packaged.ASSETS / "learner"
BUNDLE = "assets/competency-hub/learner/file-share.js"
STATEMENT = re.compile(r"^\s*(import|export)\b(?!\s*[(.])", re.M)


# -- the transform ---------------------------------------------------------------------------------


def test_every_current_module_is_in_the_bundle_without_module_syntax() -> None:
    text = bundle(packaged.ASSETS)
    keys = re.findall(r'^  factories\["([^"]+)"\] = function', text, re.M)
    assert sorted(keys) == sorted([f"learner/{path.name}" for path in LEARNER.glob("*.js")] + ["vendor/qrcode-generator/qrcode.module.js"])
    assert STATEMENT.findall(text) == []
    assert "import(" not in text and "import.meta" not in text
    # dependencies first: a module is defined after every module it imports
    order = {key: index for index, key in enumerate(keys)}
    for key in keys:
        body = text.split(f'factories["{key}"] = function', 1)[1].split("  factories[", 1)[0]
        for target in re.findall(r'__hubRequire\("([^"]+)"\)', body):
            assert order[target] < order[key], (key, target)
    assert text.rstrip().endswith('__hubRequire("learner/main.js");\n})();')
    assert bundle(packaged.ASSETS) == text  # same modules, same bytes


def test_the_story_finder_is_bundled_with_dom_js() -> None:
    text = bundle(packaged.ASSETS, "stories-finder.js")
    assert re.findall(r'^  factories\["([^"]+)"\] = function', text, re.M) == ["learner/dom.js", "stories-finder.js"]
    assert STATEMENT.findall(text) == [] and "import(" not in text and "import.meta" not in text
    # published beside stories-finder.js: lunr.js is found from the same place
    assert 'const LUNR = new URL("vendor/lunr.min.js", new URL("stories-finder.js", __hubBase).href).href;' in text


def test_the_forms_our_modules_use_are_translated(tmp_path: Path) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "dep.js").write_text("export const a = 1;\n", encoding="utf-8")
    source = (
        'import { a, b as c } from "./dep.js";\nimport {\n  d,\n  e,\n} from "./dep.js";\nimport q from "./dep.js";\n'
        "export function f() {}\nexport async function g() { return import('./dep.js'); }\nexport class K {}\n"
        "export const N = 2;\nconst u = import.meta.url;\nexport default K;\n"
    )
    module = transform("x/main.js", source, tmp_path)
    assert module.imports == ("x/dep.js",) and module.dynamic
    assert 'const { a, b: c } = __hubRequire("x/dep.js");' in module.body
    assert 'const { d, e } = __hubRequire("x/dep.js");' in module.body
    assert 'const q = __hubRequire("x/dep.js").default;' in module.body
    assert "__hubImport(\"x/main.js\", './dep.js')" in module.body
    assert module.body.rstrip().endswith("return { f, g, K, N, default: K };")
    assert STATEMENT.findall(module.body) == []


@pytest.mark.parametrize(
    ("source", "line", "col", "what"),
    [
        ('export { a };\n', 1, 1, "an export form"),
        ('const a = 1;\nexport * from "./dep.js";\n', 2, 1, "an export form"),
        ('import * as all from "./dep.js";\n', 1, 1, "an import form"),
        ('import "./dep.js";\n', 1, 1, "an import form"),
        ("export default function () {}\n", 1, 1, "an export form"),
        ("export let counter = 0;\n", 1, 1, "an export form"),
        ('if (x) {\n  export const a = 1;\n}\n', 2, 3, "an indented 'export' statement"),
        ('import { a } from "lodash";\n', 1, 20, "'lodash' is not a relative address"),
        ('import { a } from "./missing.js";\n', 1, 20, "'./missing.js' is not a file of the package's assets"),
        ('import { a as } from "./dep.js";\n', 1, 9, "the import binding 'a as'"),
        ("const env = import.meta.env;\n", 1, 13, "import.meta other than import.meta.url"),
    ],
)
def test_a_form_it_does_not_handle_stops_the_build_with_its_place(tmp_path: Path, source: str, line: int, col: int, what: str) -> None:
    (tmp_path / "x").mkdir()
    (tmp_path / "x" / "dep.js").write_text("export const a = 1;\n", encoding="utf-8")
    with pytest.raises(BundleError) as raised:
        transform("x/main.js", source, tmp_path)
    message = str(raised.value)
    assert message.startswith(f"{(tmp_path / 'x' / 'main.js').as_posix()}:{line}:{col}: error: {what}"), message


def test_modules_that_import_each_other_are_refused(tmp_path: Path) -> None:
    (tmp_path / "learner").mkdir()
    (tmp_path / "learner" / "main.js").write_text('import { b } from "./b.js";\nexport const a = 1;\n', encoding="utf-8")
    (tmp_path / "learner" / "b.js").write_text('import { a } from "./main.js";\nexport const b = 2;\n', encoding="utf-8")
    with pytest.raises(BundleError, match=r"error: the modules import each other in a cycle \(learner/b.js → learner/main.js → learner/b.js\)"):
        bundle(tmp_path)


def test_a_data_script_registers_the_same_data() -> None:
    data = {"hub": "Hub — “quotes” </script>", "n": [1, 2]}
    script = data_script("recall/a.json", data).decode("ascii")
    prefix = 'window.competencyHubData = window.competencyHubData || {};\nwindow.competencyHubData["recall/a.json"] = '
    assert script.startswith(prefix) and script.endswith(";\n")
    assert json.loads(script[len(prefix) : -2]) == data


# -- a file-share build, in Chromium from file:// ------------------------------------------------------


@pytest.fixture(scope="module")
def file_share(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The fixture hub built for a file share, with Material's instant navigation on (from file:// it
    cannot fetch its sitemap, and its document$ ends without a page: the tools must still start)."""
    root = copy_hub(tmp_path_factory.mktemp("file-share-learner"))
    (root / "job-aids").mkdir()
    (root / "job-aids" / "triage-checklist.md").write_text(CHECKLIST, encoding="utf-8")
    edit(root, "mkdocs.yml", "site_name: Test hub\n", "site_name: Test hub\nsite_url: https://learning.example.org/hub/\n")  # posters' QR codes
    edit(root, "mkdocs.yml", "  - search\n", "  - search\n  - offline\n")
    edit(root, "mkdocs.yml", "  font: false\n", "  font: false\n  features: [navigation.instant]\n")
    result = build(root)
    assert result.returncode == 0, result.output
    return result


def soup(site: Path, path: str) -> BeautifulSoup:
    return BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")


@pytest.mark.build
def test_the_file_share_build_publishes_the_bundle_and_data_scripts(file_share: BuildResult) -> None:
    site = file_share.site
    assets = site / "assets" / "competency-hub"
    for path in ("index.html", "progress.html", "challenges/tag-ten-tickets.html", "maps/support/triage.html"):
        scripts = soup(site, path).find_all("script")
        assert not any(script.get("type") == "module" for script in scripts), path
        sources = [script["src"] for script in scripts if script.get("src")]
        assert any(src.endswith(BUNDLE) for src in sources), path
        assert not any(src.endswith("learner/main.js") for src in sources), path
    assert STATEMENT.findall((site / BUNDLE).read_text(encoding="utf-8")) == []
    assert not (assets / "learner" / "main.js").exists() and not (assets / "learner" / "store.js").exists()
    data_files = sorted(assets.glob("*.json")) + sorted((assets / "recall").glob("*.json"))
    assert assets / "learner-data.json" in data_files and len(data_files) >= 4
    for file in data_files:  # each data file has its script twin, registering the same data
        key = file.relative_to(assets).as_posix()
        script = file.with_suffix(".js").read_text(encoding="ascii")
        prefix = f'window.competencyHubData = window.competencyHubData || {{}};\nwindow.competencyHubData["{key}"] = '
        assert script.startswith(prefix), key
        assert json.loads(script[len(prefix) : -2]) == json.loads(file.read_text(encoding="utf-8")), key


def ready(page: Any, kind: str) -> None:
    page.wait_for_selector(f'[data-hub-learner="{kind}"][data-hub-ready="true"]', state="attached")


@pytest.mark.build
@pytest.mark.browser
def test_done_on_a_challenge_shows_on_my_progress_and_the_home_page_from_file(browser, file_share: BuildResult) -> None:  # type: ignore[no-untyped-def]
    """Chromium gives every file:// page one storage origin: what one page records, the others read."""
    base = file_share.site.resolve().as_uri() + "/"
    with open_page(browser, timezone_id="UTC", viewport={"width": 1280, "height": 900}) as watched:
        page = watched.page
        page.clock.set_fixed_time(T0)
        page.goto(base + "challenges/tag-ten-tickets.html")
        ready(page, "challenge")
        assert page.locator('[data-hub-learner="challenge"] [data-hub-fallback]').is_hidden()
        page.click('[data-hub-learner="challenge"] [data-hub-action="complete"]')
        assert page.get_attribute('[data-hub-learner="challenge"] [data-hub-action="complete"]', "aria-pressed") == "true"

        page.goto(base + "maps/support/triage.html")
        ready(page, "capability")
        page.check('input[name="hub-self-level"][value="independent"]')

        page.goto(base + "progress.html")
        ready(page, "progress")
        assert "Tag ten tickets" in page.locator('[data-hub-challenge="tag-ten-tickets"]').inner_text()
        assert page.locator('[data-hub-fallback="page"]').is_hidden()
        with page.expect_download() as exported:
            page.click('[data-hub-action="export"]')
        assert json.loads(Path(exported.value.path()).read_text(encoding="utf-8"))["challenges"]["tag-ten-tickets"]["completed"]
        with page.expect_download() as record:  # clr-data.json, from its script
            page.click('[data-hub-action="clr"]')
        clr = json.loads(Path(record.value.path()).read_text(encoding="utf-8"))
        assert clr["type"] == ["VerifiableCredential", "ClrCredential"]
        assert page.locator('[data-hub-clr="ready"]').is_visible()

        page.goto(base + "index.html")
        ready(page, "home")
        home = page.locator('[data-hub-learner="home"]')
        assert home.is_visible()
        assert "What next" in home.inner_text() and "Tag ten tickets" in home.inner_text()

        # the recall prompts come from their data scripts
        page.clock.set_fixed_time(T0 + dt.timedelta(days=1, hours=1))
        page.goto(base + "review.html")
        ready(page, "review")
        page.click('[data-hub-recall="tag-ten-tickets/urgent"] [data-hub-action="reveal"]')
        assert "Urgency is about time" in page.locator('[data-hub-recall="tag-ten-tickets/urgent"]').inner_text()
        assert watched.console_errors == [] and watched.external_requests == [] and watched.dialogs == []


@pytest.mark.build
@pytest.mark.browser
def test_a_practice_plan_opens_from_file(browser, file_share: BuildResult) -> None:  # type: ignore[no-untyped-def]
    base = file_share.site.resolve().as_uri() + "/"
    with open_page(browser, timezone_id="UTC", viewport={"width": 390, "height": 844}) as watched:
        page = watched.page
        page.goto(base + "plan.html#c=tag-ten-tickets,rewrite-macro&t=Week%2012")
        ready(page, "plan")
        assert page.inner_text('[data-hub-slot="plan-title"]') == "Week 12"
        items = page.eval_on_selector_all("[data-hub-plan-item]", "els => els.map(e => e.dataset.hubPlanItem)")
        assert items == ["tag-ten-tickets", "rewrite-macro"]
        page.click('[data-hub-plan-item="rewrite-macro"] a')
        page.wait_for_url(re.compile(r"challenges/rewrite-macro\.html$"))
        ready(page, "challenge")
        assert watched.console_errors == [] and watched.external_requests == [] and watched.dialogs == []


@pytest.mark.build
@pytest.mark.browser
def test_a_checklist_ticks_and_keeps_its_ticks_from_file(browser, file_share: BuildResult) -> None:  # type: ignore[no-untyped-def]
    site = file_share.site
    sources = [script.get("src", "") for script in soup(site, "job-aids/triage-checklist.html").find_all("script")]
    assert any(src.endswith("assets/competency-hub/job-aids.file-share.js") for src in sources)
    assert not any(script.get("type") == "module" for script in soup(site, "job-aids/triage-checklist.html").find_all("script"))
    assert STATEMENT.findall((site / "assets/competency-hub/job-aids.file-share.js").read_text(encoding="utf-8")) == []
    base = site.resolve().as_uri() + "/"
    with open_page(browser, viewport={"width": 390, "height": 844}) as watched:
        page = watched.page
        page.goto(base + "job-aids/triage-checklist.html")
        page.wait_for_selector('[data-hub-checklist-ready="true"]', state="attached")
        boxes = page.locator("[data-hub-checklist] input[type=checkbox]")
        assert boxes.count() == 3
        boxes.nth(0).check()
        page.reload()
        page.wait_for_selector('[data-hub-checklist-ready="true"]', state="attached")
        assert page.locator("[data-hub-checklist] input[type=checkbox]").nth(0).is_checked()
        assert watched.console_errors == [] and watched.external_requests == []
