"""Zero axe-core violations (WCAG 2.2 A and AA) on one page of each kind, right after load and once
settled, in light and in dark mode; and on the way, no console error and no request to another host.

Pages written by hand are checked on the real site. Pages generated from a template (a level's, an
item's, a self-assessment's, an old version's) are checked on the tiny ladder, which fills the same
templates and has retired ids whose anchors they carry; `make bench` runs every rule on every page of
the real site, in each mode at each moment.

Every rule runs on the settled page in light mode. Right after load the page's colours are those it
settles with, so the rules about colour wait for it, and the other rules run where a script of the
site changes the page once loaded (on a prose page it only adds the share controls, which the settled
page has), as soon as the blocks a long page leaves undrawn at first paint are drawn, which ladder.js
does first; in dark mode only the rules about colour can change."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tools.chromium import axe_report, drawn, load_material, settle

# Pages a script of the site changes after load beyond adding share controls.
SCRIPTED = ("glance/", "compare/", "self-assessment/", "404.html")


def to_dark(page) -> None:
    """Choose dark mode with Material's own toggle, as a reader does: system, light, then dark."""
    for _ in range(3):
        if page.locator("body").get_attribute("data-md-color-scheme") == "slate":
            return
        page.locator("[data-md-component=palette] label:visible").click()
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"


@pytest.fixture(scope="session")
def tab(browser):
    """One tab for every page checked: each new tab starts a renderer of its own, and the theme's
    compiled script is kept from page to page. A check leaves the tab as it found it: light, with nothing
    stored, the pointer outside the page's corner."""
    context = browser.new_context(color_scheme="light")
    yield context.new_page()
    context.close()


def check(page, base_url: str, url: str) -> None:
    errors, requested = [], []
    listeners = {
        "pageerror": lambda error: errors.append(str(error)),
        "console": lambda message: message.type == "error" and errors.append(message.text),
        "request": lambda request: requested.append(request.url),
    }
    for event, listener in listeners.items():
        page.on(event, listener)
    try:
        page.goto(base_url + url, wait_until="load")
        drawn(page)
        found = {"light, right after load": axe_report(page, "structure") if url.startswith(SCRIPTED) else []}
        load_material(page)
        settle(page)
        found["light, settled"] = axe_report(page)
        to_dark(page)
        found["dark, settled"] = axe_report(page, "colour")
    finally:
        page.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        page.mouse.move(0, 0)
        for event, listener in listeners.items():
            page.remove_listener(event, listener)
    assert {moment: report for moment, report in found.items() if report} == {}
    assert errors == []
    other_hosts = [url for url in requested if urlsplit(url).scheme in ("http", "https")]
    assert [url for url in other_hosts if not url.startswith(base_url)] == []


def test_no_axe_violations_and_no_console_errors(tab, base_url, written_page):
    check(tab, base_url, written_page)


def test_no_axe_violations_and_no_console_errors_on_generated_pages(tab, tiny_url, tiny_kind):
    check(tab, tiny_url, tiny_kind)


@pytest.mark.parametrize("url", ["skills/", "glance/"])
def test_no_axe_violations_in_dark_mode_right_after_load(browser, base_url, url):
    """Before Material's script runs, the system's dark mode applies from the page's own markup."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(base_url + url, wait_until="load")
    assert page.locator("body").get_attribute("data-md-color-scheme") == "slate"
    assert axe_report(page, "colour") == []
    context.close()


def test_axe_finds_a_violation_when_there_is_one(page, base_url):
    page.goto(base_url + "skills/")
    page.evaluate("() => { document.querySelector('.md-typeset p a').style.color = '#bbb'; }")
    assert any(violation.startswith("color-contrast") for violation in axe_report(page))
