"""One source for routes: extra.ladder_pages says which page shows each kind of item, and every link,
export and check follows it. Moving a kind of item to another page is that line plus the macro call."""

from __future__ import annotations

import csv
import io

import pytest

from ladder.routes import PLACES, RouteError, Routes
from tools.project import mkdocs_build
from tools.site import BuiltSite


def move_impact_to_its_own_page(project, route: bool = True, call: bool = True) -> None:
    """Show the tiny ladder's business impact on outcomes.md instead of impact.md."""
    impact, outcomes = project / "docs" / "impact.md", project / "docs" / "outcomes.md"
    outcomes.write_text('---\ndescription: "Outcomes."\n---\n\n# Outcomes { #outcomes }\n', encoding="utf-8")
    if call:
        impact.write_text(
            impact.read_text(encoding="utf-8").replace('{{ impact("savings", 2) }}', ""), encoding="utf-8"
        )
        outcomes.write_text(
            outcomes.read_text(encoding="utf-8") + '\n{{ impact("savings", 2) }}\n', encoding="utf-8"
        )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - Impact: impact.md\n", "  - Impact: impact.md\n  - Outcomes: outcomes.md\n"
    )
    if route:
        text += "extra:\n  ladder_pages:\n    outcome: outcomes.md\n"
    config.write_text(text, encoding="utf-8")


def test_moving_a_kind_of_item_moves_every_link_to_it(tiny_project, tmp_path):
    move_impact_to_its_own_page(tiny_project)
    result = mkdocs_build(tiny_project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    built = BuiltSite(tmp_path / "out")
    assert built.broken_links() == []
    assert built.soup("outcomes/").find(id="outcome-savings--middle") is not None
    assert built.soup("impact/").find(id="outcome-savings") is None

    middle = built.soup("levels/middle/")
    see_all = middle.find(id="outcome-savings--middle").find_next("div").select_one(".ladder-see-all a")
    assert see_all["href"] == "../../outcomes/#outcome-savings"
    compare = built.soup("compare/").find("a", string="Savings")
    assert compare["href"] == "../outcomes/#outcome-savings"
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "out" / "data" / "ladder-expectations.csv").read_text()))
    )
    urls = {row["url"] for row in rows if row["kind"] == "outcome"}
    assert urls and all("/outcomes/#outcome-savings--" in url for url in urls)


def test_a_route_without_the_macro_call_and_the_reverse_name_the_fix(tiny_project, tmp_path):
    move_impact_to_its_own_page(tiny_project, route=True, call=False)
    result = mkdocs_build(tiny_project, tmp_path / "a")
    assert result.returncode != 0
    assert (
        "outcome items live on outcomes.md (extra.ladder_pages.outcome in mkdocs.yml), not on impact.md"
        in result.stderr
    )
    assert "outcome 'savings' is on no page: call {{ impact(\"savings\") }} on outcomes.md" in result.stderr


COMPLETE = {**dict.fromkeys(PLACES, "x.md"), "level": "levels/{id}.md"}


@pytest.mark.parametrize(
    "pages, phrase",
    [
        ({"skill": "skills.md"}, "missing 'responsibility'"),
        ({**COMPLETE, "talent": "x.md"}, "unknown key(s) talent"),
        ({**COMPLETE, "level": "levels/senior.md"}, "write the level id as {id}"),
    ],
)
def test_routes_that_cannot_work_are_refused_with_the_fix(pages, phrase):
    with pytest.raises(RouteError, match="extra.ladder_pages") as error:
        Routes.from_config(pages)
    assert phrase in str(error.value)
