"""The ladder's shape is data: a level, an item of any kind, a skill group or the centre level added,
moved, reordered or retired in the data file alone gives every page, link and column it needs."""

from __future__ import annotations

import copy
import re

import pytest

from ladder.routes import page_url
from ladder.site import LadderSite
from tools.project import ROOT, build, edit_data, entry, mkdocs_build, tiny_ladder
from tools.site import BuiltSite, words


def expectation(text: str) -> dict:
    return {
        "short": text[:40],
        "text": text,
        "example": f"{text} An example.",
        "evidence": "A record.",
        "not_yet": "Less.",
    }


def grown(data) -> None:
    """A level between the middle and the top, an item of each kind and a skill group, the centre moved."""
    data["levels"].insert(
        2,
        {
            "id": "upper",
            "name": "Upper Level",
            "summary": "Leads a group of components.",
            "scope": "A group of components over half a year.",
            "step": "From one component to a group of them.",
            "core": ["responsibility-build", "responsibility-run", "skill-alpha"],
        },
    )
    for section in ("responsibilities", "outcomes", "skills"):
        for item in data[section]:
            if not item.get("ends_at"):
                item["expectations"]["upper"] = expectation(f"{item['name']} at the upper level.")
    levels = ["first", "middle", "upper", "top"]
    data["responsibilities"].append(
        {
            "id": "teach",
            "name": "Teaching things",
            "summary": "Teaching others.",
            "expectations": {level: expectation(f"Teaches at {level}.") for level in levels},
        }
    )
    data["outcomes"].append(
        {
            "id": "growth",
            "name": "Growth",
            "summary": "New revenue.",
            "expectations": {level: expectation(f"Grows revenue at {level}.") for level in levels},
        }
    )
    data["skill_groups"].append({"id": "craft", "name": "Craft skills", "summary": "How the work is made."})
    data["skills"].append(
        {
            "id": "delta",
            "group": "craft",
            "name": "Delta",
            "summary": "A craft skill.",
            "expectations": {level: expectation(f"Delta at {level}.") for level in levels},
        }
    )
    archetyped = [level["id"] for level in data["levels"] if level.get("archetyped")]
    for section, item_id in (("responsibilities", "teach"), ("outcomes", "growth"), ("skills", "delta")):
        for level_id in archetyped:
            entry(data, section, item_id)["expectations"][level_id]["archetypes"] = [
                data["archetypes"][0]["id"]
            ]
    data["centre"] = "upper"


@pytest.fixture(scope="session")
def grown_site(shared):
    def make(out):
        project = tiny_ladder(out)
        edit_data(project, grown)
        build(project, out / "site")

    out = shared("grown", make)
    return BuiltSite(out / "site"), LadderSite.load(out / "tiny" / "mkdocs.yml")


def test_a_new_level_gets_its_pages_its_column_and_its_place_in_the_navigation(grown_site):
    site, ladder_site = grown_site
    upper = ladder_site.ladder.level("upper")
    for page in (ladder_site.routes.level(upper), ladder_site.routes.assess(upper)):
        assert page_url(page) in site.pages, page
    nav = [words(a) for a in site.soup("").select("nav.md-nav--primary a.md-nav__link")]
    assert nav.index("Middle Level") < nav.index("Upper Level") < nav.index("Top Level")
    columns = [th["data-level"] for th in site.soup("glance/").select("thead th[data-level]")]
    assert columns == ["first", "middle", "upper", "top"]
    assert site.soup("skills/alpha/").find(id="skill-alpha--upper") is not None
    assert "What changes from Middle Level" in words(site.soup("levels/upper/").find("article"))
    assert site.broken_links() == []


def test_the_centre_level_is_one_field_that_every_page_follows(grown_site):
    site, _ = grown_site
    glance = site.soup("glance/")
    assert [th["data-level"] for th in glance.select("thead th.ladder-centre")] == ["upper"]
    assert {td["data-level"] for td in glance.select("td.ladder-centre")} == {"upper"}
    steps = site.soup("skills/").select(".ladder-step.ladder-centre")
    assert steps and all(step["id"].endswith("--upper") for step in steps)
    cards = site.soup("skills/alpha/").select(".ladder-card.ladder-centre")
    assert [card["data-ladder-for"] for card in cards] == ["skill-alpha--upper"]
    compare = site.soup("compare/")
    assert compare.select_one("#compare-from option[selected]")["value"] == "middle"
    assert compare.select_one("#compare-to option[selected]")["value"] == "upper"
    assert "centre" in words(site.soup("self-assessment/").find(id="assess-upper"))


