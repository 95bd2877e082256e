"""Running a hub under `mkdocs serve` for tests, and polling it over HTTP on 127.0.0.1."""

from __future__ import annotations

import datetime
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Mapping

from marks import require_mark


def free_port() -> int:
    """A TCP port nobody listens on right now, for a server the test starts."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def fetch(url: str) -> str | None:
    """The page's text, or None when it is missing or the server is not up yet."""
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(url: str, text: str, timeout: float = 90.0) -> bool:
    """Poll `url` until its page contains `text` (True), or give up after `timeout` seconds (False)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        body = fetch(url)
        if body is not None and text in body:
            return True
        time.sleep(0.3)
    return False


def real_clock(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment for `mkdocs serve`, on the machine's real clock when the suite runs under faketime.

    libfaketime breaks timed waits in threads (`threading.Event().wait(1)` never returns), and serve's
    file watcher polls with one, so under faketime serve would never see an edit. Serve then runs
    without libfaketime, and judges dates on the suite's (faked) day through COMPETENCY_HUB_TODAY,
    the tool's one clock, unless the test set a day itself.
    """
    if "FAKETIME" not in environ:
        return dict(environ)
    keep = {k: v for k, v in environ.items() if not k.startswith("FAKETIME")}
    preload = [lib for lib in keep.pop("LD_PRELOAD", "").split(":") if lib and "faketime" not in lib]
    if preload:
        keep["LD_PRELOAD"] = ":".join(preload)
    keep.setdefault("COMPETENCY_HUB_TODAY", datetime.date.today().isoformat())
    return keep


@contextmanager
def mkdocs_serve(root: Path, env: dict[str, str] | None = None, log: Path | None = None, args: tuple[str, ...] = ()) -> Iterator[str]:
    """`mkdocs serve` of the hub at `root` on a free local port; yields the base URL (no trailing slash).

    `env` adds environment variables, e.g. TMPDIR to know where serve writes the site it serves;
    `log` is a file that receives what serve prints (by default it is dropped); `args` are more
    options of `mkdocs serve` (e.g. `--dirty`).
    """
    require_mark("build", "`mkdocs serve`")
    port = free_port()
    output = log.open("wb") if log else subprocess.DEVNULL
    process = subprocess.Popen(
        [sys.executable, "-m", "mkdocs", "serve", "-f", str(root / "mkdocs.yml"), "-a", f"127.0.0.1:{port}", *args],
        cwd=root,
        env={**real_clock(os.environ), "NO_MKDOCS_2_WARNING": "1", **(env or {})},
        stdout=output,
        stderr=subprocess.STDOUT if log else subprocess.DEVNULL,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)
        if log:
            output.close()  # type: ignore[union-attr]
