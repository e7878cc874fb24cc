"""Ladder tools in the built HTML: level pages, what changes between levels, export, versions."""

from __future__ import annotations

import csv
import io
import json
import sys

from jsonschema import Draft202012Validator

from conftest import ROOT, Site, edit_data, mkdocs_build

sys.path.insert(0, str(ROOT / "tools"))
from sitemap import BuiltSite  # noqa: E402


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


def test_each_level_page_shows_what_changes_from_the_level_below(site: Site, ladder):
    for position, level in enumerate(ladder.levels):
        soup = site.soup(f"levels/{level.id}/")
        below = soup.select("details.ladder-below")
        if position == 0:
            assert below == []
            continue
        previous = ladder.levels[position - 1]
        assert len(below) == len(ladder.items())
        for item in ladder.items():
            body = soup.find(id=item.expectation_anchor(level.id)).find_next("div")
            details = body.find("details", class_="ladder-below")
            assert previous.name in words(details.summary)
            assert " ".join(item.expectations[previous.id].split()) in words(details)
        compare = soup.select_one(".ladder-compare-link a")["href"]
        assert compare.endswith(f"compare/?from={previous.id}&to={level.id}")


def test_compare_table_holds_every_expectation_of_every_level(site: Site, ladder):
    table = site.soup("compare/").select_one("table.ladder-compare-table")
    for item in ladder.items():
        row = table.find("a", string=item.name).find_parent("tr")
        for level in ladder.levels:
            cell = row.find("td", attrs={"data-level": level.id})
            assert words(cell) == " ".join(item.expectations[level.id].split())


def test_json_export_validates_against_the_published_schema_and_holds_every_id(site: Site, ladder):
    exported = json.loads((site.root / "data" / "ladder.json").read_text(encoding="utf-8"))
    schema = json.loads((site.root / "schema" / "ladder.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(exported)) == []

    source = json.loads(json.dumps(_yaml(ROOT / "docs" / "data" / "ladder.yml"), default=str))
    for section in ("levels", "skill_groups", "skills", "responsibilities"):
        assert [entry["id"] for entry in exported[section]] == [entry["id"] for entry in source[section]]
    for section in ("skills", "responsibilities"):
        for exported_item, source_item in zip(exported[section], source[section], strict=True):
            assert exported_item["expectations"] == {
                level: " ".join(text.split()) for level, text in source_item["expectations"].items()
            }
    assert exported["version"] == ladder.version


def test_csv_export_has_one_row_per_expectation_with_a_working_permalink(site: Site, ladder):
    rows = list(csv.DictReader(io.StringIO((site.root / "data" / "ladder-expectations.csv").read_text())))
    assert len(rows) == len(ladder.items()) * len(ladder.levels)
    built = BuiltSite(site.root)
    for row in rows:
        path, _, anchor = row["url"].removeprefix("https://ml-engineer-ladder.org/").partition("#")
        assert anchor == row["anchor"] and anchor in built.pages[path].ids, row["url"]
        assert row["expectation"] == " ".join(
            ladder.find_anchor(anchor)[0].expectations[row["level"]].split()
        )


def test_exports_are_linked_from_the_site(site: Site):
    links = {a["href"] for a in site.soup("data-export/").select("article a[href]")}
    for target in ("../data/ladder.json", "../data/ladder-expectations.csv", "../schema/ladder.schema.json"):
        assert target in links
    nav = [words(a) for a in site.soup("").select("nav.md-nav--primary a")]
    assert "Data and export" in nav and "Changelog" in nav


def test_changelog_and_changed_in_marks(site: Site, ladder):
    changelog = site.soup("changelog/")
    for release in ladder.changelog:
        assert changelog.find(id=release.anchor), release.version
    since = changelog.find(id="since-v1-0-0").find_next("ul")
    for item in ladder.responsibilities:
        assert since.find("a", href=f"../responsibilities/#{item.anchor}")

    changed = {change.item for _, change in ladder.changes_in(ladder.version)}
    for page, items in (("responsibilities/", ladder.responsibilities), ("skills/", ladder.skills)):
        soup = site.soup(page)
        for item in items:
            badge = soup.find(id=item.anchor).find_next("div").find(class_="ladder-changed")
            assert (badge is not None) == (item.anchor in changed), item.anchor
            if badge:
                assert words(badge) == f"Changed in {ladder.version}"


def test_a_new_release_marks_its_items_and_appears_in_changes_since(project, tmp_path):
    def release(data):
        data["version"] = "1.2.0"
        data["changelog"].insert(
            0,
            {
                "version": "1.2.0",
                "date": "2026-12-01",
                "summary": "Sharper statistics expectation for Senior.",
                "changes": [{"item": "skill-statistics--senior", "note": "Names the experiment checks."}],
            },
        )

    edit_data(project, release)
    assert mkdocs_build(project, tmp_path / "out").returncode == 0
    built = Site(tmp_path / "out")
    skills = built.soup("skills/")
    assert "Changed in 1.2.0" in words(skills.find(id="skill-statistics").find_next("div"))
    assert "Changed in" not in words(skills.find(id="skill-linear-algebra").find_next("div"))
    changelog = built.soup("changelog/")
    for version in ("1.1.0", "1.0.0"):
        section = changelog.find(id=f"since-v{version.replace('.', '-')}").find_next("ul")
        assert section.find("a", href="../skills/#skill-statistics--senior")
    assert "Changed in 1.1.0" not in built.html("responsibilities/")


def _yaml(path):
    import yaml

    return yaml.safe_load(path.read_text(encoding="utf-8"))
