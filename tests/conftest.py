"""One strict build of the real site per test session, plus helpers for small throw-away projects."""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
import yaml
from bs4 import BeautifulSoup

from ladder import load_ladder
from ladder.render import page_url

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import chromium  # noqa: E402 (tools/ is not a package)
from chromium import is_redirect_stub, load_material, settle  # noqa: E402, F401 (for the tests)

DATA_FILE = "docs/data/ladder.yml"
PROJECT_FILES = ("mkdocs.yml", "macros.py", "ladder", "docs", "overrides")


def mkdocs_build(project: Path, site: Path, strict: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", *(["--strict"] if strict else []), "--site-dir", str(site)],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )


def warnings_in(output: str) -> list[str]:
    return re.findall(r"^WARNING .*$", output, flags=re.MULTILINE)


class Site:
    """The built HTML of one project, read as a reader's browser would get it."""

    def __init__(self, root: Path):
        self.root = root

    def html(self, url: str) -> str:
        path = self.root / url.lstrip("/")
        if url.endswith("/") or url == "":
            path = path / "index.html"
        return path.read_text(encoding="utf-8")

    def soup(self, url: str) -> BeautifulSoup:
        return BeautifulSoup(self.html(url), "lxml")

    def pages(self) -> list[Path]:
        return sorted(self.root.rglob("*.html"))


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Site:
    out = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, out)
    assert result.returncode == 0, result.stderr
    assert not warnings_in(result.stderr), result.stderr
    return Site(out)


@pytest.fixture(scope="session")
def ladder():
    return load_ladder(ROOT / DATA_FILE)


def copy_project(parent: Path) -> Path:
    """A private copy of the project that a test may break without touching the real one."""
    copy = parent / "project"
    copy.mkdir()
    for name in PROJECT_FILES:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, copy / name)
        else:
            shutil.copy2(source, copy / name)
    return copy


@pytest.fixture
def project(tmp_path) -> Path:
    return copy_project(tmp_path)


def edit_data(project: Path, change) -> None:
    """Apply `change` to the parsed data file of a project copy and write it back."""
    path = project / DATA_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def item(data: dict, section: str, item_id: str) -> dict:
    return next(entry for entry in data[section] if entry["id"] == item_id)


# --- Browser tests: the built site served on loopback, driven by Chromium through Playwright. ---


@contextlib.contextmanager
def serve(directory: Path):
    """Serve a built site on a free loopback port; yields its base URL."""

    class Quiet(SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Quiet, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium.executable(), args=list(chromium.FLAGS))
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    yield page
    context.close()
    assert not errors, errors


# --- Reader tests: every page a reader can open, Material's JavaScript, axe-core. ---

SITE_URL = "https://ml-engineer-ladder.org/"


# Every page of the site, known before the build so that tests can be parametrized by page.
READER_PAGES = sorted(
    page_url(path.relative_to(ROOT / "docs").as_posix()) for path in (ROOT / "docs").rglob("*.md")
)
READER_PAGES += ["404.html"]


def axe_violations(page) -> list[str]:
    """axe-core on the current page, WCAG 2.2 A and AA: one line per failing element."""
    return [
        f"{violation['id']}: {node['html'][:160]} — {node['failureSummary']}"
        for violation in chromium.axe_violations(page)
        for node in violation["nodes"]
    ]
