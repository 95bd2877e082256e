"""Quick videos on challenge pages (issue 17): a video that lives in the repository, with WebVTT
captions and a transcript, checked at the line of the key that names each file, published beside the
page, played from relative addresses with nothing requested from another host."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from browser import open_page, serious_axe_violations, serve_directory
from hub import REPO, build, content, copy_hub, edit, errors, matching, page, validate, where
from make_video import DURATION, NAME, transcript, webvtt

CHALLENGE = "challenges/tag-ten-tickets.md"
STARTER_VIDEOS = REPO / "challenges" / "videos"
"""The starter hub's video files (tests/make_video.py), real bytes for the fixture's video."""

VIDEO_BLOCK = """video:
  title: Tagging a ticket in 20 seconds
  file: videos/tag-flow.webm
  captions: videos/tag-flow.vtt
  transcript: {file: videos/tag-flow.md}
  poster: videos/tag-flow.png
"""


def video_hub(tmp_path: Path, block: str = VIDEO_BLOCK) -> Path:
    """The small hub with a video on tag-ten-tickets: the starter's real WebM, captions, transcript and poster."""
    root = copy_hub(tmp_path)
    folder = root / "challenges" / "videos"
    folder.mkdir()
    shutil.copy(STARTER_VIDEOS / "lockout-handover.webm", folder / "tag-flow.webm")
    shutil.copy(STARTER_VIDEOS / "lockout-handover.vtt", folder / "tag-flow.vtt")
    shutil.copy(STARTER_VIDEOS / "lockout-handover.transcript.md", folder / "tag-flow.md")
    shutil.copy(STARTER_VIDEOS / "lockout-handover-poster.png", folder / "tag-flow.png")
    edit(root, CHALLENGE, "recall:\n", block + "recall:\n")
    return root


def with_video(tmp_path: Path, old: str, new: str) -> Path:
    return video_hub(tmp_path, VIDEO_BLOCK.replace(old, new))


def test_the_starter_video_is_small_and_its_captions_and_transcript_are_the_scripts() -> None:
    """tests/make_video.py writes the captions and transcript from the list that times the animation:
    the committed files are what it writes, so they match the picture."""
    assert (STARTER_VIDEOS / f"{NAME}.vtt").read_text(encoding="utf-8") == webvtt()
    # the shift-handover job aid shows a copy of the same video
    for name in (f"{NAME}.vtt", f"{NAME}.webm", f"{NAME}.transcript.md", f"{NAME}-poster.png"):
        assert (REPO / "job-aids" / "videos" / name).read_bytes() == (STARTER_VIDEOS / name).read_bytes()
    assert (STARTER_VIDEOS / f"{NAME}.transcript.md").read_text(encoding="utf-8") == transcript()
    video = (STARTER_VIDEOS / f"{NAME}.webm").read_bytes()
    assert video.startswith(bytes.fromhex("1a45dfa3")) and len(video) < 1024 * 1024  # WebM (EBML), under 1 MB
    assert 10 <= DURATION <= 30


# -- checks at the line of the key ------------------------------------------------------------------


def test_a_video_with_all_its_files_is_clean_and_none_of_them_is_reported_as_unnamed(tmp_path: Path) -> None:
    assert validate(video_hub(tmp_path)) == []


def test_a_missing_caption_file_is_an_error_at_its_line_with_the_close_name(tmp_path: Path) -> None:
    root = with_video(tmp_path, "captions: videos/tag-flow.vtt", "captions: videos/tag-flows.vtt")
    found = matching(errors(root), where(root, CHALLENGE, "videos/tag-flows.vtt"), "HUB442")
    assert len(found) == 1, errors(root)
    assert "captions file 'videos/tag-flows.vtt' does not exist" in found[0]
    assert "did you mean 'videos/tag-flow.vtt'?" in found[0]


def test_a_missing_video_file_is_an_error_at_its_line_with_the_close_name(tmp_path: Path) -> None:
    root = with_video(tmp_path, "file: videos/tag-flow.webm", "file: videos/tagflow.webm")
    found = matching(errors(root), where(root, CHALLENGE, "videos/tagflow.webm"), "HUB440")
    assert len(found) == 1, errors(root)
    assert "did you mean 'videos/tag-flow.webm'?" in found[0]


def test_a_container_browsers_may_not_play_is_an_error(tmp_path: Path) -> None:
    root = with_video(tmp_path, "file: videos/tag-flow.webm", "file: videos/tag-flow.mov")
    (root / "challenges" / "videos" / "tag-flow.webm").rename(root / "challenges" / "videos" / "tag-flow.mov")
    found = matching(errors(root), where(root, CHALLENGE, "videos/tag-flow.mov"), "HUB441")
    assert len(found) == 1 and ".mp4 or .webm" in found[0], errors(root)


