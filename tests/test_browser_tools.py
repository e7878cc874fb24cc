"""Compare view and self-assessment in a real Chromium: links that restore state, answers that stay."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tools.project import edit_data, entry, mkdocs_build
from tools.serve import serve
from tools.site import BuiltSite


def visible_levels(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.ladder-compare-table thead th[data-level]:not([hidden])",
        "cells => cells.map(c => c.dataset.level)",
    )


def test_the_comparison_url_restores_its_levels_and_follows_changes(page, base_url, ladder):
    first, second, last = ladder.levels[0], ladder.levels[-2], ladder.levels[-1]
    page.goto(base_url + f"compare/?from={second.id}&to={last.id}")
    assert page.locator("#compare-from").input_value() == second.id
    assert page.locator("#compare-to").input_value() == last.id
    assert visible_levels(page) == [second.id, last.id]

    page.locator("#compare-from").select_option(first.id)
    assert re.search(rf"\?from={first.id}&to={last.id}$", page.url)
    page.reload()
    assert visible_levels(page) == [first.id, last.id]
    text = " ".join(ladder.items()[0].at(first.id).text.split())
    assert page.get_by_role("cell", name=text).is_visible()


def test_the_comparison_marks_the_words_that_changed(browser, tiny_project, tmp_path):
    def similar(data):
        alpha = entry(data, "skills", "alpha")["expectations"]
        alpha["top"]["text"] = alpha["middle"]["text"] + " Sets the standard for several teams."

    edit_data(tiny_project, similar)
    assert mkdocs_build(tiny_project, tmp_path / "out").returncode == 0
    page = browser.new_page()
    with serve(tmp_path / "out") as base:
        page.goto(base + "compare/?from=middle&to=top")
        row = page.locator("tr", has=page.get_by_role("link", name="Alpha", exact=True))
        inserted = row.locator("td[data-level=top] ins").all_inner_texts()
        assert " ".join(inserted) == "Sets the standard for several teams."
        assert row.locator("td[data-level=middle] del").count() == 0
    page.close()


def assess(page, base, level):
    page.goto(f"{base}self-assessment/?level={level}")
    return page.locator(f".ladder-assess-level[data-level={level}]")


def test_ticks_and_notes_survive_a_reload_and_a_reordering_of_items(
    browser, tiny: BuiltSite, tiny_project, tmp_path
):
    # Two builds under one origin share localStorage: the tiny ladder and one with every list reversed.
    root = tmp_path / "www"
    shutil.copytree(tiny.root, root / "a")
    edit_data(tiny_project, lambda data: [data[key].reverse() for key in ("skills", "responsibilities")])
    assert mkdocs_build(tiny_project, root / "b").returncode == 0

    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    note = "Design doc for the ranking service, March."
    with serve(root) as base:
        middle = assess(page, base + "a/", "middle")
        first_item = middle.locator(".ladder-assess-item").first
        key = first_item.get_attribute("data-key")
        first_item.get_by_role("checkbox").check()
        first_item.get_by_role("textbox").fill(note)
        page.reload()
        restored = page.locator(f"[data-key='{key}']")
        assert restored.get_by_role("checkbox").is_checked()
        assert restored.get_by_role("textbox").input_value() == note

        reordered = assess(page, base + "b/", "middle")
        assert reordered.locator(".ladder-assess-item").first.get_attribute("data-key") != key
        moved = page.locator(f"[data-key='{key}']")
        assert moved.get_by_role("checkbox").is_checked()
        assert moved.get_by_role("textbox").input_value() == note
        assert reordered.locator("input[type=checkbox]:checked").count() == 1
    assert all(url.startswith(base) or url.startswith("blob:") for url in requests), requests
    context.close()


def test_markdown_export_by_copy_and_download_links_to_anchors_that_exist(
    page, base_url, site, ladder, site_url
):
    level = ladder.levels[len(ladder.levels) // 2]
    items = assess(page, base_url, level.id).locator(".ladder-assess-item")
    items.nth(1).get_by_role("checkbox").check()
    items.nth(1).get_by_role("textbox").fill("Led the A/B test review.")
    page.get_by_role("button", name="Copy as Markdown").click()
    page.get_by_role("status").filter(has_text="copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download Markdown").click()
    downloaded = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == f"self-assessment-{level.id}.md"
    assert copied.splitlines()[0] == downloaded.splitlines()[0] == f"# Self-assessment: {level.name}"

    links = re.findall(r"^- \[([ x])\] \[([^\]]+)\]\((\S+)\)$", copied, flags=re.MULTILINE)
    assert len(links) == items.count() == len([item for item in ladder.items() if item.at(level.id)])
    assert [mark for mark, _, _ in links].count("x") == 1
    assert "  Evidence: Led the A/B test review." in copied
    for _, _, url in links:
        path, _, anchor = url.removeprefix(site_url).partition("#")
        assert anchor in site.page(path).ids, url


def test_reset_asks_first_and_clears_only_when_confirmed(page, tiny_url):
    middle = assess(page, tiny_url, "middle")
    box = middle.get_by_role("checkbox").first
    box.check()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset this level").click()
    assert box.is_checked()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset this level").click()
    assert not box.is_checked()
    page.reload()
    assert not middle.get_by_role("checkbox").first.is_checked()


def test_self_assessment_works_from_a_saved_file_with_no_server(browser, tiny: BuiltSite):
    context = browser.new_context()
    page = context.new_page()
    page.goto((tiny.root / "self-assessment" / "index.html").as_uri() + "?level=top")
    top = page.locator(".ladder-assess-level[data-level=top]")
    assert top.is_visible() and not page.locator(".ladder-assess-level[data-level=middle]").is_visible()
    top.get_by_role("checkbox").last.check()
    page.reload()
    assert top.get_by_role("checkbox").last.is_checked()
    context.close()