def test_new_items_of_every_kind_and_a_new_group_appear_everywhere(grown_site):
    site, ladder_site = grown_site
    routes = ladder_site.routes
    for kind, item_id in (("responsibility", "teach"), ("outcome", "growth"), ("skill", "delta")):
        item = ladder_site.ladder.item(kind, item_id)
        assert site.soup(page_url(routes[kind])).find(id=item.anchor) is not None
        assert site.soup(page_url(routes.item(item))).find("h1")["id"] == item.anchor
        assert site.soup("levels/top/").find(id=item.expectation_anchor("top")) is not None
        assert site.soup("glance/").find("tr", id=item.anchor) is not None
        assert site.soup("self-assessment/top/").select_one(f"[data-key='{item.expectation_anchor('top')}']")
    skills = site.soup("skills/")
    group = skills.find(id="craft-skills")
    assert words(group).removesuffix(" ¶") == "Craft skills" and group.find_next(id="skill-delta") is not None


def shrunk(data) -> None:
    """The first level removed, the top and middle levels swapped, and the skill gamma retired into alpha."""
    first = data["levels"].pop(0)
    data["levels"][1]["step"], data["levels"][0]["step"] = data["levels"][0]["step"], "From nothing."
    data["levels"][0], data["levels"][1] = data["levels"][1], data["levels"][0]
    data["levels"][1]["step"] = "Back to one component."
    data["levels"][0].pop("step")
    for section in ("responsibilities", "outcomes", "skills"):
        for item in data[section]:
            item["expectations"].pop(first["id"], None)
    entry(data, "skills", "beta").pop("ends_at")
    entry(data, "skills", "beta")["expectations"]["top"] = copy.deepcopy(
        entry(data, "skills", "beta")["expectations"]["middle"]
    )
    entry(data, "skills", "beta")["expectations"]["top"]["archetypes"] = [data["archetypes"][0]["id"]]
    data["skills"] = [skill for skill in data["skills"] if skill["id"] != "gamma"]
    data["skill_groups"] = [group for group in data["skill_groups"] if group["id"] != "people"]
    entry(data, "skills", "alpha")["aliases"] = ["gamma"]
    entry(data, "responsibilities", "run")["skills"] = ["gamma"]  # an old id still resolves
    data["centre"] = "top"


def test_a_level_removed_and_levels_reordered_and_an_item_retired_build_whole(tiny_project, tmp_path):
    edit_data(tiny_project, shrunk)
    site = build(tiny_project, tmp_path / "site")
    assert "levels/first/" not in site.pages and "self-assessment/first/" not in site.pages
    columns = [th["data-level"] for th in site.soup("glance/").select("thead th[data-level]")]
    assert columns == ["top", "middle"]
    assert site.soup("skills/").find(id="skill-gamma--top")["data-alias-of"] == "skill-alpha--top"
    refresh = site.soup("skills/gamma/").find("meta", attrs={"http-equiv": "refresh"})
    assert refresh["content"].endswith("../alpha/")
    assert site.broken_links() == []


def test_no_stylesheet_or_script_names_a_level():
    """The centre and every level are data: styles and scripts read them from the page."""
    levels = {level.id for level in LadderSite.load(ROOT / "mkdocs.yml").ladder.levels}
    sources = [*(ROOT / "docs" / "assets").rglob("*.css"), *(ROOT / "docs" / "assets").rglob("*.js")]
    named = [
        f"{path.relative_to(ROOT)}: {level}"
        for path in sources
        for level in levels
        if re.search(rf"[.\-_\"'=]{re.escape(level)}\b", path.read_text(encoding="utf-8"))
    ]
    assert named == []


def test_a_page_written_by_hand_where_one_is_generated_is_refused(tiny_project, tmp_path):
    page = tiny_project / "docs" / "levels" / "middle.md"
    page.write_text(
        "---\ndescription: A page written by hand.\n---\n\n# Middle { #middle }\n", encoding="utf-8"
    )
    result = mkdocs_build(tiny_project, tmp_path / "out")
    assert result.returncode != 0
    assert "docs/levels/middle.md is written by hand, but the build generates that page" in result.stderr
