"""What a reader gets: metadata and a sitemap, a 404 page with search, no other hosts, search,
dark mode, the mobile menu, print, and pages that neither scroll sideways nor log errors."""

from __future__ import annotations

import html
import json
import re
from urllib.parse import urljoin, urlsplit

import pytest
import yaml

from ladder.postbuild.versions import is_copy
from ladder.routes import page_url
from tools.chromium import load_material, settle
from tools.project import FAST_FIRST_PAINT, ROOT
from tools.site import BuiltSite

layer = pytest.mark.skipif(not FAST_FIRST_PAINT, reason="the fast first paint is switched off")


def meta(soup, key: str) -> str | None:
    tag = soup.find("meta", attrs={"name": key}) or soup.find("meta", attrs={"property": key})
    return tag["content"].strip() if tag and tag.get("content") else None


# --- The built HTML ---


def test_every_page_has_its_own_title_description_and_open_graph_tags(site: BuiltSite, site_url):
    titles, descriptions = {}, {}
    for page in site.reader_pages():
        url, soup = page.url, page.soup
        title = soup.title.get_text(strip=True)
        description = meta(soup, "description")
        assert title and description, url
        titles.setdefault(title, []).append(url)
        descriptions.setdefault(description, []).append(url)
        assert meta(soup, "og:title") and meta(soup, "og:description") == description, url
        assert meta(soup, "og:type") == "website" and meta(soup, "og:image").startswith(site_url), url
        assert soup.find("link", rel="icon")["href"], url
        if url != "404.html":
            assert meta(soup, "og:url") == site_url + url == soup.find("link", rel="canonical")["href"]
    assert [urls for urls in titles.values() if len(urls) > 1] == []
    assert [urls for urls in descriptions.values() if len(urls) > 1] == []


def test_every_page_written_by_hand_describes_itself_in_plain_text():
    """In its front matter, which every engine reads the same way; generated pages get theirs from the
    data (ladder/pages.py)."""
    for path in (ROOT / "docs").rglob("*.md"):
        front = yaml.safe_load(path.read_text(encoding="utf-8").split("---\n")[1])
        description = front.get("description", "")
        assert 40 <= len(description) <= 200, path
        assert not set(description) & set('<>"&'), path  # printed into an attribute as it is


def test_the_sitemap_lists_every_current_page_and_no_copy_of_a_version(
    site: BuiltSite, site_url, ladder_site
):
    listed = set(re.findall(r"<loc>(.*?)</loc>", (site.root / "sitemap.xml").read_text(encoding="utf-8")))
    copy = is_copy(ladder_site)
    assert listed == {
        site_url + page.url for page in site.reader_pages() if page.url != "404.html" and not copy(page.url)
    }
    assert any(copy(page.url) for page in site.reader_pages())


def test_the_404_page_has_the_site_around_it_and_offers_search(site: BuiltSite, site_url):
    soup = site.soup("404.html")
    assert soup.find("header", class_="md-header") and soup.find("nav", class_="md-nav--primary")
    form = soup.find("form", attrs={"role": "search"})
    assert urljoin(site_url + "no/such/page/", form["action"]) == site_url
    assert form.find("input", attrs={"name": "q"})
    assert soup.find("label", attrs={"for": form.find("input")["id"]})


def test_pages_refer_to_no_other_host_for_what_they_load(site: BuiltSite):
    for page in site.reader_pages():
        url, soup = page.url, page.soup
        loaded = [tag.get("src") for tag in soup.find_all(["script", "img", "iframe"])]
        loaded += [tag["href"] for tag in soup.find_all("link", href=True) if tag.get("rel") != ["canonical"]]
        assert [src for src in loaded if src and urlsplit(src).netloc] == [], url


@layer
def test_the_first_paint_waits_for_no_stylesheet_or_script(site: BuiltSite):
    head = site.soup("skills/").head
    assert head.find("link", rel="stylesheet") is None
    assert [script["src"] for script in head.find_all("script", src=True)] == []
    assert "--md-primary-fg-color" in "".join(style.get_text() for style in head.find_all("style"))


def test_search_finds_every_item_and_every_single_expectation_by_name(site: BuiltSite, ladder, routes):
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    found = {(doc["location"], html.unescape(doc["title"])) for doc in index["docs"]}
    for item in ladder.items():
        assert (f"{page_url(routes[item.kind])}#{item.anchor}", item.name) in found
        assert (page_url(routes.item(item)), item.name) in found
        for level in ladder.levels:
            page = page_url(routes.level(level))
            assert (f"{page}#{item.expectation_anchor(level.id)}", item.name) in found