def test_captions_must_be_webvtt_by_name_and_by_content(tmp_path: Path) -> None:
    root = with_video(tmp_path, "captions: videos/tag-flow.vtt", "captions: videos/tag-flow.srt")
    assert len(matching(errors(root), where(root, CHALLENGE, "videos/tag-flow.srt"), "HUB443")) == 1, errors(root)
    root = with_video(tmp_path / "content", "", "")
    (root / "challenges" / "videos" / "tag-flow.vtt").write_text("1\n00:00:00,000 --> 00:00:04,000\nSRT inside\n", encoding="utf-8")
    found = matching(errors(root), where(root, CHALLENGE, "videos/tag-flow.vtt"), "HUB443")
    assert len(found) == 1 and "do not start with the line 'WEBVTT'" in found[0], errors(root)


def test_a_video_over_the_size_option_is_a_warning_not_an_error(tmp_path: Path) -> None:
    root = video_hub(tmp_path)
    edit(root, "mkdocs.yml", "  - competency-hub\n", "  - competency-hub:\n      video_max_bytes: 50000\n")
    lines = validate(root)
    found = matching(lines, where(root, CHALLENGE, "videos/tag-flow.webm"), "HUB444")
    assert len(found) == 1 and ": warning: " in found[0] and "more than the 50,000" in found[0], lines
    assert errors(root) == []


def test_the_transcript_is_required(tmp_path: Path) -> None:
    root = with_video(tmp_path, "  transcript: {file: videos/tag-flow.md}\n", "")
    found = matching(errors(root), where(root, CHALLENGE, "title: Tagging"), "HUB132 missing field 'transcript' in video")
    assert len(found) == 1, errors(root)


def test_a_missing_transcript_file_and_a_transcript_that_is_a_file_name(tmp_path: Path) -> None:
    root = with_video(tmp_path, "{file: videos/tag-flow.md}", "{file: videos/tag-flw.md}")
    found = matching(errors(root), where(root, CHALLENGE, "videos/tag-flw.md"), "HUB445")
    assert len(found) == 1 and "did you mean 'videos/tag-flow.md'?" in found[0], errors(root)
    root = with_video(tmp_path / "named", "{file: videos/tag-flow.md}", "videos/tag-flow.md")
    found = matching(errors(root), where(root, CHALLENGE, "videos/tag-flow.md"), "HUB447")
    assert len(found) == 1 and "transcript: {file: videos/tag-flow.md}" in found[0], errors(root)


def test_a_missing_poster_and_a_video_from_another_host(tmp_path: Path) -> None:
    root = with_video(tmp_path, "poster: videos/tag-flow.png", "poster: videos/tag-flow.jpg")
    assert len(matching(errors(root), where(root, CHALLENGE, "videos/tag-flow.jpg"), "HUB446")) == 1, errors(root)
    root = with_video(tmp_path / "remote", "file: videos/tag-flow.webm", "file: https://videos.example.com/tag-flow.webm")
    found = matching(errors(root), where(root, CHALLENGE, "https://videos.example.com"), "HUB448")
    assert len(found) == 1, errors(root)
    root = with_video(tmp_path / "up", "captions: videos/tag-flow.vtt", "captions: ../mkdocs.vtt")
    assert len(matching(errors(root), where(root, CHALLENGE, "../mkdocs.vtt"), "HUB448")) == 1, errors(root)


def test_a_linked_caption_file_is_refused(tmp_path: Path) -> None:
    root = video_hub(tmp_path)
    captions = root / "challenges" / "videos" / "tag-flow.vtt"
    captions.unlink()
    captions.symlink_to(STARTER_VIDEOS / "lockout-handover.vtt")
    lines = errors(root)
    assert matching(lines, where(root, CHALLENGE, "videos/tag-flow.vtt"), "HUB805"), lines


def test_unsafe_html_in_a_transcript_file_is_an_error_on_its_line(tmp_path: Path) -> None:
    root = video_hub(tmp_path)
    transcript = root / "challenges" / "videos" / "tag-flow.md"
    transcript.write_text("First line.\n\nSecond <script>alert(1)</script> line.\n", encoding="utf-8")
    found = matching(errors(root), "challenges/videos/tag-flow.md:3:8", "HUB521")
    assert len(found) == 1, errors(root)


