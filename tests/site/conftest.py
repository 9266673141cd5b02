"""Fixtures of the site tests: the built site (student and instructor) and a local server.

The site is always built into a temporary folder, never into the repository.
"""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import socket
import subprocess
import sys
import threading
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]


def load_module(relative_path: str) -> ModuleType:
    """Import ROOT/relative_path by file path, under a private name."""
    name = "_site_tests_" + relative_path.replace("/", "_").removesuffix(".py")
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, ROOT / relative_path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # dataclasses look their module up by name
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def course() -> ModuleType:
    return load_module("grader/course.py")


def build_site(out_dir: Path, **env: str) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` from the repository root into out_dir."""
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out_dir)],
        cwd=ROOT,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
        capture_output=True,
        text=True,
        timeout=600,
    )


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="session")
def site_url() -> str:
    """Where the test server will serve the site: the build must know it.

    Material's instant navigation follows only the links of its sitemap, whose
    URLs come from site_url; on another port every click would reload the page.
    """
    return f"http://127.0.0.1:{free_port()}/"


@pytest.fixture(scope="session")
def site_build(tmp_path_factory, site_url) -> tuple[Path, subprocess.CompletedProcess]:
    out = tmp_path_factory.mktemp("site")
    return out, build_site(out, COURSE_INSTRUCTOR="0", COURSE_SITE_URL=site_url)


@pytest.fixture(scope="session")
def site(site_build) -> Path:
    """The student site, built strictly; fails every test that needs it if the build failed."""
    out, result = site_build
    assert result.returncode == 0, f"mkdocs build --strict failed:\n{result.stdout}\n{result.stderr}"
    return out


@pytest.fixture(scope="session")
def instructor_site(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("instructor-site")
    result = build_site(out, COURSE_INSTRUCTOR="1")
    assert result.returncode == 0, f"instructor build failed:\n{result.stdout}\n{result.stderr}"
    return out


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site as a static host does: a missing address gets the site's
    own 404 page (the root's, whatever the language), with status 404."""

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass

    def send_error(self, code, message=None, explain=None):
        page = Path(self.directory) / "404.html"
        if code != 404 or not page.is_file():
            super().send_error(code, message, explain)
            return
        body = page.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)


@pytest.fixture(scope="session")
def server(site, site_url):
    """Serve the built site at its site_url (127.0.0.1, a free port) for the session."""
    handler = functools.partial(QuietHandler, directory=str(site))
    port = int(site_url.rsplit(":", 1)[1].strip("/"))
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/"
    finally:
        httpd.shutdown()
        httpd.server_close()
