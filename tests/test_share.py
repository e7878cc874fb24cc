"""Copy link, cite and deep-link landing, in a real Chromium: quiet icon controls on every heading and
every level of an item, by pointer, keyboard and touch, and a deep link that lands in sight."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from ladder.routes import page_url
from tools.site import BuiltSite

DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 390, "height": 844}


def local(url: str, site_url: str, base_url: str) -> str:
    """The copy of a published URL on the test server."""
    assert url.startswith(site_url), url
    return base_url + url.removeprefix(site_url)


def anchor_exists(site: BuiltSite, url: str, site_url: str) -> bool:
    path, _, fragment = url.removeprefix(site_url).partition("#")
    return fragment in site.page(path).ids


def clipboard(page) -> str:
    return page.evaluate("navigator.clipboard.readText()")


def test_copy_link_by_keyboard_puts_a_working_permalink_on_the_clipboard(
    page, base_url, site, ladder, site_url
):
    skill, level = ladder.skills[0], ladder.centre_level
    page.goto(base_url + "skills/")
    control = page.get_by_role("button", name=f"Copy link to {skill.name} — {level.name}", exact=True)
    control.focus()
    page.keyboard.press("Enter")
    page.get_by_role("status").filter(has_text="copied").wait_for()
    url = clipboard(page)
    assert url == f"{site_url}skills/#{skill.expectation_anchor(level.id)}"
    assert anchor_exists(site, url, site_url)

    page.goto(local(url, site_url, base_url))
    target = page.locator(f"#{skill.expectation_anchor(level.id)}")
    expect(target).to_have_class(re.compile(r"\bladder-target\b"))
    assert_in_view_below_header(page, target)


def test_cite_copies_a_markdown_link_with_title_level_and_version(
    page, base_url, ladder, site, site_url, ladder_site, routes
):
    skill, level = ladder.skills[-1], ladder.centre_level
    page.goto(base_url + f"levels/{level.id}/")
    page.get_by_role("button", name=f"Cite {skill.name} — {level.name}", exact=True).click()
    citation = clipboard(page)
    match = re.fullmatch(r"\[(.+)\]\((\S+)\) \((.+), version (\S+); current text: (\S+)\)", citation)
    assert match, citation
    title, pinned, ladder_name, version, url = match.groups()
    anchor = skill.expectation_anchor(level.id)
    assert title == f"{skill.name} — {level.name}"
    # The link pinned to this version first: it shows the same words after the next release.
    assert pinned == f"{site_url}{routes.pages['versions']}{ladder.version}/levels/{level.id}/#{anchor}"
    assert url == f"{site_url}levels/{level.id}/#{anchor}"
    assert anchor_exists(site, pinned, site_url) and anchor_exists(site, url, site_url)
    assert ladder_name == ladder_site.config.site_name and version == ladder.version


def controls(ladder, site):
    """One (page, control name) for every kind of thing that can be linked."""
    first_prose_heading = site.soup("role/").select_one("article h2")
    skill, level = ladder.skills[0], ladder.levels[-1]
    return [
        ("skills/", f"Copy link to {skill.name}"),
        ("responsibilities/", f"Copy link to {ladder.responsibilities[0].name} — {level.name}"),
        (f"skills/{skill.id}/", f"Copy link to {skill.name} — {level.name}"),
        (f"levels/{level.id}/", f"Copy link to {skill.name} — {level.name}"),
        ("levels/", f"Copy link to {level.name}"),
        ("role/", f"Copy link to {first_prose_heading.get_text(' ', strip=True).removesuffix('¶').strip()}"),
    ]


def test_every_kind_of_item_has_a_named_control(page, base_url, ladder, site):
    for url, name in controls(ladder, site):
        page.goto(base_url + url)
        expect(page.get_by_role("button", name=name, exact=True)).to_have_count(1)


@pytest.mark.parametrize("scheme, palette", [("light", "default"), ("dark", "slate")])
@pytest.mark.parametrize(
    "viewport", [{"width": 1280, "height": 800}, {"width": 360, "height": 740}], ids=["desktop", "phone"]
)
def test_a_deep_link_lands_below_the_header_and_is_marked_without_colour_alone(
    browser, base_url, ladder, scheme, palette, viewport
):
    anchor = ladder.skills[-1].expectation_anchor(ladder.levels[-2].id)  # far down the page
    context = browser.new_context(viewport=viewport, color_scheme=scheme)
    page = context.new_page()
    page.goto(base_url + f"skills/#{anchor}")
    assert page.locator("body").get_attribute("data-md-color-scheme") == palette
    target = page.locator(f"#{anchor}")
    assert_in_view_below_header(page, target)
    assert target.evaluate("e => getComputedStyle(e).outlineStyle") == "dashed"
    label = target.locator(".ladder-step__level").evaluate("e => getComputedStyle(e, '::before').content")
    assert "Linked" in label
    context.close()


LABELS = """(target) => [target, ...target.querySelectorAll('*')]
  .filter((element) => getComputedStyle(element, '::before').content === '"Linked item"')
  .map((element) => element.tagName.toLowerCase())"""


def test_a_linked_item_has_one_label(page, base_url, ladder, site):
    prose = site.soup("role/").select_one("article h2")["id"]
    skill = ladder.skills[0]
    targets = [
        (f"skills/#{skill.anchor}", ["h3"]),
        (f"skills/#{skill.expectation_anchor(ladder.levels[0].id)}", ["span"]),
        (f"skills/{skill.id}/#{skill.expectation_anchor(ladder.levels[0].id)}", ["h2"]),
        (f"levels/#{ladder.levels[-1].anchor}", ["th"]),
        (f"role/#{prose}", ["h2"]),
    ]
    for url, label_on in targets:
        page.goto(base_url + url)
        target = page.locator("#" + url.split("#")[1])
        expect(target).to_have_class(re.compile(r"\bladder-target\b"))
        assert target.evaluate(LABELS) == label_on, url


@pytest.mark.parametrize(
    "old, new",
    [
        ("skills/#skill-old-beta", "skill-beta"),
        ("skills/#skill-old-beta--middle", "skill-beta--middle"),
        ("skills/beta/#skill-old-beta--middle", "skill-beta--middle"),
        ("levels/middle/#skill-old-beta--middle", "skill-beta--middle"),
        ("levels/#level-mid", "level-middle"),
    ],
)
def test_an_alias_lands_on_the_item_that_took_it_over(page, tiny_url, tiny, old, new):
    assert tiny.soup(old.split("#")[0]).find(id=old.split("#")[1])["data-alias-of"] == new
    page.goto(tiny_url + old)
    target = page.locator(f"#{new}")
    expect(target).to_have_class(re.compile(r"\bladder-target\b"))
    assert_in_view_below_header(page, target)


def assert_in_view_below_header(page, target):
    header = page.locator("header.md-header").bounding_box()
    box = target.bounding_box()
    viewport = page.viewport_size
    assert box["y"] >= header["y"] + header["height"] - 1, (box, header)
    assert box["y"] < viewport["height"], (box, viewport)


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


def test_share_controls_work_by_keyboard_alone(page, tiny_url, tiny_ladder_site):
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
    citation = page.evaluate("navigator.clipboard.readText()")
    assert citation.startswith("[Beta](")
    assert f"{tiny_ladder_site.config.site_url}skills/#skill-beta" in citation


def test_on_touch_screens_the_controls_stay_in_sight(browser, tiny_url):
    context = browser.new_context(viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(tiny_url + "skills/")
    share = page.locator("#skill-alpha .ladder-share")
    share.wait_for(state="attached")
    assert opacity(share) > 0.5
    context.close()


def test_no_page_shows_a_text_button_to_copy_or_cite(page, base_url, ladder, routes):
    for url in ["", page_url(routes["skill"]), page_url(routes.level(ladder.levels[-1]))]:
        page.goto(base_url + url)
        page.wait_for_function("() => document.querySelectorAll('.ladder-share').length > 0")
        texts = page.eval_on_selector_all(
            ".ladder-share__button", "buttons => buttons.map(b => b.innerText.trim())"
        )
        assert texts and set(texts) == {""}, url
