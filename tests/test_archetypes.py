"""Archetypes, core items and one owner per behaviour (Ladder 2.1), on the tiny ladder: its top level
is archetyped (deep, broad), each level names core items, and one expectation points to its owner."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ladder.load import LadderDataError
from tools.project import edit_data, entry
from tools.site import BuiltSite

# --- The data file's rules: each message names the line, the item and the fix ---


def broken(tiny_project, change) -> str:
    edit_data(tiny_project, change)
    from ladder.load import load_ladder

    with pytest.raises(LadderDataError) as error:
        load_ladder(tiny_project / "docs/data/ladder.yml")
    return str(error.value)


def test_an_unknown_archetype_is_named_with_the_known_ones(tiny_project):
    def typo(data):
        entry(data, "skills", "alpha")["expectations"]["top"]["archetypes"] = ["dep"]

    message = broken(tiny_project, typo)
    assert "[item alpha]" in message and "unknown archetype 'dep' (did you mean 'deep'?)" in message
    assert "ladder.yml:" in message


def test_an_expectation_of_an_archetyped_level_must_name_its_archetypes(tiny_project):
    def missing(data):
        del entry(data, "skills", "gamma")["expectations"]["top"]["archetypes"]

    assert "skill-gamma--top is at an archetyped level: list the archetypes" in broken(tiny_project, missing)


def test_archetypes_belong_to_archetyped_levels_only(tiny_project):
    def misplaced(data):
        entry(data, "skills", "gamma")["expectations"]["first"]["archetypes"] = ["deep"]

    assert "level 'first' is not `archetyped`" in broken(tiny_project, misplaced)


def test_see_names_an_expectation_that_exists(tiny_project):
    def dangling(data):
        entry(data, "outcomes", "savings")["expectations"]["middle"]["see"] = ["responsibility-bild--middle"]

    message = broken(tiny_project, dangling)
    assert (
        "`see:` names 'responsibility-bild--middle'" in message and "responsibility-build--middle" in message
    )


@pytest.mark.parametrize("core", [["responsibility-build"], ["skill-alpha", "skill-beta", "skill-gama"]])
def test_a_level_names_three_to_five_core_items_that_exist(tiny_project, core):
    def change(data):
        data["levels"][0]["core"] = core

    message = broken(tiny_project, change)
    assert ("names 1 core items: name 3 to 5" in message) or ("`core:` names 'skill-gama'" in message)


# --- The built pages ---


def test_an_archetyped_expectation_says_whom_it_is_for_and_carries_them(tiny: BuiltSite, tiny_ladder_site):
    ladder = tiny_ladder_site.ladder
    names = {archetype.id: archetype.name for archetype in ladder.archetypes}
    soup = tiny.soup("levels/top/")
    for item in ladder.items():
        expectation = item.at("top")
        if expectation is None:
            continue
        card = soup.find(attrs={"data-ladder-for": item.expectation_anchor("top")})
        assert card["data-archetypes"].split() == expectation.archetypes
        assert card.find(class_="ladder-archetypes").get_text() == "For " + ", ".join(
            names[name] for name in expectation.archetypes
        )
        heading = soup.find(id=item.expectation_anchor("top"))
        assert heading["data-archetypes"] == card["data-archetypes"]
    assert soup.find(attrs={"data-ladder-archetype-filter": True})
    assert tiny.soup("levels/middle/").find(attrs={"data-ladder-archetype-filter": True}) is None


def test_an_expectation_links_the_one_that_owns_its_behaviour(tiny: BuiltSite, tiny_ladder_site):
    ladder = tiny_ladder_site.ladder
    for item in ladder.items():
        for level in ladder.levels:
            expectation = item.at(level.id)
            if not expectation or not expectation.see:
                continue
            page = f"levels/{level.id}/"
            card = tiny.soup(page).find(attrs={"data-ladder-for": item.expectation_anchor(level.id)})
            links = card.find(class_="ladder-see").find_all("a")
            assert [link["href"].partition("#")[2] for link in links] == expectation.see
            for link in links:
                target = tiny.target(page, link["href"])
                assert tiny.resolves(*target) is None


def test_not_in_my_role_is_offered_for_items_outside_the_core_only(tiny: BuiltSite, tiny_ladder_site):
    for level in tiny_ladder_site.ladder.levels:
        soup = tiny.soup(f"self-assessment/{level.id}/")
        for item in soup.select(".ladder-assess-item"):
            states = [radio["value"] for radio in item.select("input[type=radio]")]
            core = item["data-key"].partition("--")[0] in level.core
            assert ("not-in-role" in states) != core, item["data-key"]
            assert (item.find(class_="ladder-core") is not None) == core


def test_the_core_items_and_the_archetypes_are_listed_from_the_data(tiny: BuiltSite, tiny_ladder_site):
    """The macros core_items() and archetypes(), on a page of the tiny ladder."""
    ladder = tiny_ladder_site.ladder
    soup = tiny.soup("levels/")
    table = soup.find("table", attrs={"data-ladder-core-items": True})
    for level in ladder.levels:
        row = table.find("a", string=level.name).find_parent("tr")
        assert [a.get_text() for a in row.find_all("td")[0].find_all("a")] == [
            ladder.resolve(anchor)[0].name for anchor in level.core
        ]
    for archetype in ladder.archetypes:
        assert soup.find(id=archetype.anchor).get_text().startswith(archetype.name)


# --- In the browser ---


def test_the_glance_shows_one_archetype_and_keeps_it_in_the_address(page, tiny_url):
    page.goto(tiny_url + "glance/")
    page.get_by_label("Show the expectations of").select_option("deep")
    page.wait_for_url("**?archetype=deep")
    off = page.locator('td[data-level="top"][data-archetypes="broad"]').first
    expect(off).to_contain_text("Not asked of this archetype")
    expect(off.locator("a")).to_be_hidden()
    expect(page.locator('td[data-level="top"][data-archetypes="deep"] a').first).to_be_visible()
    page.reload()
    expect(page.get_by_label("Show the expectations of")).to_have_value("deep")


def test_the_self_assessment_of_one_archetype_counts_and_exports_its_expectations(
    page, tiny_url, tiny_ladder_site
):
    ladder, top = tiny_ladder_site.ladder, tiny_ladder_site.ladder.level("top")
    asked = [item for item in ladder.items() if item.at(top.id)]
    deep = [item for item in asked if "deep" in item.at(top.id).archetypes]
    others = [item for item in asked if item not in deep]
    outside = next(item for item in deep if item.anchor not in top.core)
    assert others
    page.goto(tiny_url + f"self-assessment/{top.id}/?archetype=deep")
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    for item in others:
        expect(page.locator(f'[data-key="{item.expectation_anchor(top.id)}"]')).to_be_hidden()
    answers = page.locator(f'[data-key="{outside.expectation_anchor(top.id)}"] .ladder-assess-states')
    answers.locator("label", has=page.locator("input[value=not-in-role]")).click()
    page.get_by_role("button", name="Copy as Markdown").click()
    text = page.evaluate("navigator.clipboard.readText()")
    assert "Archetype: Deep specialist." in text
    assert all(f"[{item.name}](" in text for item in deep)
    assert not any(f"[{item.name}](" in text for item in others)
    assert f"**Not in my role**: [{outside.name}]" in text
    assert "Not in my role: 1" in text
