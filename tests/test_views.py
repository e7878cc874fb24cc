"""The ladder's views in the built HTML: level pages, the comparison, the exports, the changelog and its
marks."""

from __future__ import annotations

import csv
import io
import json

import yaml
from jsonschema import Draft202012Validator

from ladder.routes import page_url
from tools.project import DATA_FILE, ROOT, edit_data, mkdocs_build
from tools.site import BuiltSite, squeeze, words


def test_each_level_page_says_what_changes_from_the_level_below_and_links_the_comparison(
    site: BuiltSite, ladder, routes
):
    for level in ladder.levels:
        soup = site.soup(page_url(routes.level(level)))
        below = ladder.below(level)
        link = soup.select_one(".ladder-compare-link a")
        if below is None:
            assert link is None and soup.select_one(".ladder-step-up") is None
            continue
        step = soup.select_one(".ladder-step-up")
        assert below.name in words(step) and squeeze(level.step) in words(step)
        assert link["href"].endswith(f"compare/?from={below.id}&to={level.id}")


def test_the_comparison_holds_the_centre_level_and_the_one_below_it(site: BuiltSite, ladder):
    """Any other pair comes from the JSON export when a reader chooses it (tests/test_compare.py)."""
    table = site.soup("compare/").select_one("table[data-ladder-compare-table]")
    below = ladder.below(ladder.centre_level) or ladder.centre_level
    for item in ladder.items():
        row = table.find("tr", attrs={"data-item": item.anchor})
        for side, level in (("from", below), ("to", ladder.centre_level)):
            cell = row.find("td", attrs={"data-side": side})
            expectation = item.at(level.id)
            if expectation:
                assert words(cell) == squeeze(expectation.text)
            else:
                assert ladder.level(item.ends_at).name in words(cell.find(class_="ladder-ended"))


def test_json_export_validates_against_the_published_schema_and_holds_every_id(site: BuiltSite, ladder):
    exported = json.loads((site.root / "data" / "ladder.json").read_text(encoding="utf-8"))
    schema = json.loads((site.root / "schema" / "ladder.schema.json").read_text(encoding="utf-8"))
    assert list(Draft202012Validator(schema).iter_errors(exported)) == []

    source = json.loads(
        json.dumps(yaml.safe_load((ROOT / DATA_FILE).read_text(encoding="utf-8")), default=str)
    )
    for section in ("levels", "skill_groups", "responsibilities", "outcomes", "skills"):
        assert [item["id"] for item in exported[section]] == [item["id"] for item in source.get(section, [])]
    for section in ("responsibilities", "outcomes", "skills"):
        for exported_item, source_item in zip(exported[section], source.get(section, []), strict=True):
            assert exported_item["expectations"] == {
                level: {
                    field: squeeze(value) if isinstance(value, str) else value
                    for field, value in expectation.items()
                }
                for level, expectation in source_item["expectations"].items()
            }
    assert exported["version"] == ladder.version


def test_csv_export_has_one_row_per_expectation_with_a_working_permalink(site: BuiltSite, ladder, site_url):
    rows = list(csv.DictReader(io.StringIO((site.root / "data" / "ladder-expectations.csv").read_text())))
    asked = [(item, level) for item in ladder.items() for level in ladder.levels if item.at(level.id)]
    assert [(row["id"], row["level"]) for row in rows] == [(item.id, level.id) for item, level in asked]
    for row in rows:
        assert row["url"].startswith(site_url), row["url"]
        path, _, anchor = row["url"].removeprefix(site_url).partition("#")
        assert anchor == row["anchor"] and anchor in site.page(path).ids, row["url"]
        item, level = ladder.resolve(anchor)
        expectation = item.at(level.id)
        assert level.id == row["level"] and row["expectation"] == squeeze(expectation.text)
        assert (row["short"], row["example"], row["evidence"], row["not_yet"]) == tuple(
            squeeze(part)
            for part in (expectation.short, expectation.example, expectation.evidence, expectation.not_yet)
        )
        assert (row["core"] == "yes") == (item.anchor in level.core)
        assert row["archetypes"].split() == expectation.archetypes


def test_exports_are_linked_from_the_site(site: BuiltSite):
    links = {a["href"] for a in site.soup("data-export/").select("article a[href]")}
    for target in ("../data/ladder.json", "../data/ladder-expectations.csv", "../schema/ladder.schema.json"):
        assert target in links
    nav = [words(a) for a in site.soup("").select("nav.md-nav--primary a")]
    assert "Data and export" in nav and "Changelog" in nav


