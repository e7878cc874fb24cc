"""Text from the data file is shown as text: HTML, script and `javascript:` URLs never run."""

from __future__ import annotations

import json
import re

import pytest

from conftest import Site, copy_project, edit_data, item, mkdocs_build, serve

HOSTILE = {
    "name": "Stats & \"R\" <script>alert('name')</script> *bold* [x](javascript:alert(1))",
    "summary": "<img src=x onerror=\"alert('summary')\"> and <b>bold</b>",
    "expectation": "[click me](javascript:alert('expectation')) <iframe src=javascript:alert(3)></iframe>",
    "evidence": "<a href=\"javascript:alert('evidence')\">evidence</a>",
    "level": "Senior <svg onload=alert('level')>",
}


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Site:
    project = copy_project(tmp_path_factory.mktemp("hostile"))

    def poison(data):
        statistics = item(data, "skills", "statistics")
        statistics.update(name=HOSTILE["name"], summary=HOSTILE["summary"], evidence=[HOSTILE["evidence"]])
        statistics["expectations"]["senior"] = HOSTILE["expectation"]
        item(data, "levels", "senior")["name"] = HOSTILE["level"]

    edit_data(project, poison)
    out = project.parent / "site"
    result = mkdocs_build(project, out)
    assert result.returncode == 0, result.stderr
    return Site(out)


PAGES = ["skills/", "levels/senior/", "levels/", "responsibilities/", ""]


@pytest.mark.parametrize("url", PAGES)
def test_no_markup_from_data_reaches_the_dom(hostile_site, url):
    soup = hostile_site.soup(url)
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.startswith("on"), tag
            if attribute in {"href", "src"}:
                assert not str(value).strip().lower().startswith("javascript:"), tag
    assert not soup.find_all(["iframe", "svg"], attrs={"onload": True})
    assert not soup.select("article img[src=x]")


def test_data_text_is_shown_literally(hostile_site):
    skills = hostile_site.soup("skills/")
    heading = skills.find(id="skill-statistics")
    assert HOSTILE["name"] in heading.get_text()
    article = skills.find("article").get_text()
    for key in ("summary", "expectation", "evidence", "level"):
        assert HOSTILE[key] in article, key
    toc = skills.select_one("nav.md-nav--secondary").get_text()
    assert HOSTILE["name"] in " ".join(toc.split())
    senior = hostile_site.soup("levels/senior/")
    assert HOSTILE["level"] in senior.find("h1").get_text()


def test_search_index_holds_escaped_text(hostile_site):
    index = json.loads((hostile_site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    blob = json.dumps(index)
    assert "<script>alert" not in blob and "onerror=" not in blob.replace('onerror=\\"', "")


def test_nothing_runs_in_a_browser(hostile_site, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(hostile_site.root) as base:
        for url in PAGES:
            page.goto(base + url)
            page.wait_for_load_state("load")
        page.goto(base + "skills/#skill-statistics--senior")
        page.get_by_role("button", name=re.compile(r"^Copy link to Stats & .*<script>")).first.click()
    assert dialogs == []
