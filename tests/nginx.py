"""A real nginx on 127.0.0.1, configured with the example of docs/guide/nginx-learning-hub.conf.

The example is used as written, with three substitutions (port, host name, folder), so the test
checks the file that hosts copy. nginx runs as the current user with its prefix, pid, logs and
temporary folders in a test folder; it is Debian's package, installed by `make test`.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

import pytest
from serving import free_port

EXAMPLE = Path(__file__).resolve().parents[1] / "docs" / "guide" / "nginx-learning-hub.conf"
SUB_PATH = "/learning/hub/"
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
MIME_TYPES = Path("/etc/nginx/mime.types")


def server_block(site: Path, port: int) -> str:
    """The documented example, pointed at `site` and a local port."""
    text = EXAMPLE.read_text(encoding="utf-8")
    for old, new in (
        ("listen 80;", f"listen 127.0.0.1:{port};"),
        ("server_name intranet.example.org;", "server_name 127.0.0.1;"),
        ("/srv/learning-hub/site/", f"{site.resolve()}/"),
    ):
        assert old in text, f"{EXAMPLE.name} no longer contains {old!r}: update the docs and this test together"
        text = text.replace(old, new)
    return text


def _wait_until_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    for _ in range(200):  # bounded: 200 tries, 25 ms apart
        if process.poll() is not None:
            pytest.fail(f"nginx stopped at start: {log.read_text(errors='replace') if log.exists() else ''}")
        with socket.socket() as probe:
            if probe.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.025)
    pytest.fail(f"nginx did not listen on port {port}")


@contextmanager
def serve_with_nginx(site: Path, work: Path) -> Iterator[str]:
    """nginx serving `site` at /learning/hub/ on a free port; yields the hub's base URL."""
    if not Path(NGINX).exists() or not MIME_TYPES.exists():
        pytest.fail("nginx is missing: run `make test`, which installs Debian's nginx-light package")
    work.mkdir(parents=True, exist_ok=True)
    for folder in ("logs", "temp"):
        (work / folder).mkdir(exist_ok=True)
    port = free_port()
    user = "user root;\n" if os.geteuid() == 0 else ""  # workers may read the test folder, private to its owner
    (work / "nginx.conf").write_text(
        f"{user}daemon off;\nworker_processes 1;\npid {work}/nginx.pid;\nerror_log {work}/logs/error.log warn;\n"
        "events { worker_connections 64; }\n"
        "http {\n"
        f"  include {MIME_TYPES};\n  default_type application/octet-stream;\n  access_log off;\n"
        + "".join(f"  {kind}_temp_path {work}/temp/{kind};\n" for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
        + server_block(site, port)
        + "\n}\n",
        encoding="utf-8",
    )
    log = work / "logs" / "error.log"
    process = subprocess.Popen(
        [NGINX, "-p", str(work), "-e", str(log), "-c", str(work / "nginx.conf")],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_until_listening(port, process, log)
        yield f"http://127.0.0.1:{port}{SUB_PATH}"
    finally:
        process.terminate()
        process.wait(timeout=30)
