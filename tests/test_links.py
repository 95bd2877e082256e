"""Links that never die: the /urls.json manifest, and `check-links` between two real builds.

The central test builds the fixture hub, renames and retires a capability and a challenge, builds
again, and runs the check: it passes only when the changes are declared (renamed_from, status:
retired), and otherwise names every URL and anchor that stopped resolving.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from competency_hub.cli.main import main
from competency_hub.links import CONTROL_ID_PREFIXES, Manifest, broken_promises, public_url, scan_site
from hub import broken_links, build, copy_hub, duplicate_ids, edit, page
from retirement import rename_and_retire, rename_capability, retire_capability


def run(capsys, *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


# -- the manifest -------------------------------------------------------------------------------


@pytest.mark.build
def test_manifest_lists_every_page_and_download_with_its_ids(site: Path) -> None:
    data = json.loads((site / "urls.json").read_text(encoding="utf-8"))
    entries = {entry["url"]: entry for entry in data["urls"]}
    assert [entry["url"] for entry in data["urls"]] == sorted(entries)
    pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
    assert {public_url(p.relative_to(site).as_posix()) for p in pages} == {u for u, e in entries.items() if e["kind"] != "file"}
    for path in pages:
        soup = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        ids = {element["id"] for element in soup.find_all(id=True) if not element["id"].startswith(CONTROL_ID_PREFIXES)}
        assert entries[public_url(path.relative_to(site).as_posix())]["anchors"] == sorted(ids)
    assert entries["/challenges/templates/tag-sheet.md"] == {"url": "/challenges/templates/tag-sheet.md", "kind": "file"}
    assert entries["/schemas/map.schema.json"]["kind"] == "file"
    assert "triage-priority" in entries["/maps/support/triage/"]["anchors"]
    assert "hub-done-note" not in entries["/challenges/tag-ten-tickets/"]["anchors"]  # a form control
    assert not [url for url in entries if url.startswith(("/assets/", "/search/"))]
    assert "/urls.json" not in entries and "/sitemap.xml" not in entries


@pytest.mark.build
def test_manifest_is_plain_sorted_json_without_dates(site: Path) -> None:
    text = (site / "urls.json").read_text(encoding="utf-8")
    assert Manifest.from_json(text).to_json() == text
    assert "202" not in text.replace("/", " ").split("anchors")[0]  # no build date in the header


def test_public_urls_are_directory_form() -> None:
    assert public_url("index.html") == "/"
    assert public_url("maps/support/index.html") == "/maps/support/"
    assert public_url("maps/support.html") == "/maps/support.html"
    assert public_url("challenges/templates/a.md") == "/challenges/templates/a.md"


def test_page_scan_reads_tags_not_text_that_looks_like_them(tmp_path: Path) -> None:
    """The scan finds attributes by text search; a code sample or a script must not add anchors."""
    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text(
        '<!doctype html><html><head><meta http-equiv="refresh" content="0; url=../other/">'
        "<script>const x = '<div id=\"in-script\">';</script><!-- <p id=\"in-comment\"> --></head>"
        '<body><h2\nid="real" class="x">T</h2><p data-id="not-an-id" ID="upper">a</p>'
        '<pre><code>&lt;div id="in-code"&gt;</code></pre><a name="named">n</a><span name="ignored"></span>'
        "<img src='https://cdn.example.org/i.png' alt=\"a > b\"><div class=\"mermaid\">graph</div></body></html>",
        encoding="utf-8",
    )
    entry = scan_site(tmp_path).urls["/page/"]
    assert entry.anchors == ["named", "real", "upper"]
    assert entry.kind == "redirect" and entry.redirect == "/other/"
    external = scan_site(tmp_path).external["/page/"]
    assert "https://cdn.example.org/i.png" in external and any("Mermaid" in e for e in external)


# -- check-links --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = copy_hub(tmp_path_factory.mktemp("links-v1"))
    result = build(root)
    assert result.returncode == 0, result.output
    return result.site


def second_build(tmp_path: Path, change) -> Path:  # type: ignore[no-untyped-def]
    root = copy_hub(tmp_path)
    change(root)
    result = build(root)
    assert result.returncode == 0, result.output
    return result.site


@pytest.mark.build
def test_declared_rename_and_retirement_keep_every_url_and_anchor(capsys, tmp_path: Path, first_build: Path) -> None:
    site = second_build(tmp_path, rename_and_retire)
    status, out, err = run(capsys, "check-links", "--previous", str(first_build / "urls.json"), str(site))
    assert (status, out) == (0, "")
    assert "still resolve" in err
    assert broken_links(site) == []
    assert duplicate_ids(site) == []
    manifest = scan_site(site)
    assert manifest.urls["/maps/support/replies/"].kind == "redirect"
    assert manifest.urls["/maps/support/replies/"].redirect == "/maps/support/customer-replies/"
    assert manifest.urls["/maps/billing/refunds/"].kind == "tombstone"
    assert manifest.urls["/maps/billing/refunds/"].redirect == "/maps/support/customer-replies/"
    assert manifest.urls["/challenges/prioritise-queue/"].redirect == "/challenges/set-queue-priorities/"
    assert manifest.urls["/challenges/rewrite-macro/"].kind == "tombstone"


@pytest.mark.build
def test_undeclared_rename_and_deletion_are_listed(capsys, tmp_path: Path, first_build: Path) -> None:
    site = second_build(tmp_path, lambda root: rename_and_retire(root, declared=False))
    status, out, err = run(capsys, "check-links", "--previous", str(first_build / "urls.json"), str(site))
    assert status == 1
    lines = out.splitlines()
    for gone in ("/maps/support/replies/", "/maps/billing/refunds/", "/challenges/prioritise-queue/"):
        assert f"{gone}: no longer exists" in lines
    # anchors of pages that still exist: the rubric row and challenge-list entry of the old capability id
    assert "/maps/support/rubric/#replies: the page exists but has no anchor #replies" in lines
    assert "/challenges/#support--replies: the page exists but has no anchor #support--replies" in lines
    assert "/maps/billing/rubric/#refunds: the page exists but has no anchor #refunds" in lines
    assert "no longer resolve" in err


@pytest.mark.build
def test_only_the_undeclared_change_is_listed(capsys, tmp_path: Path, first_build: Path) -> None:
    """Rename declared, retirement done by deleting: only the deleted capability's URLs are listed."""

    def change(root: Path) -> None:
        rename_capability(root)
        retire_capability(root, declared=False)

    site = second_build(tmp_path, change)
    status, out, _ = run(capsys, "check-links", "--previous", str(first_build / "urls.json"), str(site))
    assert status == 1
    assert all("refunds" in line for line in out.splitlines()), out
    assert "/maps/billing/refunds/: no longer exists" in out.splitlines()


