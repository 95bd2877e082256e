"""Search benchmark: what a reader's first search costs, Material's search against Pagefind.

For each size it writes a sample hub (`generate_sample`, the sizes of build_benchmark.py), builds it
twice (plugin option `search: pagefind`, the default, and `search: material`), noting the build time
and what Pagefind's indexing took (time and peak memory, from the build log), then serves each site
with gzip on 127.0.0.1 and opens its home page in Debian's Chromium with the network and the CPU
throttled through the DevTools protocol (`Network.emulateNetworkConditions`,
`Emulation.setCPUThrottlingRate`). Right after the page has loaded (cold cache), it types a query
into the header search and measures:

- bytes before the first result: what the server sent for the search (Material: its worker and
  `search/search_index.json`, fetched from page load; Pagefind: `search.js` and `pagefind/`), gzip;
  counted by the server, because the page's DevTools session does not see a web worker's requests
  (Pagefind fetches its index from one; whether Chromium throttles those is not checked here);
- typing → first result: from the first key to the first result on screen; a second query too;
- peak tab memory: the resident memory of the tab's renderer process (which runs Material's worker
  too), sampled every 50 ms from /proc while the page loads and searches.

    .venv/bin/python benchmarks/search_benchmark.py --sizes S                # a few minutes
    .venv/bin/python benchmarks/search_benchmark.py --sizes S L --cpu 4      # L takes a long while
    .venv/bin/python benchmarks/search_benchmark.py --sizes S --engines --file-share   # the file-share copy only

With `--file-share` it also builds the file-share copy (`HUB_OFFLINE=true`, as `make build-offline`) and
opens it from `file://`: bytes are then the sizes on disk of the search files the page read
(uncompressed: a file share sends no gzip), and the network is not throttled (the CPU is).

A measurement, not a test. Results go to benchmarks/out/search-<date>.json and a Markdown table.
"""

from __future__ import annotations

import argparse
import datetime
import functools
import gzip
import http.server
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Iterator
from contextlib import contextmanager

from competency_hub.cli.sample import generate_sample

HERE = Path(__file__).resolve().parent
RESULTS_DIR = HERE / "out"
SIZES = {"XS": (20, 60, 200), "S": (100, 300, 1_000), "M": (300, 900, 3_000), "L": (1_000, 3_000, 10_000)}
QUERIES = ("handover", "feedback")
"""The first query (cold) and the second (warm); words of the sample's word banks."""
NETWORK = {"offline": False, "latency": 20, "downloadThroughput": 20_000_000 / 8, "uploadThroughput": 10_000_000 / 8}
"""20 Mbit/s down, 10 up, 20 ms: an office network or good 4G."""
CHROMIUM = "/usr/bin/chromium"
PAGEFIND_LOG = re.compile(r"search index written in ([\d.]+) s \(pagefind, peak memory (?:≤ )?(\d+) MB\)")


SENT: list[tuple[str, int]] = []
"""(path, bytes) of every response the server sent: counted here, not through the page's DevTools
session, which does not see the requests of web workers (where Pagefind fetches its index)."""
SEARCH_FILES = re.compile(r"/pagefind/|competency-hub/search\.js|/search/|search_index|workers/search|lunr|iframe-worker")


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as a web server would: gzip-compressed when the browser accepts it."""

    def log_message(self, *args: Any) -> None:
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if not path.is_file() or "gzip" not in self.headers.get("Accept-Encoding", ""):
            SENT.append((self.path, path.stat().st_size if path.is_file() else 0))
            return super().send_head()
        body = gzip.compress(path.read_bytes(), compresslevel=6)
        SENT.append((self.path, len(body)))
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        import io

        return io.BytesIO(body)


@contextmanager
def serve(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def build(root: Path, site: Path, engine: str, offline: bool = False) -> dict[str, Any]:
    config = root / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = re.sub(r"\n      search: \w+", "", text)
    text = text.replace("  - competency-hub:\n", f"  - competency-hub:\n      search: {engine}\n", 1)
    if f"search: {engine}" not in text:
        text = text.replace("  - competency-hub\n", f"  - competency-hub:\n      search: {engine}\n", 1)
    config.write_text(text, encoding="utf-8")
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "-d", str(site)],
        cwd=root,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **({"HUB_OFFLINE": "true"} if offline else {})},
    )
    wall = time.perf_counter() - started
    if done.returncode != 0:
        sys.exit(f"mkdocs build failed:\n{done.stderr[-4000:]}")
    result: dict[str, Any] = {"build_s": round(wall, 1)}
    found = PAGEFIND_LOG.search(done.stderr + done.stdout)
    if found:
        result["index_s"], result["index_peak_mb"] = float(found[1]), int(found[2])
    result["pages"] = sum(1 for _ in site.rglob("*.html"))
    return result


def _renderer_rss(tag: str) -> int:
    """Resident memory (bytes) of the largest Chromium renderer process (the tab) below the browser started with
    `tag` in its environment (renderers are sandboxed: their own environment cannot be read)."""
    parents: dict[int, int] = {}
    renderers: list[int] = []
    tagged: set[int] = set()
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        pid = int(proc.name)
        try:
            parents[pid] = int((proc / "stat").read_text().rsplit(")", 1)[1].split()[1])
            if b"--type=renderer" in (proc / "cmdline").read_bytes():
                renderers.append(pid)
            elif tag.encode() in (proc / "environ").read_bytes():
                tagged.add(pid)
        except (OSError, ValueError, IndexError):
            continue
    total = 0
    for pid in renderers:
        ancestor = parents.get(pid)
        while ancestor and ancestor not in tagged:
            ancestor = parents.get(ancestor)
        if not ancestor:
            continue
        try:
            found = re.search(r"VmRSS:\s+(\d+) kB", Path(f"/proc/{pid}/status").read_text())
        except OSError:
            continue
        total = max(total, int(found[1]) * 1024 if found else 0)
    return total


def measure(base: str, cpu: float) -> dict[str, Any]:
    """One cold-cache run on `base`: a served site (http://) or a file-share copy (file://, where bytes are
    the sizes on disk of the search files the page loaded, and the network is not throttled)."""
    from playwright.sync_api import sync_playwright

    tag = f"SEARCH_BENCH_{uuid.uuid4().hex}"
    peak = [0]
    sampling = threading.Event()

    def sample() -> None:
        while not sampling.is_set():
            peak[0] = max(peak[0], _renderer_rss(tag))
            time.sleep(0.05)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, env={**os.environ, tag: "1"})
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        cdp = page.context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})
        cdp.send("Network.emulateNetworkConditions", NETWORK)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": cpu})
        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        SENT.clear()
        if base.startswith("file:"):
            root = Path(base[len("file://") :])
            page.on("request", lambda request: SENT.append((request.url[len(base) - 1 :], _disk_size(root, request.url, base))))
        page.goto(base + ("index.html" if base.startswith("file:") else ""), wait_until="load")
        results = []
        for query in QUERIES:
            box = page.locator("input.md-search__input")
            box.click()
            box.fill("")
            started = time.perf_counter()
            box.press_sequentially(query)
            page.wait_for_function(
                "q => document.querySelector('[data-hub-search]') ? document.querySelector('[data-hub-search]').dataset.hubSearchDone === q"
                " : document.querySelectorAll('.md-search-result__item').length > 0",
                arg=query,
                timeout=180_000,
                polling=20,
            )
            results.append(round(time.perf_counter() - started, 2))
            if query == QUERIES[0]:
                searched = [size for path, size in list(SENT) if SEARCH_FILES.search(path)]
                first_bytes = sum(searched)
                first_files = len(searched)
            page.keyboard.press("Escape")
            page.wait_for_timeout(300)
        sampling.set()
        sampler.join()
        browser.close()
    return {
        "first_result_s": results[0],
        "second_result_s": results[1],
        "search_kb_gzip": round(first_bytes / 1024),
        "search_requests": first_files,
        "peak_tab_mb": round(peak[0] / 2**20),
    }


def _disk_size(root: Path, url: str, base: str) -> int:
    """Bytes on disk of a file:// URL below the site (a file-share copy reads files, uncompressed)."""
    if not url.startswith(base):
        return 0
    path = root / url[len(base) :].split("?")[0].split("#")[0]
    return path.stat().st_size if path.is_file() else 0