def test_changelog_lists_every_release_and_what_changed_since_each(site: BuiltSite, ladder):
    changelog = site.soup("changelog/")
    for release in ladder.changelog:
        section = changelog.find(id=release.anchor).find_next("div")
        linked = [a["href"].split("#")[1] for a in section.select(".ladder-changes a")]
        assert sorted(linked) == sorted(change.item for change in release.changes), release.version
    for position, release in enumerate(ladder.changelog[1:], start=1):
        since = changelog.find(id=f"since-{release.anchor}").find_next("div")
        releases = {a["href"] for a in since.find_all("a") if a["href"].startswith("#")}
        assert releases == {f"#{later.anchor}" for later in ladder.changelog[:position]}
        items = since.select(".ladder-changes a")
        moved = {
            ladder.resolve(change.item)[0].anchor
            for _, change in ladder.changes_since(release.version)
            if change.changes_the_bar
        }
        assert len(items) == len(moved)  # each item once, however many of its expectations changed
        for link in items:
            target = site.target("changelog/", link["href"])
            assert site.resolves(*target) is None, link["href"]


def test_changed_in_marks_sit_exactly_where_the_current_release_changed_what_is_expected(
    site: BuiltSite, ladder, routes
):
    for item in ladder.items():
        soup = site.soup(page_url(routes.item(item)))
        anchors = [item.anchor, *(item.expectation_anchor(level.id) for level in ladder.levels)]
        for anchor in anchors:
            badge = soup.find(attrs={"data-ladder-for": anchor}).find(
                class_="ladder-changed", recursive=False
            )
            change = ladder.mark(anchor)
            assert (badge is not None) == (change is not None), anchor
            if change:
                assert words(badge) == f"{'New' if change.type == 'added' else 'Changed'} in {ladder.version}"


def release(data, version, changes):
    data["version"] = version
    data["changelog"].insert(
        0, {"version": version, "date": "2026-03-01", "summary": "A release.", "changes": changes}
    )


def test_a_new_release_marks_what_it_changed_and_appears_in_changes_since(tiny_project, tmp_path):
    changes = [
        {"item": "skill-alpha--top", "type": "reworded", "note": "Names the standard."},
        {"item": "skill-gamma", "type": "details", "note": "A better example."},
        {"item": "responsibility-run", "type": "added", "note": "A new responsibility."},
    ]
    edit_data(tiny_project, lambda data: release(data, "1.3.0", changes))
    assert mkdocs_build(tiny_project, tmp_path / "out").returncode == 0
    built = BuiltSite(tmp_path / "out")

    def mark(url, anchor):
        return built.soup(url).find(attrs={"data-ladder-for": anchor}).find(class_="ladder-changed")

    assert words(mark("skills/alpha/", "skill-alpha--top")) == "Changed in 1.3.0"
    assert mark("skills/alpha/", "skill-alpha--middle") is None
    assert mark("skills/gamma/", "skill-gamma") is None  # details only
    assert words(mark("responsibilities/run/", "responsibility-run")) == "New in 1.3.0"
    changelog = built.soup("changelog/")
    groups = [words(p) for p in changelog.find(id="v1-3-0").find_next("div").select(".ladder-change-type")]
    assert [group.split()[0] for group in groups] == ["Added", "Reworded", "Details"]
    for version in ("1.1.0", "1.0.0"):
        section = changelog.find(id=f"since-v{version.replace('.', '-')}").find_next("ul")
        assert section.find("a", href="../skills/alpha/")
        assert "(1.3.0)" in words(section.find("a", href="../skills/alpha/").parent)
    assert section.find("a", href="../skills/beta/")  # 1.1.0's change, since 1.0.0


def test_an_item_that_ends_at_a_level_asks_nothing_above_it(tiny: BuiltSite):
    card = tiny.soup("skills/beta/").find(attrs={"data-ladder-for": "skill-beta--top"})
    note = card.find(class_="ladder-ended")
    assert "Middle Level" in words(note) and note.find("a")["href"] == "#skill-beta--middle"
    assert "Middle Level" in words(tiny.soup("skills/").find(id="skill-beta--top"))
    top = tiny.soup("levels/top/")
    assert "Middle Level" in words(top.find(attrs={"data-ladder-for": "skill-beta--top"}))
    assessed = tiny.soup("self-assessment/top/").select("[data-key]")
    assert "skill-beta--top" not in [item["data-key"] for item in assessed]
    rows = list(csv.DictReader(io.StringIO((tiny.root / "data" / "ladder-expectations.csv").read_text())))
    assert ("beta", "top") not in [(row["id"], row["level"]) for row in rows]
