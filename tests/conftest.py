"""Fixtures: one strict build of the real site and one of the tiny fixture ladder per test session,
shared by every worker of a parallel run (pytest-xdist), private copies for tests that change them,
and Chromium for the browser tests.

Tests of the real site check properties of whatever the data file says; tests of behaviour (errors,
releases, aliases, marks, browser tools) run on the tiny ladder in tests/fixtures/tiny, whose ids
and wording they may name.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from filelock import FileLock

from ladder.site import LadderSite
from tools import chromium, project
from tools.forked_builds import Builder
from tools.project import (
    ROOT,
    build,
    copy_of_the_site,
    generated_kinds,
    page_kinds,
    tiny_ladder,
    written_pages,
)
from tools.serve import serve
from tools.site import BuiltSite

# Every build of the session, of the real site or of a copy of it, reuses the preview cards and the
# compiled templates that the others made (cache_dir in ladder/config.py).
os.environ.setdefault("LADDER_CACHE", str(ROOT / ".cache"))

PAGE_KINDS = page_kinds()
# Pages the tiny ladder has retired ids on (aliases of a skill and of a level), beside its kinds.
TINY_ALIASES = ["skills/", "skills/beta/", "levels/", "levels/middle/"]


def tiny_kinds() -> list[str]:
    """One page of each generated kind on the tiny ladder, and the pages that carry its retired ids."""
    with tempfile.TemporaryDirectory() as directory:
        kinds = generated_kinds(tiny_ladder(Path(directory)))
    return [*kinds, *(url for url in TINY_ALIASES if url not in kinds)]


def pytest_generate_tests(metafunc):
    """A test that takes `page_kind` runs once for one page of each kind (PAGE_KINDS); one that takes
    `written_page`, once for each page written by hand; one that takes `tiny_kind`, once for each
    generated kind of page on the tiny ladder."""
    if "page_kind" in metafunc.fixturenames:
        metafunc.parametrize("page_kind", PAGE_KINDS)
    if "written_page" in metafunc.fixturenames:
        metafunc.parametrize("written_page", written_pages())
    if "tiny_kind" in metafunc.fixturenames:
        metafunc.parametrize("tiny_kind", tiny_kinds())


@pytest.fixture(scope="session", name="page_kinds")
def page_kinds_fixture() -> list[str]:
    return PAGE_KINDS


@pytest.fixture(scope="session", autouse=True)
def forked_builds():
    """Each worker's builds fork from one process that has imported MkDocs (tools/forked_builds.py),
    which starts importing it at once, while the first tests run."""
    project.forked = Builder()
    project.forked.start()
    yield
    project.forked.stop()
    project.forked = None


@pytest.fixture(scope="session")
def shared(tmp_path_factory, worker_id) -> Callable[[str, Callable[[Path], None]], Path]:
    """`shared(name, make)`: the directory `make` fills, made once per session whichever worker of a
    parallel run asks first; the others wait for it."""
    base = tmp_path_factory.getbasetemp()
    root = base.parent if worker_id != "master" else base

    def once(name: str, make: Callable[[Path], None]) -> Path:
        target = root / name
        with FileLock(f"{target}.lock"):
            if not (target / ".made").exists():
                target.mkdir(parents=True, exist_ok=True)
                make(target)
                (target / ".made").touch()
        return target

    return once


@pytest.fixture(scope="session")
def site(shared) -> BuiltSite:
    """The real site, built strictly with no warning."""
    return BuiltSite(shared("site", lambda out: build(ROOT, out / "site")) / "site")


@pytest.fixture(scope="session")
def ladder_site() -> LadderSite:
    """The real site's settings and data, as the build reads them."""
    return LadderSite.load(ROOT / "mkdocs.yml")


@pytest.fixture(scope="session")
def ladder(ladder_site):
    """The real ladder, as the data file says today."""
    return ladder_site.ladder


@pytest.fixture(scope="session")
def routes(ladder_site):
    """Which page shows what, as mkdocs.yml says."""
    return ladder_site.routes


@pytest.fixture(scope="session")
def site_url(ladder_site) -> str:
    return ladder_site.config.site_url


@pytest.fixture(scope="session")
def tiny(shared) -> BuiltSite:
    """The tiny fixture ladder, built strictly with no warning."""

    def make(out: Path) -> None:
        project = tiny_ladder(out)
        build(project, out / "site")

    return BuiltSite(shared("tiny", make) / "site")


@pytest.fixture(scope="session")
def tiny_ladder_site(tiny) -> LadderSite:
    return LadderSite.load(tiny.root.parent / "tiny" / "mkdocs.yml")


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    """A private copy of the tiny ladder's project, for a test to change and build."""
    return tiny_ladder(tmp_path)


@pytest.fixture
def site_project(tmp_path) -> Path:
    """A private copy of the real site's sources, for a test to change and build."""
    return copy_of_the_site(tmp_path)


# --- Browser tests: built sites served on loopback, driven by Chromium through Playwright. ---


# Pages served at `base_url` and `tiny_url` find nothing in search (tools/serve.py): a test that
# searches reads the real site at `search_url`.


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site.root, search_documents=False) as url:
        yield url


@pytest.fixture(scope="session")
def search_url(site):
    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def tiny_url(tiny):
    with serve(tiny.root, search_documents=False) as url:
        yield url


@pytest.fixture(scope="session")
def browser():
    problem = chromium.missing()
    if problem:
        pytest.exit(problem, returncode=1)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser page that fails the test on any console error or uncaught exception."""
    context = browser.new_context(permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda message: message.type == "error" and errors.append(message.text))
    yield page
    context.close()
    assert not errors, errors
