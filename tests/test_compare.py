"""Compare levels in a real Chromium: any two levels side by side, read from the JSON export when they
are not the pair the page holds, the changed words marked, the choice kept in the address."""

from __future__ import annotations

import re

from tools.project import build, edit_data, entry
from tools.serve import serve
from tools.site import squeeze

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def heads(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-ladder-compare-table] thead th[data-side]", "cells => cells.map(c => c.innerText)"
    )


def test_the_address_restores_the_two_levels_and_follows_changes(page, base_url, ladder):
    first, second, last = ladder.levels[0], ladder.levels[-2], ladder.levels[-1]
    page.goto(base_url + f"compare/?from={second.id}&to={last.id}")
    assert page.locator("#compare-from").input_value() == second.id
    assert page.locator("#compare-to").input_value() == last.id
    page.wait_for_function(f"() => document.querySelector('caption').innerText.includes({last.name!r})")
    assert heads(page) == [second.name, last.name]
    item = ladder.items()[0]
    row = page.locator(f"tr[data-item='{item.anchor}']")
    assert squeeze(row.locator("td[data-side=to]").inner_text()) == squeeze(item.at(last.id).text)

    page.locator("#compare-from").select_option(first.id)
    assert re.search(rf"\?from={first.id}&to={last.id}$", page.url)
    page.reload()
    page.wait_for_function(f"() => document.querySelector('caption').innerText.includes({first.name!r})")
    assert heads(page) == [first.name, last.name]
    text = squeeze(item.at(first.id).text)
    assert page.get_by_role("cell", name=text).is_visible()


def test_the_changed_words_are_marked(browser, tiny_project, tmp_path):
    def similar(data):
        alpha = entry(data, "skills", "alpha")["expectations"]
        alpha["top"]["text"] = alpha["middle"]["text"] + " Sets the standard for several teams."

    edit_data(tiny_project, similar)
    site = build(tiny_project, tmp_path / "out")
    page = browser.new_page()
    with serve(site.root) as base:
        for address in ("compare/?from=middle&to=top", "compare/?from=first&to=middle"):
            page.goto(base + address)
            page.wait_for_function("() => document.querySelector('caption').innerText.includes('compared')")
        page.goto(base + "compare/?from=middle&to=top")
        row = page.locator("tr[data-item=skill-alpha]")
        row.locator("td[data-side=to] ins").first.wait_for()
        inserted = row.locator("td[data-side=to] ins").all_inner_texts()
        assert " ".join(inserted) == "Sets the standard for several teams."
        assert row.locator("td[data-side=from] del").count() == 0
    page.close()


def test_the_comparison_is_a_material_table_with_sticky_level_headers(browser, base_url, routes):
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(base_url + "compare/")
        header = page.locator("[data-ladder-compare-table] thead th[data-side]").first
        row_header = page.locator("[data-ladder-compare-table] tbody th[scope=row]").first
        assert row_header.evaluate("e => getComputedStyle(e).textAlign") in {"left", "start"}
        cells = page.locator("[data-ladder-compare-table] tbody tr[data-item]").first.locator("td")
        assert cells.count() == 2
        first, second = (cell.bounding_box() for cell in cells.all())
        if viewport is DESKTOP:
            assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
            assert second["x"] > first["x"] and abs(second["y"] - first["y"]) < 2  # side by side
        else:
            assert second["y"] > first["y"] and abs(second["x"] - first["x"]) < 2  # stacked
            label = cells.first.evaluate("e => getComputedStyle(e, '::before').content")
            assert label.strip('"') == cells.first.get_attribute("data-level-name")
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        context.close()