def test_search_leads_to_each_expectation_in_full_and_not_to_the_tools_that_repeat_it(
    site: BuiltSite, ladder, routes
):
    """The self-assessments, the comparison and the glance repeat what the level and item pages hold in
    full: search leaves the repeats out, so a result leads to the whole expectation."""
    docs = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]

    def text_of(pages: set[str]) -> str:
        found = " ".join(doc["text"] for doc in docs if doc["location"].split("#")[0] in pages)
        return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", found)).split())

    assessments = {page_url(routes.assess(level)) for level in ladder.levels}
    assert [doc["location"] for doc in docs if doc["location"].split("#")[0] in assessments] == []
    tools = text_of({page_url(routes["compare"]), page_url(routes["glance"])})
    for level in ladder.levels:
        in_full = text_of({page_url(routes.level(level))})
        for item in ladder.items():
            expectation = item.at(level.id)
            if expectation:
                start, short = (
                    " ".join(re.sub(r"[`*_\[\]]|\(.*?\)", "", words).split()[:6])
                    for words in (expectation.text, expectation.short)
                )
                assert start in in_full, (item.id, level.id)
                assert start not in tools and short not in tools, (item.id, level.id)


# --- In Chromium ---


def test_a_page_downloads_the_script_of_a_tool_only_where_it_shows_the_tool(tiny):
    """The glance filter, compare and the self-assessment each bring their script with them; every
    other page runs ladder.js alone of the site's own scripts."""
    tools = {"glance": "glance.js", "compare": "compare.js", "assess": "assess.js"}
    loaded_anywhere = set()
    for page in tiny.reader_pages():
        ours = {
            address.rsplit("/", 1)[1]
            for tag, address in page.links()
            if tag == "script" and "/javascripts/" in address and "/bundle." not in address
        }
        shown = {script for tool, script in tools.items() if f"data-ladder-{tool}" in page.html}
        assert ours == {"ladder.js"} | shown, page.url
        loaded_anywhere |= ours
    assert loaded_anywhere == {"ladder.js", *tools.values()}


@layer
def test_materials_javascript_and_the_search_index_wait_for_a_first_interaction(page, base_url):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(base_url + "skills/")
    page.wait_for_load_state("networkidle")
    assert [url for url in requested if "/bundle." in url or "search_index" in url] == []
    with page.expect_request(lambda request: request.url.endswith("/search/search_index.json")):
        load_material(page)


def test_search_for_a_skill_and_open_the_result(page, search_url, ladder):
    skill = ladder.skills[-1]
    page.goto(search_url)
    search = page.get_by_role("textbox", name="Search")
    search.click()
    page.keyboard.type(skill.name)
    result = page.locator(f".md-search-result__link[href*='skills/'][href$='#{skill.anchor}']")
    result.first.click()
    page.wait_for_url(re.compile(rf"/skills/(\?[^#]*)?#{skill.anchor}$"))
    heading = page.locator(f"#{skill.anchor}")
    assert "ladder-target" in heading.get_attribute("class")
    assert heading.is_visible() and heading.bounding_box()["y"] < page.viewport_size["height"]


def test_the_404_page_searches_the_ladder(page, search_url, ladder):
    word = ladder.responsibilities[0].name.split()[0]
    page.goto(search_url + "404.html")
    page.get_by_label("Search the ladder").fill(word)
    page.get_by_role("button", name="Search", exact=True).click()
    page.wait_for_url(re.compile(rf"\?q={word}"))
    results = page.locator(".md-search-result__link[href*='responsibilities/']")
    results.first.wait_for()
    assert page.get_by_role("textbox", name="Search").input_value() == word


@pytest.mark.parametrize("system, scheme", [("light", "default"), ("dark", "slate")])
def test_the_theme_follows_the_system_and_a_choice_persists_across_pages(browser, base_url, system, scheme):
    context = browser.new_context(color_scheme=system)
    page = context.new_page()
    page.goto(base_url)
    body = page.locator("body")
    assert body.get_attribute("data-md-color-scheme") == scheme
    load_material(page)  # the toggle is Material's own, and shows once its script runs
    toggle = page.locator("[data-md-component=palette] label:visible")
    assert toggle.get_attribute("title") == "Switch to light mode"  # the system preference is on
    toggle.click()  # to light
    toggle = page.locator("[data-md-component=palette] label:visible")
    assert toggle.get_attribute("title") == "Switch to dark mode"
    toggle.click()  # to dark
    assert body.get_attribute("data-md-color-scheme") == "slate"
    page.goto(base_url + "skills/")
    assert body.get_attribute("data-md-color-scheme") == "slate"
    load_material(page)
    toggle = page.locator("[data-md-component=palette] label:visible")
    assert toggle.get_attribute("title") == "Switch to system preference"
    context.close()


def test_the_mobile_menu_opens_and_navigates(browser, base_url):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(base_url)
    drawer = page.locator(".md-sidebar--primary")
    link = drawer.get_by_role("link", name="Skills", exact=True)
    assert not link.is_visible()
    page.locator("label.md-header__button[for='__drawer']").click()
    link.click()
    page.wait_for_url(base_url + "skills/")
    assert page.locator("h1").inner_text().startswith("Skills")
    context.close()


def test_no_page_scrolls_sideways_on_a_360_pixel_phone(browser, base_url, page_kinds):
    context = browser.new_context(viewport={"width": 360, "height": 740}, has_touch=True, is_mobile=True)
    page = context.new_page()
    wide = {}
    for url in page_kinds:
        page.goto(base_url + url)
        width = page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth)")
        if width > 360:
            wide[url] = width
    context.close()
    assert wide == {}