# -- the built page ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def video_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = video_hub(tmp_path_factory.mktemp("video-hub"))
    edit(root, "challenges/videos/tag-flow.md", "*A 24-second", "*Transcript marker.* *A 24-second")
    result = build(root)
    assert result.returncode == 0, result.output
    return result.site


@pytest.mark.build
def test_the_page_plays_the_published_video_with_captions_and_shows_the_transcript(video_site: Path) -> None:
    article = content(page(video_site, "challenges/tag-ten-tickets/"))
    heading = article.find(id="video")
    assert heading is not None and "Watch: Tagging a ticket in 20 seconds" in heading.get_text()
    video = article.select_one("figure.hub-video video")
    assert video is not None
    assert video.has_attr("controls") and video["preload"] == "metadata"
    assert not video.has_attr("autoplay") and not video.has_attr("muted")
    assert video["poster"] == "../videos/tag-flow.png"
    source = video.find("source")
    assert (source["src"], source["type"]) == ("../videos/tag-flow.webm", "video/webm")
    track = video.find("track")
    assert (track["kind"], track["src"], track["srclang"], track["label"]) == ("captions", "../videos/tag-flow.vtt", "en", "English")
    assert track.has_attr("default")
    transcript = heading.find_next("details", class_="hub-video-transcript")
    assert transcript is not None and transcript.summary.get_text() == "Transcript"
    assert "Transcript marker." in transcript.get_text() and "Priya's blue lock N-204" in transcript.get_text()
    for name in ("tag-flow.webm", "tag-flow.vtt", "tag-flow.png"):
        published = video_site / "challenges" / "videos" / name
        assert published.read_bytes() == (STARTER_VIDEOS / ("lockout-handover" + published.suffix if name != "tag-flow.png" else "lockout-handover-poster.png")).read_bytes()
    for element in article.find_all(src=True):
        assert "://" not in element["src"], element


@pytest.mark.build
def test_the_video_addresses_work_without_directory_urls(tmp_path: Path) -> None:
    """The file-share copy (use_directory_urls: false) opens pages from file://; the video is beside them."""
    root = video_hub(tmp_path)
    edit(root, "mkdocs.yml", "site_name: Test hub\n", "site_name: Test hub\nuse_directory_urls: false\n")
    result = build(root)
    assert result.returncode == 0, result.output
    html = result.site / "challenges" / "tag-ten-tickets.html"
    video = page(result.site, "challenges/tag-ten-tickets.html").select_one("figure.hub-video video")
    assert video.find("source")["src"] == "videos/tag-flow.webm"
    assert (html.parent / video.find("track")["src"]).is_file()


# -- in Chromium ------------------------------------------------------------------------------------

LOADED = """async () => {
  const video = document.querySelector("figure.hub-video video");
  const track = video.querySelector("track");
  const waitFor = (target, event) => new Promise((resolve, reject) => {
    target.addEventListener(event, resolve, { once: true });
    target.addEventListener("error", () => reject(new Error(event + " failed")), { once: true });
  });
  if (video.readyState < 1) await waitFor(video, "loadedmetadata");
  if (track.readyState !== 2) await waitFor(track, "load");
  const text = video.textTracks[0];
  return { duration: video.duration, paused: video.paused, mode: text.mode, cues: text.cues.length,
           first: text.cues[0].text, width: video.videoWidth };
}"""


@pytest.mark.browser
@pytest.mark.build
def test_chromium_loads_the_video_metadata_and_its_captions_from_the_served_site(browser: Any, video_site: Path) -> None:
    with serve_directory(video_site) as base:
        with open_page(browser, viewport={"width": 1280, "height": 900}) as watched:
            watched.page.goto(base + "challenges/tag-ten-tickets/")
            found = watched.page.evaluate(LOADED)
            assert 20 < found["duration"] < 30, found
            assert found["paused"] is True  # nothing plays by itself
            assert found["mode"] == "showing" and found["cues"] == 5 and found["first"].startswith("Your shift ends"), found
            assert found["width"] == 640
            assert watched.external_requests == [] and watched.console_errors == []


@pytest.mark.browser
@pytest.mark.build
def test_the_challenge_page_with_a_video_has_no_serious_axe_violation(browser: Any, video_site: Path) -> None:
    with serve_directory(video_site) as base:
        for width in (1280, 390):
            with open_page(browser, viewport={"width": width, "height": 900}) as watched:
                watched.page.goto(base + "challenges/tag-ten-tickets/")
                watched.page.locator("details.hub-video-transcript summary").click()
                assert serious_axe_violations(watched.page) == [], width
