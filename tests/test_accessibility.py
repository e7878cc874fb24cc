"""Zero axe-core violations (WCAG 2.2 A and AA) on every page, in light and in dark mode."""

from __future__ import annotations

import pytest

from tools.chromium import axe_report, load_material, settle
from tools.site import BuiltSite


def test_the_pages_checked_here_are_every_page_of_the_site(site: BuiltSite, reader_pages):
    assert {page.url for page in site.reader_pages()} == set(reader_pages)


def check(browser, base_url, url, scheme, settled: bool = True) -> list[str]:
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + url, wait_until="load")
    palette = {"light": "default", "dark": "slate"}[scheme]
    assert page.locator("body").get_attribute("data-md-color-scheme") == palette
    if settled:
        load_material(page)
        settle(page)
    violations = axe_report(page)
    context.close()
    return violations


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations(browser, base_url, reader_page, scheme):
    assert check(browser, base_url, reader_page, scheme) == []


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_no_axe_violations_right_after_load(browser, base_url, reader_page, scheme):
    """Before Material's script and before the items off screen are laid out and get their controls."""
    assert check(browser, base_url, reader_page, scheme, settled=False) == []


@pytest.mark.parametrize("url", ["skills/", "levels/", "levels/middle/"])
def test_no_axe_violations_where_retired_ids_keep_their_anchors(browser, tiny_url, url):
    """The tiny ladder has retired ids (aliases) on a skill and a level: their anchors stay valid markup."""
    assert check(browser, tiny_url, url, "light") == []


def test_axe_finds_a_violation_when_there_is_one(page, base_url):
    page.goto(base_url + "skills/")
    page.evaluate("() => { document.querySelector('.md-typeset p a').style.color = '#bbb'; }")
    assert any(violation.startswith("color-contrast") for violation in axe_report(page))