# The elements of a page's content inside a block the browser skips while it is far from the screen
# (content-visibility: auto): in the page, but neither styled nor laid out yet.
SKIPPED = """() => [...document.querySelectorAll("article *")]
  .filter((e) => e.checkVisibility() && !e.checkVisibility({contentVisibilityAuto: true})).length"""
# Whether a block that waits to be drawn starts two screens or more below the top of the page.
FAR_BELOW = "[...document.querySelectorAll('.ladder-lazy')].some((e) => e.offsetTop > 2 * innerHeight)"
# Where every element of the content is; with `contained`, as if each block that waits to be drawn
# (ladder-lazy) still held its contents in, as it does until drawn.
BOXES = """(contained) => {
  const style = document.head.appendChild(document.createElement("style"));
  style.textContent = contained ? ".ladder-lazy { contain: layout style paint !important; }" : "";
  const boxes = [...document.querySelectorAll("article *")].map((e) => {
    const box = e.getBoundingClientRect();
    return [e.tagName, e.id, box.top + scrollY, box.left, box.width, box.height].join(" ");
  });
  style.remove();
  return boxes;
}"""


def test_a_phone_paints_a_long_page_without_laying_it_all_out_first(browser, base_url, page_kinds):
    """On a phone, the blocks of a long page far below the screen wait to be laid out, so the first
    paint does not wait for them. Once the page is idle they are drawn: nothing is left for tools to
    measure half laid out, and holding a block's contents in while it waits moved nothing."""
    viewport = {"width": 360, "height": 740}
    static = browser.new_context(viewport=viewport, java_script_enabled=False)
    page = static.new_page()
    waiting = {}
    for url in page_kinds:
        page.goto(base_url + url)
        if page.evaluate(FAR_BELOW):
            waiting[url] = page.evaluate(SKIPPED)
    static.close()
    assert waiting and all(waiting.values()), waiting
    context = browser.new_context(viewport=viewport, has_touch=True, is_mobile=True)
    page = context.new_page()
    drawn, moved = {}, {}
    for url in page_kinds:
        page.goto(base_url + url)
        settle(page)
        drawn[url] = page.evaluate(SKIPPED)
        contained, free = page.evaluate(BOXES, True), page.evaluate(BOXES, False)
        moved[url] = next((pair for pair in zip(contained, free, strict=True) if pair[0] != pair[1]), None)
    context.close()
    assert {url: skipped for url, skipped in drawn.items() if skipped} == {}
    assert {url: boxes for url, boxes in moved.items() if boxes} == {}


def test_a_link_to_the_end_of_a_level_page_lands_there_and_stays_while_the_page_is_drawn(
    browser, base_url, ladder
):
    """A permanent link to the last expectation of a level: the heading is on screen once the blocks
    above it, each laid out only when drawn, have all been drawn."""
    viewport = {"width": 360, "height": 740}
    context = browser.new_context(viewport=viewport, has_touch=True, is_mobile=True)
    page = context.new_page()
    url = f"{base_url}levels/{ladder.centre}/"
    page.goto(url)
    heading = page.evaluate("[...document.querySelectorAll('article h3.ladder-lazy[id]')].pop().id")
    page.goto(f"{url}#{heading}")
    settle(page)
    top = page.locator(f"[id='{heading}']").evaluate("e => e.getBoundingClientRect().top")
    assert 0 <= top < viewport["height"], (heading, top)
    context.close()


@pytest.mark.parametrize("url", ["levels/", "skills/"])
def test_print_shows_the_content_with_link_addresses_version_and_date(page, base_url, ladder, site_url, url):
    if url == "levels/":
        url = f"levels/{ladder.centre}/"
    page.goto(base_url + url)
    settle(page)  # the link addresses and the date, which a real print asks for at once, are in place
    page.emulate_media(media="print")
    for chrome in (
        "header.md-header",
        ".md-sidebar--primary",
        ".md-footer",
        ".md-content__button",
        ".ladder-share__button",
        ".ladder-actions a",
    ):
        assert page.locator(chrome).first.is_hidden(), chrome
    link = page.locator(".md-content p a[data-ladder-url]").first
    shown = link.evaluate("a => getComputedStyle(a, '::after').content")
    assert shown == f'" ({link.get_attribute("data-ladder-url")})"' and site_url in shown
    footer = page.locator(".ladder-print-footer")
    today = page.evaluate("new Date().toISOString().slice(0, 10)")
    assert footer.is_visible()
    assert f"version {ladder.version}" in footer.inner_text() and f"printed {today}" in footer.inner_text()
    for item in page.locator(".ladder-card, .ladder-step").all()[:3]:
        assert item.evaluate("e => getComputedStyle(e).breakInside") == "avoid"
    page.emulate_media(media="screen")
    assert footer.is_hidden() and page.locator("header.md-header").is_visible()
