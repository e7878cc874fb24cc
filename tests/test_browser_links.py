"""Copy link, cite and deep-link landing, in a real Chromium."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import Site, edit_data, item, mkdocs_build, serve

SITE_URL = "https://ml-engineer-ladder.org/"
STATISTICS_SENIOR = "Statistics — Senior ML Engineer"


def local(url: str, base_url: str) -> str:
    """The copy of a published URL on the test server."""
    assert url.startswith(SITE_URL), url
    return base_url + url.removeprefix(SITE_URL)


def anchor_exists(site: Site, url: str) -> bool:
    path, _, fragment = url.removeprefix(SITE_URL).partition("#")
    return site.soup(path).find(id=fragment) is not None


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_link_by_keyboard_puts_a_working_permalink_on_the_clipboard(page, base_url, site):
    page.goto(base_url + "skills/")
    control = page.get_by_role("button", name=f"Copy link to {STATISTICS_SENIOR}")
    control.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="copied").wait_for()
    url = clipboard(page)
    assert url == SITE_URL + "skills/#skill-statistics--senior"
    assert anchor_exists(site, url)

    page.goto(local(url, base_url))
    target = page.locator("#skill-statistics--senior")
    assert "ladder-target" in target.get_attribute("class")
    assert_in_view_below_header(page, target)


def test_cite_copies_a_markdown_link_with_title_level_and_version(page, base_url, ladder, site):
    page.goto(base_url + "levels/senior/")
    page.get_by_role("button", name=f"Cite {STATISTICS_SENIOR}").click()
    citation = clipboard(page)
    match = re.fullmatch(r"\[(.+)\]\((\S+)\) \((.+), version (\S+)\)", citation)
    assert match, citation
    title, url, ladder_name, version = match.groups()
    assert title == STATISTICS_SENIOR
    assert url == SITE_URL + "levels/senior/#skill-statistics--senior" and anchor_exists(site, url)
    assert ladder_name == "ML Engineer Career Ladder"
    assert version == ladder.version


@pytest.mark.parametrize(
    "url, control",
    [
        ("skills/", "Copy link to Statistics"),
        (
            "responsibilities/",
            "Copy link to Developing machine learning models — Staff ML Engineer",
        ),
        ("levels/", "Copy link to Principal ML Engineer"),
        ("role/", "Copy link to How the role evolved"),
    ],
)
def test_every_kind_of_item_has_a_named_control(page, base_url, url, control):
    page.goto(base_url + url)
    expect(page.get_by_role("button", name=control, exact=True)).to_have_count(1)


@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
@pytest.mark.parametrize(
    "viewport",
    [{"width": 1280, "height": 800}, {"width": 360, "height": 740}],
    ids=["desktop", "phone"],
)
def test_a_deep_link_lands_below_the_header_and_is_marked_without_colour_alone(
    browser, base_url, scheme, palette, viewport
):
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + "skills/#skill-cloud-distributed--staff")
    assert page.locator("body").get_attribute("data-md-color-scheme") == palette
    target = page.locator("#skill-cloud-distributed--staff")
    assert_in_view_below_header(page, target)
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "dashed"
    label = target.locator("dt").evaluate("e => getComputedStyle(e, '::before').content")
    assert "Linked" in label
    context.close()


LABELS = """(target) => [target, ...target.querySelectorAll('*')]
  .filter((element) => getComputedStyle(element, '::before').content === '"Linked item"')
  .map((element) => element.tagName.toLowerCase())"""


@pytest.mark.parametrize(
    "url, label_on",
    [
        ("skills/#skill-statistics", ["h3"]),
        ("skills/#skill-statistics--senior", ["dt"]),
        ("levels/#level-senior", ["th"]),
        ("role/#how-the-role-evolved", ["h2"]),
    ],
)
def test_a_linked_item_has_one_label(page, base_url, url, label_on):
    page.goto(base_url + url)
    target = page.locator("#" + url.split("#")[1])
    expect(target).to_have_class(re.compile(r"\bladder-target\b"))
    assert target.evaluate(LABELS) == label_on


def test_an_alias_lands_on_the_renamed_item(page, project, tmp_path):
    edit_data(
        project,
        lambda data: item(data, "skills", "delivery").update(
            id="delivery-and-prioritisation", aliases=["delivery"]
        ),
    )
    assert mkdocs_build(project, tmp_path / "out").returncode == 0
    with serve(tmp_path / "out") as renamed:
        page.goto(renamed + "skills/#skill-delivery--senior")
        target = page.locator("#skill-delivery-and-prioritisation--senior")
        assert "ladder-target" in target.get_attribute("class")
        assert_in_view_below_header(page, target)
    assert (
        Site(tmp_path / "out").soup("skills/").find(id="skill-delivery--senior")["data-alias-of"]
        == "skill-delivery-and-prioritisation--senior"
    )


def assert_in_view_below_header(page, target):
    header = page.locator("header.md-header").bounding_box()
    box = target.bounding_box()
    viewport = page.viewport_size
    assert box["y"] >= header["y"] + header["height"] - 1, (box, header)
    assert box["y"] < viewport["height"], (box, viewport)