def table(rows: list[dict[str, Any]]) -> str:
    out = [
        "| Size | Pages | Engine | Build (s) | Index (s) | Index peak (MB) | Bytes before the first result (gzip; from file:// on disk) | Typing → first result | Second query | Peak tab memory |",
        "|---|---:|---|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        out.append(
            f"| {row['size']} | {row['pages']:,} | {row['engine']} | {row['build_s']} | {row.get('index_s', '–')} | "
            f"{row.get('index_peak_mb', '–')} | {row['search_kb_gzip']:,} KB ({row['search_requests']} files) | "
            f"{row['first_result_s']} s | {row['second_result_s']} s | {row['peak_tab_mb']} MB |"
        )
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", nargs="+", default=["S"], choices=sorted(SIZES))
    parser.add_argument("--cpu", type=float, default=2.0, help="CPU slow-down factor (Emulation.setCPUThrottlingRate)")
    parser.add_argument("--repeat", type=int, default=3, help="browser runs per site; the median is reported")
    parser.add_argument("--file-share", action="store_true", help="also build the file-share copy (HUB_OFFLINE=true) and search it from file://")
    parser.add_argument("--engines", nargs="*", default=["material", "pagefind"], choices=["material", "pagefind"])
    parser.add_argument("--reuse", action="store_true", help="measure the sites already built in --work again (no build)")
    parser.add_argument("--work", type=Path, help="keep the sample hubs and sites here (default: a temporary folder)")
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory(prefix="search-bench-") as tmp:
        work = args.work or Path(tmp)
        for size in args.sizes:
            root = work / size / "hub"
            if not (root / "mkdocs.yml").exists():
                generate_sample(root, *SIZES[size])
            modes = [(engine, False) for engine in args.engines] + ([("file-share", True)] if args.file_share else [])
            for engine, offline in modes:
                site = work / size / f"site-{engine}"
                if args.reuse and site.is_dir():
                    built = {"build_s": "–", "pages": sum(1 for _ in site.rglob("*.html"))}
                else:
                    built = build(root, site, "pagefind" if offline else engine, offline=offline)
                runs = []
                if offline:
                    for _ in range(args.repeat):
                        runs.append(measure(site.resolve().as_uri() + "/", args.cpu))
                else:
                    with serve(site) as base:
                        for _ in range(args.repeat):
                            runs.append(measure(base, args.cpu))
                median = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
                row = {"size": size, "engine": engine, **built, **median}
                rows.append(row)
                print(json.dumps(row), flush=True)
    RESULTS_DIR.mkdir(exist_ok=True)
    stamp = datetime.datetime.now(datetime.timezone.utc).strftime("%Y%m%d-%H%M%S")
    (RESULTS_DIR / f"search-{stamp}.json").write_text(json.dumps({"cpu": args.cpu, "network": NETWORK, "rows": rows}, indent=2))
    print(table(rows))


if __name__ == "__main__":
    main()
