"""Story library build benchmark: the starter hub with N synthetic stories added, built for real.

Why: every published story becomes a page, and each story page lists related stories; the
library pages, the feed and the finder files grow with the library. This shows what a library
of a given size adds to `mkdocs build`, and that pages other than the library's do not grow.

    .venv/bin/python benchmarks/stories_build.py [--stories 0 1000] [--out DIR]

For each N: copy the starter hub (maps, challenges, docs, stories side files and starter
stories), write N synthetic story files citing the starter maps' real capabilities, run
`mkdocs build` once in a subprocess, and report the time, the number of pages, the size of the
largest story page and of a capability page. A measurement, not a test.
"""

from __future__ import annotations

import argparse
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from competency_hub.load import load_hub
from competency_hub.settings import hub_options

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))
from finder_payload import FUNCTIONS, OUTCOMES, PATTERNS, sentence  # noqa: E402

BODY = "## What happened\n\n{a}\n\n## What worked\n\n{b}\n\n## What stalled\n\n{c}\n\n## Lessons\n\n{d}\n"


def write_stories(root: Path, n: int, seed: int) -> None:
    hub, _ = load_hub(hub_options(REPO))
    capabilities = [(m, c.id) for m, e in hub.maps.items() for c in e.model.capabilities]
    authors = list(hub.library.authors)
    rng = random.Random(seed)
    folder = root / "stories" / "synthetic"
    folder.mkdir(parents=True)
    for i in range(n):
        cited = rng.sample(capabilities, rng.randint(1, 3))
        lines = [
            "---",
            f"title: {sentence(rng, 6, 12)}",
            f"date: 20{rng.randint(19, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
            f"authors: [{rng.choice(authors)}]",
            f"context: {{team: Team {rng.randint(1, 80)}, function: {rng.choice(FUNCTIONS)}}}",
            "capabilities:",
            *[f"  - {{capability: {m}/{c}, level: {rng.choice(['assisted', 'independent', 'adaptive', 'shaping'])}}}" for m, c in cited],
            "outcomes:",
            f"  - {{measure: {sentence(rng, 3, 6)}, kind: {rng.choice(OUTCOMES)}, before: {rng.randint(5, 50)}, after: {rng.randint(1, 40)}}}",
            f"patterns: [{', '.join(rng.sample(PATTERNS, rng.randint(0, 3)))}]",
            f"summary: {'. '.join(sentence(rng, 12, 18) for _ in range(2))}.",
            "---",
            "",
        ]
        paragraphs = ["\n\n".join(sentence(rng, 15, 30) + "." for _ in range(2)) for _ in range(4)]
        body = BODY.format(a=paragraphs[0], b=paragraphs[1], c=paragraphs[2], d=paragraphs[3])
        (folder / f"synthetic-{i:05d}.md").write_text("\n".join(lines) + body, encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--stories", type=int, nargs="+", default=[0, 1000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)
    base = args.out or Path(tempfile.mkdtemp(prefix="stories-bench-"))
    print("| Synthetic stories | build (s) | HTML pages | largest story page | a capability page | finder-facets.json |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in args.stories:
        root = base / f"hub-{n}"
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(
            REPO, root, ignore=shutil.ignore_patterns(".git", ".venv", "site", "tests", "benchmarks", "__pycache__", "*.egg-info")
        )
        write_stories(root, n, args.seed)
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        began = time.perf_counter()
        done = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "-q", "-d", str(root / "site")], cwd=root, env=env, capture_output=True, text=True
        )
        took = time.perf_counter() - began
        if done.returncode:
            print(done.stdout + done.stderr, file=sys.stderr)
            return 1
        site = root / "site"
        pages = [p for p in site.rglob("*.html") if p.name != "404.html"]
        story_pages = [p for p in (site / "stories").glob("*/index.html")]
        largest = max((p.stat().st_size for p in story_pages), default=0)
        capability = (site / "maps/software-delivery/safe-deploys/index.html").stat().st_size
        facets = (site / "stories/finder-facets.json").stat().st_size
        print(f"| {n:,} | {took:.1f} | {len(pages):,} | {largest / 1024:.0f} KiB | {capability / 1024:.0f} KiB | {facets / 1024:.0f} KiB |")
        sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main())
