"""Scale benchmark: synthetic hubs of size S and L against plain MkDocs + Material sites of equal page count.

Why: large organisations have hundreds of capabilities, thousands of challenges and tens of
thousands of stories. For each size this script writes a hub with `competency-hub
generate-sample`, times `competency-hub validate` and `mkdocs build`, records peak memory, output
size, the largest HTML page and what a reader's browser loads for a first search (Material's
index and the story finder's files, raw and gzip), then builds a plain MkDocs + Material site with
the same number of ordinary Markdown pages (kept out of the nav) as the baseline, builds both again
over their previous site (`--dirty`: CPU time and files written), times `mkdocs serve --dirty`
edits of a challenge, a story and a map, and prints the ratios against the targets of
docs/performance.md.

    .venv/bin/python benchmarks/build_benchmark.py                  # S and L (L takes a long while)
    .venv/bin/python benchmarks/build_benchmark.py --sizes S        # S only, a few minutes
    .venv/bin/python benchmarks/build_benchmark.py --sizes S M --repeat 3 --serve

A measurement, not a test: nothing asserts on timings. Results go to benchmarks/out/ (git-ignored).
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import html
import json
import os
import platform
import random
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from competency_hub.cli.sample import ASPECTS, PROSE, TOPICS, generate_sample, to_yaml, words

HERE = Path(__file__).resolve().parent
RESULTS_DIR = HERE / "out"
MARKDOWN_EXTENSIONS = ["attr_list", "md_in_html", "tables", "toc", "admonition"]
"""The extensions the plugin adds to the hub build; the baseline uses the same, so Markdown costs match."""

SIZES: dict[str, tuple[int, int, int]] = {
    "XS": (20, 60, 200),
    "S": (100, 300, 1_000),
    "M": (300, 900, 3_000),
    "L": (1_000, 3_000, 10_000),
}
"""Capabilities, challenges, stories. S and L are the sizes of the targets; XS and M are for profiling."""

TARGETS = {
    "build_ratio": 1.2,
    "linear": 11.0,
    "largest_page_kb": 100.0,
    "peak_rss_mb": 1024.0,
    "validate_share": 0.10,
    "first_search_gzip_mb": 10.0,
}

# --------------------------------------------------------------------------------------------------
# The baseline: ordinary Markdown pages mirroring the hub's built pages (same URLs, titles, word counts).

_ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*?)</article>', re.S)
_H1 = re.compile(r"<h1[^>]*>(.*?)</h1>", re.S)
_TAG = re.compile(r"<[^>]+>")


def visible_text(fragment: str) -> str:
    return html.unescape(_TAG.sub(" ", fragment))


def html_pages(site: Path) -> list[Path]:
    """The content pages of a built site (Material's 404.html left out)."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).as_posix() != "404.html")


def _baseline_page(title: str, target_words: int, rng: random.Random, topic: str) -> str:
    """A plain page: a title, `##` sections of prose, a list and now and then a table."""
    lines = [f"# {title}", ""]
    total = words(title)
    section = 0
    while total < target_words:
        section += 1
        heading = f"{rng.choice(ASPECTS)} the {topic} ({section})"
        paragraph = " ".join(rng.choice(PROSE).format(topic=topic) for _ in range(rng.randint(3, 5)))
        lines += [f"## {heading}", "", paragraph, ""]
        total += words(heading) + words(paragraph)
        if section % 2 == 0:
            items = [f"- {rng.choice(PROSE).format(topic=topic)}" for _ in range(3)]
            lines += [*items, ""]
            total += sum(words(i) for i in items)
        if section % 3 == 0:
            lines += ["| Step | Owner | Turnaround |", "|---|---|---|", "| Draft | Requester | Same day |"]
            lines += ["| Review | Lead | One day |", ""]
            total += 12
    return "\n".join(lines)


def generate_baseline(root: Path, hub_site: Path, rng: random.Random) -> int:
    """Writes a plain MkDocs + Material site with one page per hub page; returns the page count.

    Each page sits at the same URL as its hub page, with the same title and about as many visible words,
    so the comparison isolates what the plugin and its richer pages cost. The navigation has the
    same shape as the hub's (home, maps, paths, challenges); every other page is `not_in_nav`.
    """
    docs = root / "docs"
    docs.mkdir(parents=True, exist_ok=True)
    titles: dict[str, str] = {}
    for page in html_pages(hub_site):
        text = page.read_text(encoding="utf-8")
        article = _ARTICLE.search(text)
        body = article.group(1) if article else text
        heading = _H1.search(body)
        title = " ".join(visible_text(heading.group(1)).split()).rstrip("¶ ").strip() if heading else page.parent.name
        target = max(50, words(visible_text(body)))
        src_uri = page.relative_to(hub_site).with_suffix(".md").as_posix()  # x/index.html -> x/index.md: same URL
        titles[src_uri] = title or "Page"
        (docs / src_uri).parent.mkdir(parents=True, exist_ok=True)
        (docs / src_uri).write_text(_baseline_page(titles[src_uri], target, rng, rng.choice(TOPICS)), encoding="utf-8")

    def section(folder: str) -> list[dict[str, str]]:
        """`All …` then each page one level down (`maps/<id>/`, `paths/<id>/`), by title, as the hub lists them."""
        pages = [uri for uri in titles if re.fullmatch(rf"{folder}/[^/]+/index\.md", uri)]
        pages.sort(key=lambda uri: titles[uri].casefold())
        return [{f"All {folder}": f"{folder}/index.md"}] + [{titles[uri]: uri} for uri in pages]

    nav: list[Any] = [
        {"Home": "index.md"},
        {"Maps": section("maps")},
        {"Paths": section("paths")},
        {"Challenges": "challenges/index.md"},
    ]
    for title, uri in (("Stories", "stories/index.md"), ("Data", "exports/index.md")):
        if uri in titles:
            nav.append({title: uri})
    learning = [{titles[uri]: uri} for uri in ("progress/index.md", "review/index.md", "plan/index.md") if uri in titles]
    if learning:
        nav.append({"My learning": learning})
    config = {
        "site_name": "Benchmark baseline",
        "theme": {"name": "material", "font": False},
        "plugins": ["search"],
        "markdown_extensions": MARKDOWN_EXTENSIONS,
        "nav": nav,
        "not_in_nav": "*",  # pages missing from `nav` are expected, as the hub marks its own
    }
    (root / "mkdocs.yml").write_text(to_yaml(config) + "\n", encoding="utf-8")
    return len(titles)


# --------------------------------------------------------------------------------------------------
# Measuring.


@dataclass
class Build:
    seconds: float
    cpu_seconds: float
    peak_rss_mb: float
    """The largest of the build's process and every process it ran and waited for (Pagefind)."""
    warnings: list[str]
    process_rss_mb: float = 0.0
    """The build's own process: MkDocs, Material and the hub, without Pagefind."""
    pagefind_rss_mb: float = 0.0
    """Pagefind's peak, as the plugin logs it (0 where Pagefind did not run)."""


def subprocess_env(work: Path) -> dict[str, str]:
    """The environment of every timed subprocess.

    Bytecode caching is forced on, into a folder of the benchmark's own (PYTHONPYCACHEPREFIX), so the
    timings are those of a normal install even where PYTHONDONTWRITEBYTECODE is set (as in some CI and
    sandbox images), and the repository tree is left untouched; the warm-up runs fill the cache.
    """
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPYCACHEPREFIX": str(work / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return env


def timed(command: list[str], cwd: Path, env: dict[str, str]) -> tuple[float, float, str, int, float]:
    """(wall seconds, peak resident memory in MB, output, exit status, CPU seconds) of one subprocess.

    `os.wait4` gives the rusage of that one child: its peak memory is the largest of that child and
    the processes it ran and waited for (Pagefind, for the hub), not of every child this script has
    run; `mkdocs_build` reports the build's own process apart. CPU time (user + system) is reported beside wall
    time: a build is single-threaded, so on a quiet machine the two agree, and on a busy one CPU
    time still compares the hub with its baseline fairly.
    """
    log_file = tempfile.TemporaryFile(mode="w+")
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log_file, stderr=subprocess.STDOUT, text=True)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    log_file.seek(0)
    output = log_file.read()
    log_file.close()
    return seconds, usage.ru_maxrss / 1024, output, process.returncode, usage.ru_utime + usage.ru_stime


