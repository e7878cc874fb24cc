"""The ladder at a glance: every item against every level, each cell a short statement linking to the
expectation in full; a row or a column can be linked; cards on a phone; landscape A4 in print."""

from __future__ import annotations

import io
import re
import struct

import pytest
from playwright.sync_api import expect

from ladder.postbuild.versions import is_copy
from ladder.routes import page_url
from tools.project import build
from tools.site import BuiltSite, squeeze


def test_every_cell_states_its_expectation_and_links_to_it_in_full(site: BuiltSite, ladder, routes):
    glance_url = page_url(routes["glance"])
    table = site.soup(glance_url).select_one(".ladder-glance-table")
    headers = table.select("thead th[data-level]")
    assert [th["id"] for th in headers] == [level.anchor for level in ladder.levels]
    for item in ladder.items():
        row = table.find("tr", id=item.anchor)
        assert row is not None, item.anchor
        for level in ladder.levels:
            cell = row.find("td", attrs={"data-level": level.id})
            expectation = item.at(level.id)
            if expectation:
                link = cell.find("a")
                assert squeeze(link.get_text()) == squeeze(expectation.short)
                target = page_url(routes.item(item))
                assert link["href"] == "../" + target + "#" + item.expectation_anchor(level.id)
                assert item.expectation_anchor(level.id) in site.page(target).ids
            else:
                assert ladder.level(item.ends_at).name in cell.get_text()


def visible_levels(page) -> list[str]:
    return page.eval_on_selector_all(
        ".ladder-glance-table thead th[data-level]",
        "cells => cells.filter(c => !c.hidden).map(c => c.dataset.level)",
    )


def test_a_link_to_a_level_shows_that_level_alone_and_all_levels_come_back(page, tiny_url):
    page.goto(tiny_url + "glance/#level-middle")
    assert visible_levels(page) == ["middle"]
    assert page.locator("td[data-level=middle]:visible").count() == 6
    assert page.locator("td[data-level=top]:visible").count() == 0
    levels = page.get_by_role("navigation", name="Show one level")
    expect(levels.get_by_role("link", name="Middle Level")).to_have_attribute("aria-current", "true")
    page.get_by_role("link", name="All levels").click()
    assert visible_levels(page) == ["first", "middle", "top"]
    page.get_by_role("navigation", name="Show one level").get_by_role("link", name="Top Level").click()
    assert visible_levels(page) == ["top"] and page.url.endswith("#level-top")


def test_a_retired_level_id_still_shows_its_level(page, tiny_url):
    page.goto(tiny_url + "glance/#level-mid")
    assert visible_levels(page) == ["middle"]


def test_a_link_to_a_row_lands_on_it(page, tiny_url):
    page.goto(tiny_url + "glance/#skill-beta")
    row = page.locator("tr#skill-beta")
    expect(row).to_have_class(re.compile(r"\bladder-target\b"))
    assert row.bounding_box()["y"] < page.viewport_size["height"]


@pytest.mark.parametrize("width", [360, 390])
def test_on_a_phone_each_item_is_a_card_that_does_not_scroll_sideways(browser, base_url, routes, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url + page_url(routes["glance"]))
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    cell = page.locator(".ladder-glance-table td[data-level]").first
    assert cell.evaluate("c => getComputedStyle(c).display") == "block"
    label = cell.evaluate("c => getComputedStyle(c, '::before').content")
    assert label.strip('"') == cell.get_attribute("data-level-name")
    context.close()


def test_it_prints_on_landscape_a4(page, base_url, routes):
    page.goto(base_url + page_url(routes["glance"]))
    pdf = page.pdf(prefer_css_page_size=True)
    width, height = (float(v) for v in re.search(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups())
    assert round(width) == 842 and round(height) == 595  # A4, landscape, in points
    assert width > height


def png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", io.BytesIO(data).getbuffer()[16:24])


def test_every_page_has_a_preview_card_of_its_own(site: BuiltSite, site_url, ladder_site):
    """A released version's copy of a page shows the card of the current page it was copied from."""
    cards = {}
    copy = is_copy(ladder_site)
    for page in site.reader_pages():
        image = page.soup.find("meta", property="og:image")["content"]
        assert image.startswith(site_url) and image.endswith(".png"), page.url
        data = (site.root / image.removeprefix(site_url)).read_bytes()
        assert png_size(data) == (1200, 630), page.url
        assert page.soup.find("meta", attrs={"name": "twitter:card"})["content"] == "summary_large_image"
        if page.url != "404.html" and not copy(page.url):
            cards.setdefault(data, []).append(page.url)
    assert [urls for urls in cards.values() if len(urls) > 1] == [], "two pages share a card"


def test_builds_keep_cards_and_compiled_templates_where_ladder_cache_says(tiny_project, tmp_path):
    """Copies of a project share one cache; nothing is drawn or compiled into the project itself."""
    cache = tmp_path / "cache"
    site = build(tiny_project, tmp_path / "site", env={"LADDER_CACHE": str(cache)})
    drawn = {path.read_bytes() for path in (cache / "social").glob("*.png")}
    shown = {path.read_bytes() for path in (site.root / "assets" / "social").rglob("*.png")}
    assert shown and shown <= drawn
    assert any((cache / "templates").iterdir())
    assert not (tiny_project / ".cache").exists()
