"""Text from the data file is shown as text: HTML, Markdown, scripts and `javascript:` URLs never run
or render, in the page, the table of contents and the search index alike. (Names may not hold `<` or
`>` at all: see test_data_file.)"""

from __future__ import annotations

import html
import json
import re

import pytest

from tools.project import build, edit_data, entry, tiny_ladder
from tools.serve import serve
from tools.site import BuiltSite, squeeze

HOSTILE = {
    "name": 'Stats & "R" *bold* _under_ `code` [x](javascript:alert(1)) {: #hijack } \\ # done',
    "summary": "<img src=x onerror=\"alert('summary')\"> and <b>bold</b>",
    "expectation": "[click me](javascript:alert('expectation')) <iframe src=javascript:alert(3)></iframe>",
    "evidence": "<a href=\"javascript:alert('evidence')\">evidence</a>",
    "level": "Middle & *strong* [level](javascript:alert('level'))",
}


@pytest.fixture(scope="session")
def hostile(shared) -> BuiltSite:
    def make(out):
        project = tiny_ladder(out)

        def poison(data):
            alpha = entry(data, "skills", "alpha")
            alpha.update(name=HOSTILE["name"], summary=HOSTILE["summary"])
            alpha["expectations"]["middle"].update(text=HOSTILE["expectation"], evidence=HOSTILE["evidence"])
            entry(data, "levels", "middle")["name"] = HOSTILE["level"]

        edit_data(project, poison)
        build(project, out / "site")

    return BuiltSite(shared("hostile", make) / "site")


MARKED_UP = {"bold", "under", "code", "strong", "x", "level"}
PAGES = [
    "skills/",
    "skills/alpha/",
    "levels/middle/",
    "levels/",
    "responsibilities/",
    "compare/",
    "self-assessment/middle/",
    "glance/",
    "",
]


@pytest.mark.parametrize("url", PAGES)
def test_no_markup_from_data_reaches_the_dom(hostile, url):
    soup = hostile.soup(url)
    assert not [s for s in soup.find_all("script") if "alert" in s.get_text()]
    for tag in soup.find_all(True):
        for attribute, value in tag.attrs.items():
            assert not attribute.startswith("on"), tag
            if attribute in {"href", "src"}:
                assert not str(value).strip().lower().startswith("javascript:"), tag
    article = soup.find("article")
    assert not article.find_all("iframe") and not article.select("img[src=x]")
    rendered = [tag for tag in article.find_all(["em", "strong", "code", "b"]) if tag.get_text() in MARKED_UP]
    assert rendered == [], "Markdown or HTML from the data was rendered"
    assert not soup.find(id="hijack")


def test_data_text_is_shown_literally_in_the_page_and_the_table_of_contents(hostile):
    skills = hostile.soup("skills/")
    heading = skills.find(id="skill-alpha")
    assert heading.get_text().removesuffix("¶") == HOSTILE["name"]
    article = squeeze(hostile.soup("skills/alpha/").find("article").get_text())
    for key in ("summary", "expectation", "evidence", "level"):
        assert squeeze(HOSTILE[key]) in article, key
    toc = [squeeze(link.get_text()) for link in skills.select("nav.md-nav--secondary a")]
    assert squeeze(HOSTILE["name"]) in toc
    middle = hostile.soup("levels/middle/")
    assert middle.find("h1").get_text().removesuffix("¶") == HOSTILE["level"]


def test_search_shows_the_name_as_written(hostile):
    docs = json.loads((hostile.root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    titles = {doc["location"]: doc["title"] for doc in docs}
    # Material shows a title as HTML: escaped, with no tag, it reads exactly as the name is written.
    title = titles["skills/#skill-alpha"]
    assert "<" not in title and html.unescape(title) == HOSTILE["name"]
    blob = json.dumps(docs)
    assert "<script>alert" not in blob and "onerror=" not in blob.replace('onerror=\\"', "")


def test_nothing_runs_in_a_browser(hostile, page):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    with serve(hostile.root) as base:
        for url in PAGES:
            page.goto(base + url)
            page.wait_for_load_state("load")
        page.goto(base + "skills/#skill-alpha--middle")
        page.get_by_role("button", name=re.compile(r"^Copy link to Stats & ")).first.click()
        page.goto(base + "skills/alpha/#skill-alpha--middle")
        page.get_by_role("button", name=re.compile(r"^Cite Stats & ")).first.click()
        page.goto(base + "?q=Stats")  # Material opens search with this query
        result = page.locator(".md-search-result__link[href$='#skill-alpha']").first
        result.wait_for()
        assert squeeze(result.inner_text()).startswith(squeeze(HOSTILE["name"]))
    assert dialogs == []