PAGE_CACHE = Path(".cache/competency-hub/pages")
"""The hub's page cache (the plugin's `page_cache` option), relative to the hub."""


def mkdocs_build(project: Path, site: Path, env: dict[str, str], *, warm: bool = False) -> Build:
    """One `mkdocs build` in a subprocess into a fresh `site` folder; with the page cache of the previous
    build when `warm`, else with none (a hub's first build, or CI without a kept cache)."""
    shutil.rmtree(site, ignore_errors=True)
    if not warm:
        shutil.rmtree(project / PAGE_CACHE, ignore_errors=True)
    command = [sys.executable, "-c", _OWN_PEAK, "build", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    seconds, rss, output, code, cpu = timed(command, project, env)
    if code != 0:
        sys.exit(f"mkdocs build failed for {project}:\n{output[-5000:]}")
    lines = output.splitlines()
    own = re.search(r"^build process peak memory: (\d+) KB$", output, re.M)
    pagefind = re.search(r"pagefind, peak memory ≤? ?(\d+) MB", output)
    return Build(
        seconds,
        cpu,
        rss,
        [line for line in lines if line.startswith(("WARNING", "ERROR"))],
        process_rss_mb=int(own.group(1)) / 1024 if own else rss,
        pagefind_rss_mb=float(pagefind.group(1)) if pagefind else 0.0,
    )


_OWN_PEAK = """
import atexit, resource, runpy, sys
atexit.register(lambda: print(f"build process peak memory: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss} KB", file=sys.stderr))
sys.argv[0] = "mkdocs"
runpy.run_module("mkdocs", run_name="__main__", alter_sys=True)
"""
"""`python -m mkdocs`, also printing the peak memory of its own process at exit (Pagefind's is apart)."""


def validate_cli(project: Path, env: dict[str, str]) -> tuple[float, float]:
    """`competency-hub validate` as a user runs it (start-up and imports included): seconds, peak MB."""
    command = [sys.executable, "-m", "competency_hub.cli", "validate", str(project)]
    seconds, rss, output, code, _ = timed(command, project, env)
    if code != 0:
        sys.exit(f"competency-hub validate failed:\n{output[-5000:]}")
    return seconds, rss


def _sizes(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    return len(data), len(gzip.compress(data, 6))


def site_stats(site: Path) -> dict[str, Any]:
    """Pages, output size, largest page, and the files a first search loads (raw and gzip, bytes)."""
    pages = html_pages(site)
    sizes = {p: p.stat().st_size for p in pages}
    largest = max(pages, key=lambda p: sizes[p])
    files = [p for p in site.rglob("*") if p.is_file()]
    stats: dict[str, Any] = {
        "pages": len(pages),
        "files": len(files),
        "output_mb": round(sum(p.stat().st_size for p in files) / 1e6, 2),
        "largest_page_kb": round(sizes[largest] / 1e3, 1),
        "largest_page": largest.relative_to(site).as_posix(),
        "pages_over_100kb": sum(1 for size in sizes.values() if size > 100_000),
    }
    # What Material's search loads: the index (its worker fetches it on the first page).
    index = site / "search" / "search_index.json"
    raw, packed = _sizes(index) if index.is_file() else (0, 0)
    stats["search_index_raw"], stats["search_index_gzip"] = raw, packed
    # What the story finder loads: facets and the first text file on opening, the lunr index on a word search.
    finder = site / "stories"
    for name, key in (("finder-facets.json", "finder_facets"), ("finder-text-0.json", "finder_text0"), ("finder-index.json", "finder_index")):
        raw, packed = _sizes(finder / name) if (finder / name).is_file() else (0, 0)
        stats[f"{key}_raw"], stats[f"{key}_gzip"] = raw, packed
    stats["first_search_gzip"] = stats["search_index_gzip"]
    return stats


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def serve_edits(project: Path, env: dict[str, str], *, dirty: bool = False, timeout: float = 900.0) -> dict[str, float]:
    """`mkdocs serve` (with `--dirty` if asked) on the hub, then one challenge, one story and one map
    edited in turn: seconds from saving each file until its served page shows the change.

    Reports the first build of `serve` too. Each edit adds a new word to a summary or title; its
    page is polled until the word is there (the live-reload rebuild is what takes the time), and the
    file is put back after the three edits.
    """
    challenge = sorted((project / "challenges").glob("*.md"))[0]
    story = sorted((project / "stories").rglob("*.md"))[0]
    map_file = sorted((project / "maps").glob("*.yml"))[0]
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    command = [sys.executable, "-m", "mkdocs", "serve", "--no-strict", "-f", str(project / "mkdocs.yml"), "-a", f"127.0.0.1:{port}"]
    if dirty:
        command.insert(4, "--dirty")
    start = time.perf_counter()
    marker = f"edited{int(start)}"
    edits = [  # (what, file, old, new, page showing the change)
        ("challenge", challenge, "\nsummary: ", f"\nsummary: {marker}c ", f"/challenges/{challenge.stem}/"),
        ("story", story, "\nsummary: ", f"\nsummary: {marker}s ", f"/stories/{story.stem}/"),
        ("map", map_file, "\ntitle: ", f"\ntitle: {marker}m ", f"/maps/{map_file.stem}/"),
    ]
    process = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def wait_for(url: str, text: str) -> float:
        began = time.perf_counter()
        while time.perf_counter() - began < timeout:
            try:
                with urllib.request.urlopen(url, timeout=30) as response:
                    if text in response.read().decode("utf-8"):
                        return time.perf_counter()
            except OSError:
                pass
            time.sleep(0.1)
        raise TimeoutError(f"{url} did not show {text!r} within {timeout:.0f} s")

    originals = {path: path.read_text(encoding="utf-8") for _, path, *_ in edits}
    key = "serve_dirty" if dirty else "serve"
    results: dict[str, float] = {}
    try:
        results[f"{key}_first_build_s"] = round(wait_for(base + "/", "</html>") - start, 2)
        for what, path, old, new, url in edits:
            time.sleep(2)  # let the watcher settle
            edited = time.perf_counter()
            path.write_text(originals[path].replace(old, new, 1), encoding="utf-8")
            results[f"{key}_{what}_s"] = round(wait_for(base + url, new.split(": ", 1)[1].strip()) - edited, 2)
    finally:
        for path, text in originals.items():
            path.write_text(text, encoding="utf-8")
        process.terminate()
        process.wait(timeout=60)
    return results


def files_written(site: Path, before: dict[str, tuple[int, int]]) -> int:
    """Files of `site` that are new or were written again since `before` (inode, modification time)."""
    return sum(1 for name, stamp in site_stamps(site).items() if before.get(name) != stamp)


def site_stamps(site: Path) -> dict[str, tuple[int, int]]:
    stamps = {}
    for folder, _, names in os.walk(site):
        for name in names:
            st = os.stat(os.path.join(folder, name))
            stamps[os.path.join(folder, name)] = (st.st_ino, st.st_mtime_ns)
    return stamps


def dirty_build(project: Path, site: Path, env: dict[str, str]) -> tuple[Build, int]:
    """`mkdocs build --dirty` over the previous site (as `serve --dirty` rebuilds): the build and the files it wrote."""
    before = site_stamps(site)
    command = [sys.executable, "-m", "mkdocs", "build", "--dirty", "--no-strict", "-f", str(project / "mkdocs.yml"), "-d", str(site)]
    seconds, rss, output, code, cpu = timed(command, project, env)
    if code != 0:
        sys.exit(f"mkdocs build --dirty failed for {project}:\n{output[-5000:]}")
    return Build(seconds, cpu, rss, []), files_written(site, before)


def machine() -> dict[str, Any]:
    """Facts to read the numbers against."""
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass

    def version(name: str) -> str | None:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return None

    try:
        load = os.getloadavg()[0]
    except OSError:
        load = None
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "load_average_1min": load,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "mkdocs": version("mkdocs"),
        "mkdocs-material": version("mkdocs-material"),
        "competency-hub": version("competency-hub"),
    }


def run_size(name: str, args: argparse.Namespace, work: Path) -> dict[str, Any]:
    capabilities, challenges, stories = SIZES[name]
    root = work / name
    hub_root, base_root = root / "hub", root / "baseline"
    hub_site, base_site = root / "site-hub", root / "site-baseline"
    shutil.rmtree(root, ignore_errors=True)
    root.mkdir(parents=True)
    env = subprocess_env(work)
    log(f"{name}: generating {capabilities} capabilities, {challenges} challenges, {stories} stories in {hub_root}")
    shape = generate_sample(hub_root, capabilities, challenges, stories, args.maps, args.seed)

    validate_s, validate_mb = validate_cli(hub_root, env)  # also warms the bytecode cache
    log(f"{name}: validate {validate_s:.1f} s; first hub build (also sizes the baseline's pages)")
    hub_runs = [mkdocs_build(hub_root, hub_site, env)]
    pages = generate_baseline(base_root, hub_site, random.Random(args.seed))
    log(f"{name}: hub {hub_runs[0].seconds:.1f} s, {hub_runs[0].peak_rss_mb:.0f} MB; baseline of {pages} pages")
    base_runs = [mkdocs_build(base_root, base_site, env)]
    log(f"{name}: baseline {base_runs[0].seconds:.1f} s, {base_runs[0].peak_rss_mb:.0f} MB")
    warm_runs = [mkdocs_build(hub_root, hub_site, env, warm=True)]  # the page cache of the hub's build above
    log(f"{name}: hub with a warm page cache {warm_runs[0].seconds:.1f} s")
    validate_runs = [validate_s]
    for r in range(1, args.repeat):  # interleaved, so drift in machine load hits both sides alike
        hub_runs.append(mkdocs_build(hub_root, hub_site, env))
        base_runs.append(mkdocs_build(base_root, base_site, env))
        warm_runs.append(mkdocs_build(hub_root, hub_site, env, warm=True))
        validate_runs.append(validate_cli(hub_root, env)[0])
        log(f"{name}: run {r + 1}: hub {hub_runs[-1].seconds:.1f} s, baseline {base_runs[-1].seconds:.1f} s, warm {warm_runs[-1].seconds:.1f} s")
    cache_report = json.loads((hub_root / PAGE_CACHE / "last-build.json").read_text(encoding="utf-8"))

    def summary(runs: list[Build], site: Path) -> dict[str, Any]:
        median = statistics.median(b.seconds for b in runs)
        stats = site_stats(site)
        return {
            "build_s": round(median, 2),
            "build_runs_s": [round(b.seconds, 2) for b in runs],
            "build_cpu_s": round(statistics.median(b.cpu_seconds for b in runs), 2),
            "peak_rss_mb": round(max(b.peak_rss_mb for b in runs)),
            "process_peak_rss_mb": round(max(b.process_rss_mb for b in runs)),
            "pagefind_peak_rss_mb": round(max(b.pagefind_rss_mb for b in runs)),
            "ms_per_page": round(1000 * median / stats["pages"], 2),
            "build_warnings": runs[-1].warnings[:10],
            **stats,
        }

    hub = summary(hub_runs, hub_site)
    hub.update(
        shape={"maps": shape.maps, "capabilities": capabilities, "challenges": challenges, "paths": shape.paths, "stories": stories},
        validate_s=round(statistics.median(validate_runs), 2),
        validate_runs_s=[round(s, 2) for s in validate_runs],
        validate_peak_rss_mb=round(validate_mb),
        warm_build_s=round(statistics.median(b.seconds for b in warm_runs), 2),
        warm_build_cpu_s=round(statistics.median(b.cpu_seconds for b in warm_runs), 2),
        warm_build_runs_s=[round(b.seconds, 2) for b in warm_runs],
        warm_pages_from_cache=cache_report["used"],
        warm_pages_converted=len(cache_report["converted"]),
    )
    base = summary(base_runs, base_site)
    # Over the previous site, as CI with a kept site folder and `serve --dirty` build: the first dirty
    # build records what each generated page was built from, the second is the one with nothing changed.
    log(f"{name}: builds over the previous site (--dirty)")
    dirty_build(hub_root, hub_site, env)
    hub_dirty, hub_dirty_written = dirty_build(hub_root, hub_site, env)
    base_dirty, base_dirty_written = dirty_build(base_root, base_site, env)
    hub.update(dirty_s=round(hub_dirty.seconds, 2), dirty_cpu_s=round(hub_dirty.cpu_seconds, 2), dirty_written=hub_dirty_written)
    base.update(dirty_s=round(base_dirty.seconds, 2), dirty_cpu_s=round(base_dirty.cpu_seconds, 2), dirty_written=base_dirty_written)
    if args.serve and name in args.serve:
        log(f"{name}: mkdocs serve --dirty, then a challenge, a story and a map edited")
        hub.update(serve_edits(hub_root, env, dirty=True))
    if not args.keep:
        for folder in (hub_site, base_site):
            shutil.rmtree(folder, ignore_errors=True)
    return {
        "size": name,
        "hub": hub,
        "baseline": base,
        "ratio_build": round(hub["build_s"] / base["build_s"], 2),
        "ratio_build_cpu": round(hub["build_cpu_s"] / base["build_cpu_s"], 2),
    }


def mb(size: int) -> str:
    return f"{size / 1e6:.2f} MB" if size >= 100_000 else f"{size / 1e3:.1f} KB"


def report(results: dict[str, Any]) -> str:
    """The results as Markdown: one table per size, then the targets."""
    out: list[str] = []
    for size in results["sizes"]:
        hub, base = size["hub"], size["baseline"]
        s = hub["shape"]
        out += [
            f"### {size['size']}: {s['capabilities']:,} capabilities, {s['challenges']:,} challenges, {s['stories']:,} stories",
            "",
            "| | hub | baseline | hub / baseline |",
            "|---|---:|---:|---:|",
        ]
        rows = [
            ("`mkdocs build`, wall (s)", "build_s", lambda v: f"{v:.1f}"),
            ("`mkdocs build`, CPU (s)", "build_cpu_s", lambda v: f"{v:.1f}"),
            ("per page (ms)", "ms_per_page", lambda v: f"{v:.1f}"),
            ("peak memory, with the processes it runs (MB)", "peak_rss_mb", lambda v: f"{v:,}"),
            ("peak memory, the build's own process (MB)", "process_peak_rss_mb", lambda v: f"{v:,}"),
            ("HTML pages", "pages", lambda v: f"{v:,}"),
            ("files", "files", lambda v: f"{v:,}"),
            ("output size (MB)", "output_mb", lambda v: f"{v:,.1f}"),
            ("largest HTML page (KB)", "largest_page_kb", lambda v: f"{v:.1f}"),
            ("pages over 100 KB", "pages_over_100kb", lambda v: f"{v:,}"),
            ("search_index.json, raw", "search_index_raw", mb),
            ("search_index.json, gzip", "search_index_gzip", mb),
            ("`mkdocs build --dirty` over the previous site, nothing changed, CPU (s)", "dirty_cpu_s", lambda v: f"{v:.1f}"),
            ("files written by that build", "dirty_written", lambda v: f"{v:,}"),
        ]
        for label, key, fmt in rows:
            a, b = hub[key], base[key]
            ratio = f"{a / b:.2f}×" if isinstance(a, (int, float)) and b else "–"
            out.append(f"| {label} | {fmt(a)} | {fmt(b)} | {ratio} |")
        out.append(
            f"| `mkdocs build`, clean output folder, page cache of the previous build kept, CPU (s) | {hub['warm_build_cpu_s']:.1f} | "
            f"{base['build_cpu_s']:.1f} (no cache) | {hub['warm_build_cpu_s'] / base['build_cpu_s']:.2f}× |"
        )
        if hub["pagefind_peak_rss_mb"]:
            out.append(f"| peak memory of Pagefind, which the hub build runs (MB) | {hub['pagefind_peak_rss_mb']:,} | – | – |")
        out.append(f"| pages from the page cache / converted in that build | {hub['warm_pages_from_cache']:,} / {hub['warm_pages_converted']:,} | – | – |")
        out.append(f"| `competency-hub validate` (s) | {hub['validate_s']:.1f} | – | {hub['validate_s'] / hub['build_s']:.1%} of the build |")
        for label, key in (("finder-facets.json", "finder_facets"), ("finder-text-0.json", "finder_text0"), ("finder-index.json", "finder_index")):
            out.append(f"| story finder: {label}, raw / gzip | {mb(hub[key + '_raw'])} / {mb(hub[key + '_gzip'])} | – | – |")
        if "serve_dirty_challenge_s" in hub:
            out.append(
                f"| `mkdocs serve --dirty`: first build; save → page updated for a challenge / a story / a map (s) | "
                f"{hub['serve_dirty_first_build_s']:.1f}; {hub['serve_dirty_challenge_s']:.1f} / {hub['serve_dirty_story_s']:.1f} / "
                f"{hub['serve_dirty_map_s']:.1f} | – | – |"
            )
        out.append(f"\nLargest page: `{hub['largest_page']}` (hub), `{base['largest_page']}` (baseline). Builds: hub {hub['build_runs_s']}, baseline {base['build_runs_s']}.\n")
    by_name = {size["size"]: size for size in results["sizes"]}
    if "L" in by_name:
        large = by_name["L"]
        hub = large["hub"]
        checks = [
            ("build of L ≤ 1.2 × baseline (wall)", f"{large['ratio_build']:.2f}×", large["ratio_build"] <= TARGETS["build_ratio"]),
            ("build of L ≤ 1.2 × baseline (CPU)", f"{large['ratio_build_cpu']:.2f}×", large["ratio_build_cpu"] <= TARGETS["build_ratio"]),
            ("largest page at L ≤ 100 KB", f"{hub['largest_page_kb']:.1f} KB", hub["largest_page_kb"] <= TARGETS["largest_page_kb"]),
            ("peak memory at L ≤ 1 GB, the build's own process", f"{hub['process_peak_rss_mb']:,} MB", hub["process_peak_rss_mb"] <= TARGETS["peak_rss_mb"]),
            ("peak memory at L ≤ 1 GB, with Pagefind", f"{hub['peak_rss_mb']:,} MB", hub["peak_rss_mb"] <= TARGETS["peak_rss_mb"]),
            ("validate of L ≤ 10 % of its build", f"{hub['validate_s'] / hub['build_s']:.1%}", hub["validate_s"] / hub["build_s"] <= TARGETS["validate_share"]),
            ("first search at L < 10 MB gzip", mb(hub["first_search_gzip"]), hub["first_search_gzip"] / 1e6 < TARGETS["first_search_gzip_mb"]),
        ]
        if "S" in by_name:
            linear = hub["build_s"] / by_name["S"]["hub"]["build_s"]
            linear_cpu = hub["build_cpu_s"] / by_name["S"]["hub"]["build_cpu_s"]
            checks.insert(2, ("linear: time(L) / time(S) ≤ 11 (wall)", f"{linear:.1f}", linear <= TARGETS["linear"]))
            checks.insert(3, ("linear: time(L) / time(S) ≤ 11 (CPU)", f"{linear_cpu:.1f}", linear_cpu <= TARGETS["linear"]))
        out += ["### Targets", "", "| Target | Measured | Met |", "|---|---:|:---:|"]
        out += [f"| {label} | {value} | {'yes' if ok else 'no'} |" for label, value, ok in checks]
    return "\n".join(out)


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", nargs="+", choices=list(SIZES), default=["S", "L"], help="sizes to run (default: S L)")
    parser.add_argument("--maps", type=int, help="maps sharing the capabilities (default: one per 25 capabilities, as generate-sample)")
    parser.add_argument("--repeat", type=int, default=1, metavar="R", help="timed builds of each site; the median is reported (default 1)")
    parser.add_argument("--serve", nargs="*", choices=list(SIZES), default=["S"], help="sizes at which to time `mkdocs serve --dirty` edits (default: S)")
    parser.add_argument("--out", type=Path, metavar="DIR", help="work in DIR (default: a temporary folder, removed afterwards)")
    parser.add_argument("--keep", action="store_true", help="keep the built sites (in --out)")
    parser.add_argument("--seed", type=int, default=1, help="random seed of the generated content (default 1)")
    parser.add_argument(
        "--serve-hub",
        type=Path,
        metavar="HUB",
        help="only time `mkdocs serve --dirty` edits (a challenge, a story, a map) on the hub in HUB, and print them as JSON",
    )
    args = parser.parse_args(argv)
    if args.repeat < 1:
        parser.error("--repeat must be at least 1")
    return args


def log(message: str) -> None:
    print(f"[benchmark {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.serve_hub is not None:  # the previews alone, on a hub already generated (and its code on PYTHONPATH)
        with tempfile.TemporaryDirectory(prefix="competency-hub-bench-") as tmp:
            timings = serve_edits(args.serve_hub.resolve(), subprocess_env(Path(tmp)), dirty=True)
        print(json.dumps({"date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"), "machine": machine(), **timings}, indent=2))
        return 0
    results: dict[str, Any] = {
        "date": datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
        "machine": machine(),
        "parameters": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
        "sizes": [],
    }

    def go(work: Path) -> None:
        for name in args.sizes:
            results["sizes"].append(run_size(name, args, work))
            RESULTS_DIR.mkdir(parents=True, exist_ok=True)
            (RESULTS_DIR / f"scale-{'-'.join(args.sizes)}.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")

    if args.out is not None:
        args.out.mkdir(parents=True, exist_ok=True)
        go(args.out.resolve())
    else:
        with tempfile.TemporaryDirectory(prefix="competency-hub-bench-") as tmp:
            go(Path(tmp))
    facts = results["machine"]
    print(
        f"\n{results['date'][:10]} · {facts['nproc']} CPU ({facts['cpu']}), load {facts['load_average_1min']} · Python {facts['python']} · "
        f"MkDocs {facts['mkdocs']} · Material {facts['mkdocs-material']} · median of {args.repeat}\n"
    )
    print(report(results))
    print(f"\nresults written to benchmarks/out/scale-{'-'.join(args.sizes)}.json")
    return 0


if __name__ == "__main__":
    sys.exit(main())
