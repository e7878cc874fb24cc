"""Fixtures: one strict build of the real site and one of the tiny fixture ladder per session,
private copies for tests that change them, and Chromium for the browser tests.

Tests of the real site check properties of whatever the data file says; tests of behaviour (errors,
releases, aliases, badges, browser tools) run on the tiny ladder in tests/fixtures/tiny, whose ids
and wording they may name.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ladder import load_ladder
from ladder.routes import Routes, page_url
from tools import chromium
from tools.project import (
    DATA_FILE,
    ROOT,
    copy_of_the_site,
    mkdocs_build,
    site_config,
    tiny_ladder,
    warnings_in,
)
from tools.serve import serve
from tools.site import BuiltSite

CONFIG = site_config()
# Every page a reader can open, known before the build so that tests can be parametrized by page.
READER_PAGES = sorted(
    page_url(path.relative_to(ROOT / "docs").as_posix()) for path in (ROOT / "docs").rglob("*.md")
)
READER_PAGES += ["404.html"]


def pytest_generate_tests(metafunc):
    """A test that takes `reader_page` runs once for every page of the site."""
    if "reader_page" in metafunc.fixturenames:
        metafunc.parametrize("reader_page", READER_PAGES)


def _build(project: Path, out: Path) -> BuiltSite:
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    assert not warnings_in(result.stderr), result.stderr
    return BuiltSite(out)


@pytest.fixture(scope="session")
def reader_pages() -> list[str]:
    """The URL of every page of the site, as the tests that run once per page know them."""
    return READER_PAGES


@pytest.fixture(scope="session")
def config() -> dict:
    """The real mkdocs.yml, as data."""
    return CONFIG


@pytest.fixture(scope="session")
def site_url() -> str:
    return CONFIG["site_url"]


@pytest.fixture(scope="session")
def routes() -> Routes:
    """Which page shows what, as mkdocs.yml says."""
    return Routes.from_config(CONFIG["extra"]["ladder_pages"])


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> BuiltSite:
    """The real site, built strictly with no warning."""
    return _build(ROOT, tmp_path_factory.mktemp("site"))


@pytest.fixture(scope="session")
def ladder():
    """The real ladder, as the data file says today."""
    return load_ladder(ROOT / DATA_FILE)


@pytest.fixture(scope="session")
def tiny(tmp_path_factory) -> BuiltSite:
    """The tiny fixture ladder, built strictly with no warning."""
    project = tiny_ladder(tmp_path_factory.mktemp("tiny"))
    return _build(project, project.parent / "site")


@pytest.fixture
def tiny_project(tmp_path) -> Path:
    """A private copy of the tiny ladder's project, for a test to change and build."""
    return tiny_ladder(tmp_path)


@pytest.fixture
def site_project(tmp_path) -> Path:
    """A private copy of the real site's sources, for a test to change and build."""
    return copy_of_the_site(tmp_path)


# --- Browser tests: built sites served on loopback, driven by Chromium through Playwright. ---


@pytest.fixture(scope="session")
def base_url(site):
    with serve(site.root) as url:
        yield url


@pytest.fixture(scope="session")
def tiny_url(tiny):
    with serve(tiny.root) as url:
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
