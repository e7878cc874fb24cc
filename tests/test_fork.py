"""A fork publishes itself under a sub-path, such as https://someone.github.io/fork/: every link,
anchor, address and export of the build names the fork, and the pages work when served there."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from playwright.sync_api import expect

from tools.project import build, tiny_ladder
from tools.serve import serve
from tools.site import BuiltSite

FORK_URL = "https://someone.example/fork/"
FORK_REPO = "https://example.com/someone/fork"


@pytest.fixture(scope="session")
def fork(shared) -> BuiltSite:
    """The tiny ladder built for a fork, in `served/fork/`: `served/` stands for the host's root."""

    def make(out):
        env = {"LADDER_SITE_URL": FORK_URL, "LADDER_REPO_URL": FORK_REPO}
        build(tiny_ladder(out), out / "served" / "fork", env=env)
        # Pages serves the project site's 404 page for any unknown address under it.
        shutil.copy(out / "served" / "fork" / "404.html", out / "served" / "404.html")

    return BuiltSite(shared("fork", make) / "served" / "fork", root_path="/fork/")


def test_every_link_and_anchor_resolves_under_the_sub_path(fork: BuiltSite):
    assert fork.broken_links() == []


def test_every_address_the_build_writes_is_the_forks(fork: BuiltSite):
    for page in fork.reader_pages():
        canonical = page.soup.find("link", rel="canonical")
        if page.url != "404.html":
            assert canonical["href"].startswith(FORK_URL), page.url
        assert page.soup.find("meta", property="og:image")["content"].startswith(FORK_URL), page.url
        assert page.soup.find("meta", attrs={"name": "ladder-root"})["content"] == FORK_URL
        for link in page.soup.select("a[href^='https://']"):
            assert "ml-ladder/ml-engineer-ladder" not in link["href"], (page.url, link["href"])
    rows = list(csv.DictReader(io.StringIO((fork.root / "data" / "ladder-expectations.csv").read_text())))
    assert rows and all(row["url"].startswith(FORK_URL) for row in rows)
    assert f"Sitemap: {FORK_URL}sitemap.xml" in (fork.root / "robots.txt").read_text(encoding="utf-8")
    sitemap = (fork.root / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" in sitemap and all(loc.startswith(FORK_URL) for loc in sitemap.split("<loc>")[1:])


def test_the_pages_work_when_served_under_the_sub_path(browser, fork: BuiltSite):
    context = browser.new_context()
    page = context.new_page()
    missing = []  # what a page asked for and the server did not have; leaving a page aborts the rest
    page.on("response", lambda response: response.status >= 400 and missing.append(response.url))
    with serve(fork.root.parent) as base:
        page.goto(base + "fork/nowhere/")
        expect(page.locator("h1")).to_be_visible()
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        page.goto(base + "fork/skills/old-beta/")  # an old id's page forwards to the item that took it
        page.wait_for_url("**/fork/skills/beta/")
        page.goto(base + "fork/self-assessment/middle/")
        page.locator("label", has=page.locator("input[value=consistently]")).first.click()
        keys = page.evaluate("Object.keys(localStorage)")  # Material keeps its own, scoped the same way
        assert [key for key in keys if key.startswith("ladder:")] == ["ladder:/fork/:self-assessment"]
        page.goto(base + "fork/?q=alpha")
        page.locator(".md-search-result__item").first.wait_for()
        href = page.locator(".md-search-result__item a").first.get_attribute("href")
        assert "/fork/" in href
    context.close()
    assert [url for url in missing if not url.endswith("/fork/nowhere/")] == []
