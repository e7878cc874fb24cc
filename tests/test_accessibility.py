"""Zero axe-core violations (WCAG 2.2 A and AA) on every page, in light and in dark mode."""

from __future__ import annotations

import pytest

from conftest import READER_PAGES, axe_violations, is_redirect_stub, load_material, settle


def test_the_pages_checked_here_are_every_page_of_the_site(site):
    built = {
        path.relative_to(site.root).as_posix().removesuffix("index.html")
        for path in site.pages()
        if not is_redirect_stub(path.read_text(encoding="utf-8"))
    }
    assert built == set(READER_PAGES)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("url", READER_PAGES)
def test_no_axe_violations(browser, base_url, url, scheme):
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + url)
    palette = {"light": "default", "dark": "slate"}[scheme]
    assert page.locator("body").get_attribute("data-md-color-scheme") == palette
    load_material(page)
    settle(page)
    violations = axe_violations(page)
    context.close()
    assert violations == []


def test_axe_finds_a_violation_when_there_is_one(page, base_url):
    page.goto(base_url + "skills/")
    page.evaluate(
        """() => {
            const link = document.querySelector(".md-typeset p a");
            link.style.color = "#bbb";
        }"""
    )
    assert any(violation.startswith("color-contrast") for violation in axe_violations(page))
