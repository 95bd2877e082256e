"""The starter hub's short captioned video, drawn frame by frame in Chromium and encoded to WebM by ffmpeg.

"Hand over a lockout at shift change" supports the challenge `second-person-check-on-your-lockout`
(its recall prompt `handover`): the four steps of SM-07's handover, 24 seconds, no sound. One list,
`SCENES`, gives each scene's time, on-screen title and caption, so the animation, the WebVTT captions
and the transcript cannot drift apart.

How it is made, without a screen recorder: an SVG scene in a local HTML page whose `render(t)` draws
the picture at second `t` (a pure function of time, so every run gives the same frames); Debian's
Chromium (never a downloaded browser) screenshots it at `FPS` frames a second; Debian's ffmpeg
(`make videotools`) encodes the frames to VP9 WebM. Writes, under challenges/videos/:

    lockout-handover.webm              the video (well under 1 MB)
    lockout-handover.vtt               its captions
    lockout-handover.transcript.md     its transcript
    lockout-handover-poster.png        the still shown before it plays

    make video                                     # writes the files above; then commit them
    .venv/bin/python tests/make_video.py --out /tmp/video
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from browser import launch_chromium
from playwright.sync_api import sync_playwright

REPO = Path(__file__).resolve().parents[1]
NAME = "lockout-handover"
WIDTH, HEIGHT = 640, 360
FPS = 12
FFMPEG = shutil.which("ffmpeg") or "/usr/bin/ffmpeg"


@dataclass(frozen=True)
class Scene:
    start: float
    end: float
    heading: str
    """What the picture says in big letters (short)."""
    caption: str
    """What the captions and the transcript say."""


SCENES = (
    Scene(0.0, 4.0, "Hand over a lockout at shift change",
          "Your shift ends mid-job, the conveyor locked out. Hand it over in four steps."),
    Scene(4.0, 9.0, "1. Meet at the equipment",
          "Step 1. Meet the incoming technician face to face, at the isolator."),
    Scene(9.0, 14.0, "2. Go through the checklist together",
          "Step 2. Go through the lockout checklist together, point by point."),
    Scene(14.0, 19.0, "3. Their lock on, then yours off",
          "Step 3. Their lock goes on first; only then does yours come off."),
    Scene(19.0, 24.0, "4. Both sign, with the time",
          "Step 4. Both sign the handover on the checklist, with the time."),
)
"""Captions stay under about 17 characters a second, so they can be read while watching."""
DURATION = SCENES[-1].end


def timestamp(seconds: float) -> str:
    minutes, rest = divmod(seconds, 60)
    return f"{int(minutes):02d}:{rest:06.3f}"


def webvtt() -> str:
    """The captions: one cue a scene, at the scene's times."""
    cues = [f"{timestamp(s.start)} --> {timestamp(s.end)}\n{s.caption}" for s in SCENES]
    return "WEBVTT\n\n" + "\n\n".join(f"{i}\n{cue}" for i, cue in enumerate(cues, start=1)) + "\n"


def transcript() -> str:
    """Everything the video says and shows, for people who read rather than watch."""
    lines = [
        "*A 24-second animation without sound. It shows a conveyor isolator with a red lock (R-117, Kofi,"
        " day shift) and two technicians.*",
        "",
    ]
    pictures = (
        "Title card over the main isolator of the BX-200 induct conveyor, Kofi's red lock R-117 on its hasp.",
        "Kofi (day shift) and Priya (night shift) walk up to the isolator: not a call from the car park.",
        "A checklist appears; a tick lands beside each line: main isolator, air supply at 0 bar, try step at the local control and the HMI.",
        "Priya's blue lock N-204 joins the red lock on the hasp; then the red lock comes off. The isolator is never without a lock.",
        "Two signatures, K. Mensah and P. Nair, and the time, 22:04, appear at the foot of the checklist. The job is now Priya's.",
    )
    for scene, picture in zip(SCENES, pictures):
        at = f"{int(scene.start) // 60}:{int(scene.start) % 60:02d}"
        lines += [f"**{at}** {scene.caption}", "", f"*On screen:* {picture}", ""]
    return "\n".join(lines)


PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>video</title>
<style>
html, body { margin: 0; width: %(w)dpx; height: %(h)dpx; overflow: hidden; background: #f4f6f8; }
svg { display: block; font-family: "DejaVu Sans", sans-serif; }
.heading { font-size: 26px; font-weight: 700; fill: #14213d; }
.small { font-size: 13px; fill: #3d4a5c; }
.label { font-size: 12px; font-weight: 700; fill: #ffffff; }
.check { font-size: 14px; fill: #14213d; }
</style></head><body>
<svg xmlns="http://www.w3.org/2000/svg" width="%(w)d" height="%(h)d" viewBox="0 0 %(w)d %(h)d">
  <rect x="0" y="0" width="%(w)d" height="56" fill="#14213d"/>
  <rect x="0" y="56" width="%(w)d" height="4" fill="#f2c200"/>
  <text x="20" y="35" class="label" font-size="15">NORTHWIND FIELD SERVICE · SM-07 ISOLATION AND LOCKOUT</text>
  <text id="step" x="620" y="35" class="label" text-anchor="end"></text>
  <text id="heading" x="20" y="100" class="heading"></text>
  <!-- floor and conveyor -->
  <rect x="0" y="318" width="%(w)d" height="42" fill="#d9dee4"/>
  <rect x="380" y="270" width="260" height="22" rx="11" fill="#55606e"/>
  <circle cx="392" cy="281" r="9" fill="#8a95a3"/><circle cx="628" cy="281" r="9" fill="#8a95a3"/>
  <text x="510" y="310" class="small" text-anchor="middle">BX-200 induct conveyor</text>
  <!-- isolator -->
  <rect x="60" y="140" width="120" height="150" rx="8" fill="#9aa5b1" stroke="#4b5563" stroke-width="3"/>
  <text x="120" y="165" class="small" text-anchor="middle" fill="#14213d">MAIN ISOLATOR</text>
  <rect x="104" y="180" width="32" height="64" rx="5" fill="#4b5563"/>
  <text x="158" y="216" class="small" text-anchor="middle" font-weight="700">OFF</text>
  <rect x="90" y="244" width="62" height="18" rx="3" fill="none" stroke="#374151" stroke-width="4"/>
  <g id="red-lock"><rect x="-16" y="0" width="32" height="30" rx="4" fill="#c62828"/>
    <path d="M -9 0 v -10 a 9 9 0 0 1 18 0 v 10" fill="none" stroke="#6b7280" stroke-width="4"/>
    <text x="0" y="20" class="label" text-anchor="middle" font-size="9">R-117</text></g>
  <g id="blue-lock"><rect x="-16" y="0" width="32" height="30" rx="4" fill="#1565c0"/>
    <path d="M -9 0 v -10 a 9 9 0 0 1 18 0 v 10" fill="none" stroke="#6b7280" stroke-width="4"/>
    <text x="0" y="20" class="label" text-anchor="middle" font-size="9">N-204</text></g>
  <!-- people -->
  <g id="kofi"><circle cx="0" cy="-78" r="15" fill="#8d5524"/><rect x="-18" y="-60" width="36" height="60" rx="12" fill="#f28c28"/>
    <rect x="-20" y="-96" width="40" height="10" rx="5" fill="#f2c200"/>
    <text x="0" y="16" class="small" text-anchor="middle">Kofi (day)</text></g>
  <g id="priya"><circle cx="0" cy="-78" r="15" fill="#c68642"/><rect x="-18" y="-60" width="36" height="60" rx="12" fill="#2e7d32"/>
    <rect x="-20" y="-96" width="40" height="10" rx="5" fill="#f2c200"/>
    <text x="0" y="16" class="small" text-anchor="middle">Priya (night)</text></g>
  <!-- checklist -->
  <g id="sheet">
    <rect x="0" y="0" width="230" height="150" rx="6" fill="#ffffff" stroke="#9aa5b1" stroke-width="2"/>
    <text x="12" y="22" class="check" font-weight="700">Lockout checklist · FO-58577</text>
    <text x="36" y="50" class="check">Main isolator locked</text>
    <text x="36" y="74" class="check">Air supply at 0 bar</text>
    <text x="36" y="98" class="check">Try: local control + HMI</text>
    <text id="tick-0" x="14" y="50" class="check" fill="#2e7d32" font-weight="700">✓</text>
    <text id="tick-1" x="14" y="74" class="check" fill="#2e7d32" font-weight="700">✓</text>
    <text id="tick-2" x="14" y="98" class="check" fill="#2e7d32" font-weight="700">✓</text>
    <g id="signed"><text x="12" y="128" class="check" font-style="italic">K. Mensah · P. Nair</text>
      <text x="218" y="128" class="check" text-anchor="end" font-weight="700">22:04</text></g>
  </g>
</svg>
<script>
const SCENES = %(scenes)s;
const clamp = (x) => Math.max(0, Math.min(1, x));
const ease = (x) => { x = clamp(x); return x * x * (3 - 2 * x); };
const lerp = (a, b, x) => a + (b - a) * ease(x);
const el = (id) => document.getElementById(id);
function place(id, x, y, opacity) {
  el(id).setAttribute("transform", `translate(${x.toFixed(2)} ${y.toFixed(2)})`);
  el(id).setAttribute("opacity", opacity.toFixed(3));
}
function render(t) {
  let i = SCENES.findIndex((s) => t < s[1]);
  if (i < 0) i = SCENES.length - 1;
  const [start, end, heading] = SCENES[i];
  const fade = Math.min(clamp((t - start) / 0.4), clamp((end - t) / 0.4 + (i === SCENES.length - 1 ? 1 : 0)));
  el("heading").textContent = heading;
  el("heading").setAttribute("opacity", fade.toFixed(3));
  el("step").textContent = i === 0 ? "" : `STEP ${i} OF ${SCENES.length - 1}`;
  // the people walk in during step 1 and stay
  const walk = (t - 4.3) / 2.2;
  place("kofi", lerp(700, 225, walk), 318, 1);
  place("priya", lerp(760, 320, (t - 4.8) / 2.2), 318, 1);
  // the checklist: shown from step 2, ticks one by one
  place("sheet", 392, 118, clamp((t - 9.2) / 0.5));
  for (let k = 0; k < 3; k++) el(`tick-${k}`).setAttribute("opacity", clamp((t - 10.2 - k * 1.1) / 0.3).toFixed(3));
  el("signed").setAttribute("opacity", clamp((t - 20.0) / 0.8).toFixed(3));
  // step 3: the blue lock comes on, then the red one comes off
  const redOff = (t - 16.6) / 1.2;
  place("red-lock", lerp(100, 40, redOff), lerp(262, 330, redOff) - 0, 1 - clamp(redOff - 0.2));
  const blueOn = (t - 14.6) / 1.2;
  place("blue-lock", lerp(330, 142, blueOn), lerp(210, 262, blueOn), clamp(blueOn * 3));
}
render(0);
</script></body></html>
"""


def page_html() -> str:
    scenes = json.dumps([[s.start, s.end, s.heading] for s in SCENES])
    return PAGE % {"w": WIDTH, "h": HEIGHT, "scenes": scenes}


def draw_frames(folder: Path, poster: Path) -> int:
    """Every frame as a PNG in `folder` (frame-00000.png…); the poster is the frame at 2.5 s."""
    page_file = folder / "scene.html"
    page_file.write_text(page_html(), encoding="utf-8")
    frames = int(DURATION * FPS)
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        page = browser.new_page(viewport={"width": WIDTH, "height": HEIGHT})
        page.goto(page_file.as_uri())
        for n in range(frames):
            page.evaluate("t => render(t)", n / FPS)
            page.screenshot(path=str(folder / f"frame-{n:05d}.png"))
        page.evaluate("t => render(t)", 2.5)
        page.screenshot(path=str(poster))
        browser.close()
    return frames


def encode(folder: Path, target: Path) -> None:
    """The frames to VP9 WebM, without metadata that would change from run to run."""
    if not Path(FFMPEG).exists():
        raise SystemExit("ffmpeg is missing: run `make videotools` (Debian's ffmpeg)")
    command = [
        FFMPEG, "-loglevel", "error", "-y", "-framerate", str(FPS), "-i", str(folder / "frame-%05d.png"),
        "-c:v", "libvpx-vp9", "-b:v", "0", "-crf", "42", "-row-mt", "1", "-pix_fmt", "yuv420p",
        "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:v", "+bitexact", str(target),
    ]  # fmt: skip
    subprocess.run(command, check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=REPO / "challenges" / "videos")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="hub-video-") as tmp:
        folder = Path(tmp)
        frames = draw_frames(folder, args.out / f"{NAME}-poster.png")
        encode(folder, args.out / f"{NAME}.webm")
    (args.out / f"{NAME}.vtt").write_text(webvtt(), encoding="utf-8")
    (args.out / f"{NAME}.transcript.md").write_text(transcript(), encoding="utf-8")
    size = (args.out / f"{NAME}.webm").stat().st_size
    print(f"{args.out / NAME}.webm: {frames} frames, {DURATION:g} s, {size:,} bytes")
    return 0 if size < 1024 * 1024 else 1


if __name__ == "__main__":
    sys.exit(main())
