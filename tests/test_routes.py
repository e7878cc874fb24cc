"""One source for routes: extra.ladder.pages says which folder holds each kind of item, and every
page, link, export and check follows it. Moving a kind of item is that line and its overview page."""

from __future__ import annotations

import csv
import io
import shutil

import pytest

from ladder.routes import FOLDERS, PAGES, RouteError, Routes
from tools.project import build, mkdocs_build


def move_outcomes_to_their_own_folder(project, route: bool = True, overview: bool = True) -> None:
    """Show the tiny ladder's outcomes under outcomes/ instead of impact/."""
    if overview:
        shutil.move(project / "docs" / "impact", project / "docs" / "outcomes")
    else:
        (project / "docs" / "outcomes").mkdir()
        (project / "docs" / "outcomes" / "index.md").write_text(
            '---\ndescription: "Outcomes."\n---\n\n# Outcomes { #outcomes }\n', encoding="utf-8"
        )
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8").replace(
        "  - Impact: impact/index.md\n",
        "  - Outcomes: outcomes/index.md\n"
        if overview
        else "  - Impact: impact/index.md\n  - Outcomes: outcomes/index.md\n",
    )
    if route:
        text += "extra:\n  ladder:\n    pages:\n      outcome: outcomes/\n"
    config.write_text(text, encoding="utf-8")


def test_moving_a_kind_of_item_moves_every_page_and_link_to_it(tiny_project, tmp_path):
    move_outcomes_to_their_own_folder(tiny_project)
    built = build(tiny_project, tmp_path / "out")
    assert built.broken_links() == []
    assert built.soup("outcomes/").find(id="outcome-savings--middle") is not None
    assert built.soup("outcomes/savings/").find(id="outcome-savings--middle") is not None
    assert "impact/" not in built.pages and "impact/savings/" not in built.pages

    middle = built.soup("levels/middle/")
    see_all = middle.find(attrs={"data-ladder-for": "outcome-savings--middle"}).find_next(
        class_="ladder-see-all"
    )
    assert see_all.a["href"] == "../../outcomes/savings/"
    compare = built.soup("compare/").find("a", string="Savings")
    assert compare["href"] == "../outcomes/savings/"
    rows = list(
        csv.DictReader(io.StringIO((tmp_path / "out" / "data" / "ladder-expectations.csv").read_text()))
    )
    urls = {row["url"] for row in rows if row["kind"] == "outcome"}
    assert urls and all("/outcomes/savings/#outcome-savings--" in url for url in urls)


def test_a_route_without_the_overview_and_the_reverse_name_the_fix(tiny_project, tmp_path):
    move_outcomes_to_their_own_folder(tiny_project, route=True, overview=False)
    result = mkdocs_build(tiny_project, tmp_path / "a")
    assert result.returncode != 0
    assert (
        "the outcome items live on outcomes/index.md (extra.ladder.pages.outcome in mkdocs.yml), "
        "not on impact/index.md" in result.stderr
    )
    assert (
        "outcome 'savings' is on no overview page: call {{ items(\"outcome\") }} on docs/outcomes/index.md"
        in (result.stderr)
    )


COMPLETE = {**dict.fromkeys(FOLDERS, "x/"), **dict.fromkeys(PAGES, "x.md")}


@pytest.mark.parametrize(
    "pages, phrase",
    [
        ({"skill": "skills/"}, "missing 'responsibility'"),
        ({**COMPLETE, "talent": "x.md"}, "unknown key(s) talent"),
        ({**COMPLETE, "level": "levels.md"}, "is a folder, written with a slash at the end"),
        ({**COMPLETE, "glance": "glance/"}, "is a page, such as 'glance.md'"),
    ],
)
def test_routes_that_cannot_work_are_refused_with_the_fix(pages, phrase):
    with pytest.raises(RouteError, match="extra.ladder.pages") as error:
        Routes.from_config(pages)
    assert phrase in str(error.value)
