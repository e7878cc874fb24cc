"""Ladder tools in the built HTML: level pages, what changes between levels, export, versions."""

from __future__ import annotations

import csv
import io
import json

import yaml
from jsonschema import Draft202012Validator

from tools.project import DATA_FILE, ROOT, edit_data, mkdocs_build
from tools.site import BuiltSite


def words(element) -> str:
    return " ".join(element.get_text(" ").split())


def squeeze(value: str) -> str:
    return " ".join(value.split())


def test_each_level_page_shows_what_changes_from_the_level_below(site: BuiltSite, ladder):
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
            assert squeeze(item.expectations[previous.id]) in words(details)
        compare = soup.select_one(".ladder-compare-link a")["href"]
        assert compare.endswith(f"compare/?from={previous.id}&to={level.id}")


def test_compare_table_holds_every_expectation_of_every_level(site: BuiltSite, ladder):
    table = site.soup("compare/").select_one("table.ladder-compare-table")
    for item in ladder.items():
        row = table.find("a", string=item.name).find_parent("tr")
        for level in ladder.levels:
            cell = row.find("td", attrs={"data-level": level.id})
            assert words(cell) == squeeze(item.expectations[level.id])


def test_json_export_validates_against_the_published_schema_and_holds_every_id(site: BuiltSite, ladder):
    exported = json.loads((site.root / "data" / "ladder.json").read_text(encoding="utf-8"))
    schema = json.loads((site.root / "schema" / "ladder.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(exported)) == []

    source = json.loads(
        json.dumps(yaml.safe_load((ROOT / DATA_FILE).read_text(encoding="utf-8")), default=str)
    )
    for section in ("levels", "skill_groups", "skills", "responsibilities"):
        assert [item["id"] for item in exported[section]] == [item["id"] for item in source[section]]
    for section in ("skills", "responsibilities"):
        for exported_item, source_item in zip(exported[section], source[section], strict=True):
            assert exported_item["expectations"] == {
                level: squeeze(text) for level, text in source_item["expectations"].items()
            }
    assert exported["version"] == ladder.version


def test_csv_export_has_one_row_per_expectation_with_a_working_permalink(site: BuiltSite, ladder, site_url):
    rows = list(csv.DictReader(io.StringIO((site.root / "data" / "ladder-expectations.csv").read_text())))
    assert len(rows) == len(ladder.items()) * len(ladder.levels)
    for row in rows:
        assert row["url"].startswith(site_url), row["url"]
        path, _, anchor = row["url"].removeprefix(site_url).partition("#")
        assert anchor == row["anchor"] and anchor in site.page(path).ids, row["url"]
        item, level = ladder.resolve(anchor)
        assert level.id == row["level"] and row["expectation"] == squeeze(item.expectations[level.id])


def test_exports_are_linked_from_the_site(site: BuiltSite):
    links = {a["href"] for a in site.soup("data-export/").select("article a[href]")}
    for target in ("../data/ladder.json", "../data/ladder-expectations.csv", "../schema/ladder.schema.json"):
        assert target in links
    nav = [words(a) for a in site.soup("").select("nav.md-nav--primary a")]
    assert "Data and export" in nav and "Changelog" in nav


def changed_by_the_current_release(ladder) -> set[str]:
    """Items whose anchor, or one of whose expectations' anchors, the current release names."""
    return {change.item.partition("--")[0] for _, change in ladder.changes_in(ladder.version)}


def test_changelog_lists_every_release_and_what_changed_since_each(site: BuiltSite, ladder):
    changelog = site.soup("changelog/")
    for release in ladder.changelog:
        assert changelog.find(id=release.anchor), release.version
    for release in ladder.changelog[1:]:
        since = changelog.find(id=f"since-{release.anchor}").find_next("div")
        linked = {a["href"].split("#")[1] for a in since.find_all("a")}
        assert linked == {change.item for _, change in ladder.changes_since(release.version)}


def test_changed_in_marks_sit_exactly_on_what_the_current_release_changed(site: BuiltSite, ladder):
    changed = changed_by_the_current_release(ladder)
    for url, items in (("responsibilities/", ladder.responsibilities), ("skills/", ladder.skills)):
        soup = site.soup(url)
        for item in items:
            badge = soup.find(id=item.anchor).find_next("div").find(class_="ladder-changed")
            assert (badge is not None) == (item.anchor in changed), item.anchor
            if badge:
                assert words(badge) == f"Changed in {ladder.version}"


def test_a_new_release_marks_its_items_and_appears_in_changes_since(tiny_project, tmp_path):
    def release(data):
        data["version"] = "1.2.0"
        data["changelog"].insert(
            0,
            {
                "version": "1.2.0",
                "date": "2026-03-01",
                "summary": "Sharper alpha expectation at the top.",
                "changes": [{"item": "skill-alpha--top", "note": "Names the standard."}],
            },
        )

    edit_data(tiny_project, release)
    assert mkdocs_build(tiny_project, tmp_path / "out").returncode == 0
    built = BuiltSite(tmp_path / "out")
    skills = built.soup("skills/")
    assert "Changed in 1.2.0" in words(skills.find(id="skill-alpha").find_next("div"))
    assert "Changed in" not in words(skills.find(id="skill-beta").find_next("div"))
    changelog = built.soup("changelog/")
    for version in ("1.1.0", "1.0.0"):
        section = changelog.find(id=f"since-v{version.replace('.', '-')}").find_next("ul")
        assert section.find("a", href="../skills/#skill-alpha--top")
    assert section.find("a", href="../skills/#skill-beta--middle")  # 1.1.0's change, since 1.0.0
