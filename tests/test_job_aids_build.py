"""Job aids in a real build: the page, the embed (no site chrome, listed in /urls.json), the poster and
the card (a QR code of the page's absolute address, or the printed address without site_url), and
the links from capability and challenge pages."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hub import BuildResult, build, edit
from job_aid_hub import SITE_URL, job_aid_hub

pytestmark = pytest.mark.build


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = job_aid_hub(tmp_path_factory.mktemp("job-aids"), site_url=SITE_URL)
    result = build(root)
    assert result.returncode == 0, result.output
    return result


@pytest.fixture(scope="module")
def built_without_site_url(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    root = job_aid_hub(tmp_path_factory.mktemp("job-aids-no-url"), site_url=None)
    return build(root, strict=False)


def soup(site: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((site / rel).read_text(encoding="utf-8"), "html.parser")


def test_the_page_shows_the_cleaned_body_with_checklist_items(built: BuildResult) -> None:
    page = soup(built.site, "job-aids/triage-checklist/index.html")
    assert page.h1.get_text(strip=True) == "Triage checklist & more"
    aid = page.select_one('[data-hub-checklist="triage-checklist"]')
    assert aid is not None and aid["data-hub-storage-key"] == "competency-hub:v1:job-aid:triage-checklist"
    items = aid.select("li.hub-checklist__item[data-hub-item]")
    assert [i.get_text(" ", strip=True) for i in items] == [
        "The ticket has a product tag.",
        "The priority follows the customer's contract .",
        "The customer got a first reply.",
    ]
    assert len({i["data-hub-item"] for i in items}) == 3
    assert aid.find("details") is not None and aid.find("b") is not None
    assert "hub-job-aid-body" not in str(page)  # the marker was replaced
    supports = page.select_one("#supports + ul a")
    assert supports["href"] == "../../maps/support/triage/"
    snippet = page.select_one("#use ~ div code, #use ~ pre code")
    assert f'src="{SITE_URL}job-aids/triage-checklist/embed.html"' in snippet.get_text()


def test_the_embed_has_no_chrome_no_cookie_and_no_other_host(built: BuildResult) -> None:
    embed = soup(built.site, "job-aids/triage-checklist/embed.html")
    assert embed.find("header", class_="md-header") is None
    assert embed.find("nav") is None and embed.find(class_="md-footer") is None and embed.find(class_="md-sidebar") is None
    assert embed.find("h1").get_text(strip=True) == "Triage checklist & more"
    assert len(embed.select("li.hub-checklist__item")) == 3
    for tag in embed.find_all(["link", "script"]):
        address = tag.get("href") or tag.get("src")
        if address == "data:,":  # the empty icon: no request for /favicon.ico
            continue
        assert address.startswith("../../assets/competency-hub/"), address
        assert (built.site / "job-aids/triage-checklist" / address).resolve().is_file(), address
    assert "cookie" not in (built.site / "assets/competency-hub/job-aids.js").read_text(encoding="utf-8").replace("no cookie", "")
    assert embed.find("a", string=lambda s: s and s.startswith("Open in"))["href"] == "./"
    assert not embed.find_all(style=True) and "<script>" not in str(embed)


def test_the_three_forms_are_in_urls_json_and_the_index_is_in_the_nav(built: BuildResult) -> None:
    manifest = {entry["url"]: entry for entry in json.loads((built.site / "urls.json").read_text(encoding="utf-8"))["urls"]}
    for url in (
        "/job-aids/",
        "/job-aids/triage-checklist/",
        "/job-aids/triage-checklist/embed.html",
        "/job-aids/triage-checklist/poster.html",
        "/job-aids/triage-checklist/card.html",
        "/job-aids/refund-script/embed.html",
    ):
        assert manifest[url]["kind"] == "page", url
    assert {"supports", "use"} <= set(manifest["/job-aids/triage-checklist/"]["anchors"])
    home = soup(built.site, "index.html")
    nav = [a.get_text(strip=True) for a in home.select(".md-tabs__link, .md-nav__link")]
    assert "Job aids" in nav
    assert not [a for a in home.select(".md-nav a") if "triage-checklist" in (a.get("href") or "")]


def test_the_poster_and_card_carry_a_qr_code_of_the_page(built: BuildResult) -> None:
    for form in ("poster", "card"):
        sheet = soup(built.site, f"job-aids/triage-checklist/{form}.html")
        svg = sheet.find("svg", class_="hub-qr")
        assert svg is not None and svg["role"] == "img"
        assert f"{SITE_URL}job-aids/triage-checklist/" in svg["aria-label"]
        assert not sheet.find_all(style=True)
        assert sheet.find(class_="hub-job-aid-sheet__address").get_text(strip=True) == f"{SITE_URL}job-aids/triage-checklist/"
    css = (built.site / "assets/competency-hub/job-aids.css").read_text(encoding="utf-8")
    assert "@page" in css and "@media print" in css
    card = (built.site / "assets/competency-hub/job-aids-card.css").read_text(encoding="utf-8")
    assert "size: 105mm 148mm" in card


def test_capability_and_challenge_pages_link_the_job_aids(built: BuildResult) -> None:
    capability = soup(built.site, "maps/support/triage/index.html")
    assert [a["href"] for a in capability.select("[data-hub-job-aid-link]")] == ["../../../job-aids/triage-checklist/"]
    at_level = soup(built.site, "challenges/prioritise-queue/index.html")  # support/triage, independent
    assert [a["href"] for a in at_level.select("[data-hub-job-aid-link]")] == ["../../job-aids/triage-checklist/"]
    other_level = soup(built.site, "challenges/tag-ten-tickets/index.html")  # support/triage, another level
    assert other_level.select("[data-hub-job-aid-link]") == [] and other_level.find(id="job-aids") is None


def test_without_site_url_a_warning_and_the_printed_address(built_without_site_url: BuildResult) -> None:
    result = built_without_site_url
    assert result.returncode == 0, result.output
    assert "mkdocs.yml:1:1: warning: HUB427" in result.output
    poster = soup(result.site, "job-aids/triage-checklist/poster.html")
    assert poster.find("svg") is None
    assert poster.find(class_="hub-job-aid-sheet__address").get_text(strip=True) == "/job-aids/triage-checklist/"


def test_the_warning_fails_a_strict_build_and_job_aids_base_url_silences_it(tmp_path: Path) -> None:
    root = job_aid_hub(tmp_path, site_url=None)
    assert build(root).returncode != 0
    edit(root, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      job_aids_base_url: https://intranet.example/learning\n")
    result = build(root)
    assert result.returncode == 0, result.output
    poster = soup(result.site, "job-aids/triage-checklist/poster.html")
    assert "https://intranet.example/learning/job-aids/triage-checklist/" in poster.find("svg")["aria-label"]


def test_with_html_addresses_the_forms_link_the_page_and_each_other(tmp_path: Path) -> None:
    root = job_aid_hub(tmp_path, site_url=SITE_URL)
    edit(root, "mkdocs.yml", "site_name: Test hub\n", "site_name: Test hub\nuse_directory_urls: false\n")
    result = build(root)
    assert result.returncode == 0, result.output
    page = soup(result.site, "job-aids/triage-checklist.html")
    forms = {a["data-hub-job-aid-form"]: a["href"] for a in page.select("[data-hub-job-aid-form]")}
    assert forms == {"poster": "triage-checklist/poster.html", "card": "triage-checklist/card.html", "embed": "triage-checklist/embed.html"}
    embed = soup(result.site, "job-aids/triage-checklist/embed.html")
    assert embed.find("a", string=lambda s: s and s.startswith("Open in"))["href"] == "../triage-checklist.html"
    poster = soup(result.site, "job-aids/triage-checklist/poster.html")
    assert f"{SITE_URL}job-aids/triage-checklist.html" in poster.find("svg")["aria-label"]


@pytest.mark.parametrize("directory_urls", [True, False])
def test_a_job_aid_video_plays_from_published_files_with_its_track_and_transcript(tmp_path: Path, directory_urls: bool) -> None:
    import posixpath
    import shutil

    root = job_aid_hub(tmp_path, site_url=SITE_URL)
    videos = root / "job-aids" / "videos"
    videos.mkdir()
    for name in ("lockout-handover.webm", "lockout-handover.vtt"):
        shutil.copy(Path(__file__).parent.parent / "job-aids" / "videos" / name, videos / name)
    aid = root / "job-aids" / "triage-checklist.md"
    text = aid.read_text(encoding="utf-8")
    block = (
        "video:\n  title: Triage in one minute\n  file: videos/lockout-handover.webm\n"
        "  captions: videos/lockout-handover.vtt\n  transcript: The lead checks the product tag first.\n"
    )
    aid.write_text(text.replace("\n---\n", "\n" + block + "---\n", 1), encoding="utf-8")
    if not directory_urls:
        edit(root, "mkdocs.yml", "site_name: Test hub\n", "site_name: Test hub\nuse_directory_urls: false\n")
    result = build(root)
    assert result.returncode == 0, result.output
    page_rel = "job-aids/triage-checklist/index.html" if directory_urls else "job-aids/triage-checklist.html"
    page = soup(result.site, page_rel)
    video = page.select_one("figure.hub-video video")
    track = video.find("track", kind="captions")
    source = video.find("source")
    for src in (track["src"], source["src"]):
        assert (result.site / posixpath.normpath(posixpath.join(posixpath.dirname(page_rel), src))).is_file(), src
    assert track["src"].endswith("videos/lockout-handover.vtt")
    transcript = page.select_one("details.hub-video-transcript")
    assert "The lead checks the product tag first." in transcript.get_text()