@pytest.mark.build
def test_a_removed_behaviour_is_a_removed_anchor(capsys, tmp_path: Path, first_build: Path) -> None:
    def change(root: Path) -> None:
        edit(
            root,
            "maps/support.yml",
            "        - id: triage-coaches\n          text: Reviews a colleague's tags weekly and names one pattern to change.\n",
            "",
        )

    site = second_build(tmp_path, change)
    status, out, _ = run(capsys, "check-links", "--previous", str(first_build / "urls.json"), str(site))
    assert status == 1
    assert out.splitlines() == [
        "/maps/support/triage/#triage-coaches: the page exists but has no anchor #triage-coaches"
    ]
    status, out, _ = run(
        capsys, "check-links", "--previous", str(first_build / "urls.json"), str(site), "--ignore", "/maps/support/triage/#triage-*"
    )
    assert (status, out) == (0, "")


@pytest.mark.build
def test_check_links_reports_a_missing_site_or_a_bad_manifest(capsys, tmp_path: Path, first_build: Path) -> None:
    assert run(capsys, "check-links", "--previous", str(first_build / "urls.json"), str(tmp_path / "nope"))[0] == 2
    bad = tmp_path / "urls.json"
    bad.write_text('{"pages": []}', encoding="utf-8")
    status, _, err = run(capsys, "check-links", "--previous", str(bad), str(first_build))
    assert status == 2 and "no 'urls' list" in err


def test_redirect_chains_and_dangling_redirects() -> None:
    previous = Manifest.from_json(json.dumps({"urls": [{"url": "/a/", "kind": "page", "anchors": ["x"]}]}))
    chain = Manifest.from_json(
        json.dumps(
            {
                "urls": [
                    {"url": "/a/", "kind": "redirect", "anchors": [], "redirect": "/b/"},
                    {"url": "/b/", "kind": "redirect", "anchors": [], "redirect": "/c/"},
                    {"url": "/c/", "kind": "page", "anchors": ["x"]},
                ]
            }
        )
    )
    assert broken_promises(previous, chain) == []
    dangling = Manifest.from_json(json.dumps({"urls": [{"url": "/a/", "kind": "redirect", "anchors": [], "redirect": "/gone/"}]}))
    assert broken_promises(previous, dangling) == ["/a/: redirects to /gone/, which does not lead to a page"]
    loop = Manifest.from_json(
        json.dumps(
            {
                "urls": [
                    {"url": "/a/", "kind": "redirect", "anchors": [], "redirect": "/b/"},
                    {"url": "/b/", "kind": "redirect", "anchors": [], "redirect": "/a/"},
                ]
            }
        )
    )
    assert broken_promises(previous, loop) == ["/a/: redirects to /b/, which does not lead to a page"]


