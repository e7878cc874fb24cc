"""Compare view and self-assessment in a real Chromium: links that restore state, answers that stay."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from tools.project import edit_data, entry, mkdocs_build
from tools.serve import serve
from tools.site import BuiltSite, squeeze


def visible_levels(page) -> list[str]:
    return page.eval_on_selector_all(
        "[data-ladder-compare-table] thead th[data-level]:not([hidden])",
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
    text = squeeze(ladder.items()[0].at(first.id).text)
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


def choose(item, state: str) -> None:
    """Pick a state the way a reader does: on its label."""
    item.locator(".ladder-assess-states label", has_text=state).click()


def chosen(item) -> str | None:
    return item.locator("input[type=radio]:checked").evaluate_all(
        "inputs => inputs.map(i => i.value)[0] || null"
    )


def test_answers_and_notes_survive_a_reload_and_a_reordering_of_items(
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
        choose(first_item, "Partly")
        first_item.get_by_role("textbox").fill(note)
        page.reload()
        restored = page.locator(f"[data-key='{key}']")
        assert chosen(restored) == "partly"
        assert restored.get_by_role("textbox").input_value() == note

        reordered = assess(page, base + "b/", "middle")
        assert reordered.locator(".ladder-assess-item").first.get_attribute("data-key") != key
        moved = page.locator(f"[data-key='{key}']")
        assert chosen(moved) == "partly"
        assert moved.get_by_role("textbox").input_value() == note
        assert reordered.locator("input[type=radio]:checked").count() == 1
    assert all(url.startswith(base) or url.startswith("blob:") for url in requests), requests
    context.close()


def test_ticks_saved_before_there_were_three_states_come_back_as_consistently(page, tiny_url):
    page.goto(tiny_url + "self-assessment/")
    old = {
        "level": "top",
        "items": {
            "skill-alpha--top": {"done": True, "note": "Old tick"},
            "skill-gamma--top": {"done": False, "note": "Only a note"},
        },
    }
    page.evaluate("saved => localStorage.setItem('ml-ladder:self-assessment', JSON.stringify(saved))", old)
    page.reload()
    top = page.locator(".ladder-assess-level[data-level=top]")
    assert top.is_visible()
    assert chosen(top.locator("[data-key='skill-alpha--top']")) == "consistently"
    assert top.locator("[data-key='skill-alpha--top'] textarea").input_value() == "Old tick"
    assert chosen(top.locator("[data-key='skill-gamma--top']")) is None
    assert top.locator("[data-key='skill-gamma--top'] textarea").input_value() == "Only a note"
    saved = page.evaluate("JSON.parse(localStorage.getItem('ml-ladder:self-assessment'))")
    assert saved["version"] == 2 and saved["items"]["skill-alpha--top"]["state"] == "consistently"


def test_the_picture_shows_where_the_reader_stands_per_group_and_per_level(page, tiny_url):
    middle = assess(page, tiny_url, "middle")
    items = middle.locator(".ladder-assess-item")
    choose(items.nth(0), "Consistently")
    choose(items.nth(1), "Partly")
    choose(items.nth(2), "Not yet")
    sections = page.locator("[data-chart=sections] svg")
    label = sections.get_attribute("aria-label")
    assert label.startswith("Where you stand at Middle Level.")
    assert "Responsibilities: 1 consistently, 1 partly, 0 not yet, 0 not assessed" in label
    assert "Business impact: 0 consistently, 0 partly, 1 not yet, 0 not assessed" in label
    assert sections.locator("rect.ladder-chart-consistently").count() == 1
    levels = page.locator("[data-chart=levels] svg").get_attribute("aria-label")
    assert "Middle Level: 1 consistently, 1 partly, 1 not yet, 3 not assessed" in levels
    assert "Top Level: 0 consistently, 0 partly, 0 not yet, 5 not assessed" in levels
    assert page.locator(".ladder-assess-summary").inner_text() == (
        "Middle Level: 1 consistently, 1 partly, 1 not yet, 3 not assessed."
    )


def test_every_control_of_the_form_has_a_name_of_its_own(tiny: BuiltSite):
    form = tiny.soup("self-assessment/").select_one("[data-ladder-assess]")
    names = [control["name"] for control in form.select("textarea, select")]
    groups = {control["name"] for control in form.select("input[type=radio]")}
    assert len(names) == len(set(names))
    assert not groups & set(names)
    for group in groups:
        assert len(form.select(f"input[name='{group}']")) == 3, group


def test_markdown_export_by_copy_and_download_carries_the_states(page, base_url, site, ladder, site_url):
    level = ladder.levels[len(ladder.levels) // 2]
    items = assess(page, base_url, level.id).locator(".ladder-assess-item")
    choose(items.nth(0), "Consistently")
    choose(items.nth(1), "Partly")
    items.nth(1).get_by_role("textbox").fill("Led the A/B test review.")
    page.get_by_role("button", name="Copy as Markdown").click()
    page.get_by_role("status").filter(has_text="copied").wait_for()
    copied = page.evaluate("navigator.clipboard.readText()")

    with page.expect_download() as download:
        page.get_by_role("button", name="Download Markdown").click()
    downloaded = Path(download.value.path()).read_text(encoding="utf-8")
    assert download.value.suggested_filename == f"self-assessment-{level.id}.md"
    assert copied.splitlines()[0] == downloaded.splitlines()[0] == f"# Self-assessment: {level.name}"

    entries = re.findall(r"^- \*\*([^*]+)\*\*: \[([^\]]+)\]\((\S+)\)$", copied, flags=re.MULTILINE)
    assert len(entries) == items.count() == len([item for item in ladder.items() if item.at(level.id)])
    states = [state for state, _, _ in entries]
    assert states[:2] == ["Consistently", "Partly"] and set(states[2:]) == {"Not assessed"}
    assert f"Consistently: 1 · Partly: 1 · Not yet: 0 · Not assessed: {len(entries) - 2}" in copied
    assert "  Evidence: Led the A/B test review." in copied
    for _, _, url in entries:
        path, _, anchor = url.removeprefix(site_url).partition("#")
        assert anchor in site.page(path).ids, url


def test_reset_asks_first_and_clears_only_when_confirmed(page, tiny_url):
    middle = assess(page, tiny_url, "middle")
    item = middle.locator(".ladder-assess-item").first
    choose(item, "Partly")
    page.once("dialog", lambda dialog: dialog.dismiss())
    page.get_by_role("button", name="Reset this level").click()
    assert chosen(item) == "partly"
    page.once("dialog", lambda dialog: dialog.accept())
    page.get_by_role("button", name="Reset this level").click()
    assert chosen(item) is None
    page.reload()
    assert chosen(middle.locator(".ladder-assess-item").first) is None


def test_self_assessment_works_from_a_saved_file_with_no_server(browser, tiny: BuiltSite):
    context = browser.new_context()
    page = context.new_page()
    page.goto((tiny.root / "self-assessment" / "index.html").as_uri() + "?level=top")
    top = page.locator(".ladder-assess-level[data-level=top]")
    assert top.is_visible() and not page.locator(".ladder-assess-level[data-level=middle]").is_visible()
    choose(top.locator(".ladder-assess-item").last, "Consistently")
    page.reload()
    assert chosen(top.locator(".ladder-assess-item").last) == "consistently"
    context.close()
