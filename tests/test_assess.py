"""The self-assessment in a real Chromium: a form per level, answers and notes that stay in this browser
whatever the order of the items, a picture of where the reader stands, and a Markdown export."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from ladder.routes import page_url
from ladder.view import STATES
from tools.project import build, edit_data
from tools.serve import serve
from tools.site import BuiltSite

OLD_KEY = "ml-ladder:self-assessment"  # where answers were kept before each ladder kept its own


def assess(page, base, level):
    page.goto(f"{base}self-assessment/{level}/")
    return page.locator("[data-ladder-assess]")


def choose(item, state: str) -> None:
    """Pick a state the way a reader does: on its label."""
    item.locator(".ladder-assess-states label", has_text=state).click()


def chosen(item) -> str | None:
    return item.locator("input[type=radio]:checked").evaluate_all(
        "inputs => inputs.map(i => i.value)[0] || null"
    )


def saved(page) -> dict:
    """The answers this site keeps in the browser, under whatever key it keeps them."""
    return page.evaluate(
        f"""() => Object.fromEntries(Object.keys(localStorage)
            .filter((key) => key.endsWith('self-assessment') && key !== {OLD_KEY!r})
            .map((key) => [key, JSON.parse(localStorage.getItem(key))]))"""
    )


def test_answers_and_notes_survive_a_reload_and_a_reordering_of_items(
    browser, tiny: BuiltSite, tiny_project, tmp_path
):
    # Two builds under one origin share localStorage: the tiny ladder and one with every list reversed.
    root = tmp_path / "www"
    shutil.copytree(tiny.root, root / "a")
    edit_data(tiny_project, lambda data: [data[key].reverse() for key in ("skills", "responsibilities")])
    build(tiny_project, root / "b")

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


def test_answers_kept_under_the_old_key_come_back_and_ticks_read_as_the_strongest_answer(page, tiny_url):
    page.goto(tiny_url + "self-assessment/")
    old = {
        "level": "top",
        "items": {
            "skill-alpha--top": {"done": True, "note": "Old tick"},
            "skill-gamma--top": {"state": "not-yet", "note": "Only a note"},
        },
    }
    page.evaluate(f"saved => localStorage.setItem({OLD_KEY!r}, JSON.stringify(saved))", old)
    top = assess(page, tiny_url, "top")
    assert chosen(top.locator("[data-key='skill-alpha--top']")) == "consistently"
    assert top.locator("[data-key='skill-alpha--top'] textarea").input_value() == "Old tick"
    assert chosen(top.locator("[data-key='skill-gamma--top']")) == "not-yet"
    assert top.locator("[data-key='skill-gamma--top'] textarea").input_value() == "Only a note"
    (kept,) = saved(page).values()
    assert kept["items"]["skill-alpha--top"]["state"] == "consistently"


def test_the_old_address_of_a_level_leads_to_its_form(page, tiny_url):
    page.goto(tiny_url + "self-assessment/?level=top")
    page.wait_for_url(re.compile(r"/self-assessment/top/$"))


def test_the_picture_shows_where_the_reader_stands_per_group_and_per_level(page, tiny_url):
    middle = assess(page, tiny_url, "middle")
    items = middle.locator(".ladder-assess-item")
    choose(items.nth(0), "Consistently")
    choose(items.nth(1), "Partly")
    choose(items.nth(2), "Not yet")
    sections = page.locator("[data-chart=sections] svg")
    label = sections.get_attribute("aria-label")
    assert label.startswith("Where you stand at Middle Level.")
    assert "Responsibilities: 1 consistently, 1 partly, 0 not yet, 0 not in my role, 0 not assessed" in label
    assert "Business impact: 0 consistently, 0 partly, 1 not yet, 0 not in my role, 0 not assessed" in label
    assert sections.locator("rect.ladder-chart-consistently").count() == 1
    levels = page.locator("[data-chart=levels] svg").get_attribute("aria-label")
    assert "Middle Level: 1 consistently, 1 partly, 1 not yet, 0 not in my role, 3 not assessed" in levels
    assert "Top Level: 0 consistently, 0 partly, 0 not yet, 0 not in my role, 5 not assessed" in levels
    assert page.locator(".ladder-assess-summary").inner_text() == (
        "Middle Level: 1 consistently, 1 partly, 1 not yet, 0 not in my role, 3 not assessed."
    )
    page.goto(tiny_url + "self-assessment/")
    overall = page.locator("[data-chart=levels] svg").get_attribute("aria-label")
    assert "Middle Level: 1 consistently, 1 partly, 1 not yet, 0 not in my role, 3 not assessed" in overall


def test_the_evidence_and_not_yet_come_from_the_level_page_when_opened(page, tiny: BuiltSite, tiny_url):
    """The page carries each expectation's text and example; its evidence and "not yet" are fetched
    from the level page, by keyboard as by mouse, and read as they read there."""
    level_page = tiny.soup("levels/middle/")
    form = tiny.soup("self-assessment/middle/").select_one("[data-ladder-assess]")
    disclosures = form.select("details.ladder-signals")
    assert disclosures
    for details in disclosures:
        key = details.find_parent(class_="ladder-card")["data-ladder-for"]
        assert details.select_one("a[data-ladder-signals]")["href"].endswith(f"levels/middle/#{key}")
        words = level_page.select_one(f'[data-ladder-for="{key}"] .ladder-signals').get_text(" ", strip=True)
        assert words and words not in form.get_text(" ", strip=True)

    assess(page, tiny_url, "middle")
    opened = page.locator("details.ladder-signals").nth(1)
    opened.locator("summary").focus()
    page.keyboard.press("Enter")
    key = opened.locator("xpath=..").get_attribute("data-ladder-for")
    expected = level_page.select_one(f'[data-ladder-for="{key}"] .ladder-signals')
    paragraphs = opened.locator("p")
    paragraphs.first.wait_for()
    page.wait_for_function("d => !d.querySelector('[data-ladder-signals]')", arg=opened.element_handle())
    assert paragraphs.all_inner_texts() == [p.get_text() for p in expected.find_all("p")]
    page.locator("details.ladder-signals").first.locator("summary").click()
    page.locator("details.ladder-signals").first.locator("p strong").first.wait_for()


def test_every_control_of_the_form_has_a_label_and_each_item_its_own_answers(
    tiny: BuiltSite, tiny_ladder_site
):
    for level in tiny_ladder_site.ladder.levels:
        form = tiny.soup(page_url(tiny_ladder_site.routes.assess(level))).select_one("[data-ladder-assess]")
        ids = [control["id"] for control in form.select("[id]")]
        assert len(ids) == len(set(ids))
        for note in form.select("textarea"):
            label = form.select_one(f"label[for='{note['id']}']")
            assert label is not None and label.get_text(strip=True), note["id"]
        groups = [radio["name"] for radio in form.select("input[type=radio]")]
        # every state for an item outside the level's core; all but "not in my role" for a core item
        for section in form.select(".ladder-assess-section"):  # named for assistive technology
            assert (section["role"], section["aria-label"]) == ("group", section["data-section"])
        for item in form.select(".ladder-assess-item"):
            assert item["role"] == "group" and item["aria-label"].startswith(item["data-name"])
            expected = len(STATES) - (1 if item.find(class_="ladder-core") else 0)
            radios = item.select("input[type=radio]")
            assert len(radios) == expected, item["data-key"]
            assert {radio["name"] for radio in radios} == {f"state-{item['data-key']}"}
            assert groups.count(radios[0]["name"]) == expected  # no other item answers in its group
            for radio in radios:
                assert radio.find_parent("label").get_text(strip=True), (item["data-key"], radio["value"])


def test_markdown_export_by_copy_and_download_carries_the_states(page, base_url, site, ladder, site_url):
    level = ladder.centre_level
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
    assert (
        f"Consistently: 1 · Partly: 1 · Not yet: 0 · Not in my role: 0 · Not assessed: {len(entries) - 2}"
        in copied
    )
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


def test_the_self_assessment_works_from_a_saved_file_with_no_server(browser, tiny: BuiltSite):
    context = browser.new_context()
    page = context.new_page()
    page.goto((tiny.root / "self-assessment" / "top" / "index.html").as_uri())
    form = page.locator("[data-ladder-assess]")
    last = form.locator(".ladder-assess-item").last
    choose(last, "Consistently")
    key = last.get_attribute("data-key")
    page.wait_for_function(f"() => Object.values(localStorage).some((saved) => saved.includes({key!r}))")
    page.reload()
    assert chosen(form.locator(".ladder-assess-item").last) == "consistently"
    context.close()
