"""Compare view and self-assessment in a real Chromium: links that restore state, answers that stay."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from conftest import Site, copy_project, edit_data, item, mkdocs_build, serve

SITE_URL = "https://ml-engineer-ladder.org/"


def visible_levels(page) -> list[str]:
    return page.eval_on_selector_all(
        "table.ladder-compare-table thead th[data-level]:not([hidden])",
        "cells => cells.map(c => c.dataset.level)",
    )


def test_the_comparison_url_restores_its_levels_and_follows_changes(page, base_url):
    page.goto(base_url + "compare/?from=staff&to=principal")
    assert page.locator("#compare-from").input_value() == "staff"
    assert page.locator("#compare-to").input_value() == "principal"
    assert visible_levels(page) == ["staff", "principal"]

    page.locator("#compare-from").select_option("mle-1")
    assert re.search(r"\?from=mle-1&to=principal$", page.url)
    page.reload()
    assert visible_levels(page) == ["mle-1", "principal"]
    assert page.get_by_role("cell", name=re.compile("^Implements preprocessing")).is_visible()


def test_the_comparison_marks_the_words_that_changed(browser, tmp_path):
    project = copy_project(tmp_path)

    def similar(data):
        statistics = item(data, "skills", "statistics")["expectations"]
        statistics["staff"] = statistics["senior"] + " Sets the standard for several teams."

    edit_data(project, similar)
    assert mkdocs_build(project, tmp_path / "out").returncode == 0
    page = browser.new_page()
    with serve(tmp_path / "out") as base:
        page.goto(base + "compare/?from=senior&to=staff")
        row = page.locator("tr", has=page.get_by_role("link", name="Statistics", exact=True))
        inserted = row.locator("td[data-level=staff] ins").all_inner_texts()
        assert " ".join(inserted) == "Sets the standard for several teams."
        assert row.locator("td[data-level=senior] del").count() == 0
    page.close()


def assess(page, base, level="senior"):
    page.goto(f"{base}self-assessment/?level={level}")
    return page.locator(f".ladder-assess-level[data-level={level}]")


def test_ticks_and_notes_survive_a_reload_and_a_reordering_of_items(browser, site: Site, tmp_path):
    # Two builds under one origin share localStorage: the real one and one with every list reversed.
    root = tmp_path / "www"
    shutil.copytree(site.root, root / "a")
    project = copy_project(tmp_path)
    edit_data(project, lambda data: [data[key].reverse() for key in ("skills", "responsibilities")])
    assert mkdocs_build(project, root / "b").returncode == 0

    context = browser.new_context()
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    with serve(root) as base:
        senior = assess(page, base + "a/")
        first_item = senior.locator(".ladder-assess-item").first
        key = first_item.get_attribute("data-key")
        first_item.get_by_role("checkbox").check()
        first_item.get_by_role("textbox").fill("Design doc for the ranking service, March.")
        page.reload()
        restored = page.locator(f"[data-key='{key}']")
        assert restored.get_by_role("checkbox").is_checked()
        assert restored.get_by_role("textbox").input_value() == "Design doc for the ranking service, March."

        reordered = assess(page, base + "b/")
        assert reordered.locator(".ladder-assess-item").first.get_attribute("data-key") != key
        moved = page.locator(f"[data-key='{key}']")
        assert moved.get_by_role("checkbox").is_checked()
        assert moved.get_by_role("textbox").input_value() == "Design doc for the ranking service, March."
        checked = reordered.locator("input[type=checkbox]:checked").count()
        assert checked == 1
    assert all(url.startswith(base) or url.startswith("blob:") for url in requests), requests
    context.close()


def test_markdown_export_by_copy_and_download_links_to_anchors_that_exist(page, base_url, site: Site):
    senior = assess(page, base_url)
    items = senior.locator(".ladder-assess-item")
    items.nth(1).get_by_role("checkbox").check()
    items.nth(1).get_by_role("textbox").fill("Led the A/B test review.")
    page.get_by_role("button", name="Copy as Markdown").click()
    page.get_by_role("status").filter(has_text="copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download Markdown").click()
    downloaded = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == "self-assessment-senior.md"
    assert copied.splitlines()[0] == downloaded.splitlines()[0] == "# Self-assessment: Senior ML Engineer"

    links = re.findall(r"^- \[([ x])\] \[([^\]]+)\]\((\S+)\)$", copied, flags=re.MULTILINE)
    assert len(links) == items.count()
    assert [mark for mark, _, _ in links].count("x") == 1
    assert "  Evidence: Led the A/B test review." in copied
    for _, _, url in links:
        path, _, anchor = url.removeprefix(SITE_URL).partition("#")
        assert site.soup(path).find(id=anchor), url


def test_reset_asks_first_and_clears_only_when_confirmed(page, base_url):
    senior = assess(page, base_url)
    box = senior.get_by_role("checkbox").first
    box.check()
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset this level").click()
    assert box.is_checked()
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset this level").click()
    assert not box.is_checked()
    page.reload()
    assert not senior.get_by_role("checkbox").first.is_checked()


def test_self_assessment_works_from_a_saved_file_with_no_server(browser, site: Site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((site.root / "self-assessment" / "index.html").as_uri() + "?level=staff")
    staff = page.locator(".ladder-assess-level[data-level=staff]")
    assert staff.is_visible() and not page.locator(".ladder-assess-level[data-level=senior]").is_visible()
    staff.get_by_role("checkbox").last.check()
    page.reload()
    assert staff.get_by_role("checkbox").last.is_checked()
    context.close()