# -- pages that would call other hosts ------------------------------------------------------------


@pytest.mark.build
def test_a_page_loading_an_image_from_another_host_fails_the_strict_build(hub: Path) -> None:
    edit(
        hub,
        "challenges/tag-ten-tickets.md",
        "## Why it matters\n",
        "## Why it matters\n\n![queue](https://images.example.org/queue.png)\n",
    )
    result = build(hub)
    assert result.returncode == 1
    assert (
        "page /challenges/tag-ten-tickets/ loads https://images.example.org/queue.png from another host" in result.output
    )


@pytest.mark.build
def test_allow_external_requests_silences_the_warning(hub: Path) -> None:
    edit(hub, "challenges/tag-ten-tickets.md", "## Why it matters\n", "## Why it matters\n\n![q](https://images.example.org/q.png)\n")
    edit(hub, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      allow_external_requests: true\n")
    result = build(hub)
    assert result.returncode == 0
    # the cleaner of challenge pages keeps an http(s) image: the hub chose to allow other hosts
    assert page(result.site, "challenges/tag-ten-tickets/").find("img", src="https://images.example.org/q.png") is not None


FONT_OFF = "  font: false\n"


@pytest.mark.build
@pytest.mark.parametrize(
    ("replacement", "message"),
    [
        ("", "theme.font loads web fonts from Google's servers"),
        (FONT_OFF + "repo_url: https://github.com/example/hub\n", "repo_url (https://github.com/example/hub)"),
        (FONT_OFF + "extra:\n  analytics:\n    provider: google\n    property: G-XXXX\n", "extra.analytics sends every page view"),
        (FONT_OFF + "extra_javascript:\n  - https://scripts.example.org/x.js\n", "extra_javascript loads https://scripts.example.org/x.js"),
    ],
    ids=["font", "repo_url", "analytics", "extra_javascript"],
)
def test_settings_that_call_other_hosts_fail_the_strict_build(hub: Path, replacement: str, message: str) -> None:
    edit(hub, "mkdocs.yml", FONT_OFF, replacement)
    result = build(hub)
    assert result.returncode == 1
    assert message in result.output


@pytest.mark.build
def test_a_mermaid_diagram_is_a_request_to_another_host(hub: Path) -> None:
    edit(hub, "challenges/tag-ten-tickets.md", "## Why it matters\n", '## Why it matters\n\n<pre class="mermaid">graph LR; a-->b</pre>\n')
    result = build(hub)
    assert result.returncode == 1
    assert "page /challenges/tag-ten-tickets/ loads the Mermaid library" in result.output


@pytest.mark.build
def test_the_offline_build_serves_its_polyfill_itself(tmp_path: Path) -> None:
    root = copy_hub(tmp_path)
    edit(root, "mkdocs.yml", "  - search\n", "  - search\n  - offline\n")
    result = build(root)
    assert result.returncode == 0, result.output
    vendored = result.site / "assets" / "competency-hub" / "vendor" / "iframe-worker" / "shim.js"
    package = Path(__file__).resolve().parents[1] / "plugins" / "competency_hub" / "assets" / "vendor" / "iframe-worker"
    assert vendored.read_bytes() == (package / "shim.js").read_bytes()
    assert (package / "LICENSE").read_text(encoding="utf-8").startswith("Copyright (c) 2020-2022 Martin Donath")
    page = BeautifulSoup((result.site / "maps" / "support" / "triage.html").read_text(encoding="utf-8"), "html.parser")
    sources = [script.get("src") for script in page.find_all("script") if script.get("src")]
    assert "../../assets/competency-hub/vendor/iframe-worker/shim.js" in sources
    assert (result.site / "search" / "fileshare-index.js").is_file()  # the file-share search (not Material's index)
    for path in result.site.rglob("*.html"):
        assert "iframe-worker/shim" not in path.read_text(encoding="utf-8").replace(
            "assets/competency-hub/vendor/iframe-worker/shim.js", ""
        ), path
    shutil.rmtree(result.site)
