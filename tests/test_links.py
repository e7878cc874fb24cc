"""Links that never break: every internal link and fragment resolves, no published anchor is lost, and
old addresses forward to what took them over."""

from __future__ import annotations

import re
import shutil
from urllib.parse import urljoin

import pytest

from ladder import LadderDataError
from ladder.anchors import explain_lost, lost_in_site, manifest_path, read_manifest, write_manifest
from ladder.site import LadderSite
from tools.project import DATA_FILE, ROOT, build, edit_data, entry, rename_references
from tools.site import BuiltSite


def test_every_internal_link_and_fragment_resolves(site: BuiltSite):
    assert site.broken_links() == []
    assert "404.html" in site.pages and len(site.pages) > 10


def test_the_checker_catches_a_broken_page_link_and_a_broken_fragment(site: BuiltSite, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    page = copy / "levels" / "index.html"
    html = page.read_text(encoding="utf-8")
    page.write_text(
        html.replace("</article>", '<a href="../skils/">x</a><a href="#no-such-id">y</a></article>')
    )
    problems = BuiltSite(copy).broken_links()
    assert any("../skils/" in problem and "no such page" in problem for problem in problems)
    assert any("#no-such-id" in problem and "no element" in problem for problem in problems)


def test_no_published_anchor_is_lost_and_the_manifest_is_current(site: BuiltSite, ladder_site):
    manifest_file = manifest_path(ladder_site.config.data_file)
    manifest = read_manifest(ROOT / manifest_file)
    lost = lost_in_site(site, manifest, ladder_site.config.moved_anchors)
    assert not lost, explain_lost(lost, str(manifest_file))
    new = site.published_anchors() - manifest
    assert not new, f"run `make anchors` to publish: {sorted(new)[:10]}"


@pytest.fixture
def published_tiny(tiny: BuiltSite, tiny_project):
    """The tiny ladder's project, with a manifest of everything its build has published."""
    write_manifest(manifest_path(tiny_project / DATA_FILE), tiny.published_anchors())
    return tiny_project


def test_renaming_an_id_with_an_alias_keeps_every_anchor(published_tiny, tmp_path, tiny):
    def rename(data):
        entry(data, "skills", "alpha").update(id="alpha-renamed", aliases=["alpha"])

    edit_data(published_tiny, rename)
    renamed = build(published_tiny, tmp_path / "out")
    assert lost_in_site(renamed, tiny.published_anchors(), {}) == []


@pytest.mark.parametrize("section", ["responsibilities", "outcomes", "skills"])
def test_the_fix_names_the_old_id_of_any_kind_of_item(published_tiny, section, monkeypatch):
    """An item of any kind renamed everywhere without an alias: the message names its kind and old id."""
    old = []

    def rename(data):
        item = data[section][-1]
        old.append(item["id"])
        item["id"] = f"{item['id']}-renamed"
        kind = {"responsibilities": "responsibility", "outcomes": "outcome", "skills": "skill"}[section]
        rename_references(data, kind, old[0], item["id"])

    edit_data(published_tiny, rename)
    monkeypatch.chdir(published_tiny)
    with pytest.raises(LadderDataError) as refused:
        LadderSite.load(published_tiny / "mkdocs.yml")
    kind = {"responsibilities": "responsibility", "outcomes": "outcome", "skills": "skill"}[section]
    assert f"{kind} `{old[0]}`: " in str(refused.value) and f"`aliases: [{old[0]}]`" in str(refused.value)


def test_a_moved_anchor_counts_only_when_its_destination_exists(tiny: BuiltSite):
    old = "/skills/#skill-retired"
    assert lost_in_site(tiny, {old}, {old: "/skills/#skill-alpha"}) == []
    assert lost_in_site(tiny, {old}, {old: "/skills/#skill-nowhere"}) == [old]


def forward(site: BuiltSite, url: str) -> str:
    """Where the page at `url` forwards a reader: the site address its redirect stub names."""
    refresh = site.soup(url).find("meta", attrs={"http-equiv": "refresh"})
    assert refresh is not None, f"{url} is no redirect"
    return urljoin(f"/{url}", refresh["content"].partition("url=")[2])


def test_old_addresses_of_levels_and_items_forward_to_what_took_them_over(tiny: BuiltSite, tiny_ladder_site):
    routes, ladder = tiny_ladder_site.routes, tiny_ladder_site.ladder
    checked = 0
    for level in ladder.levels:
        for old in (level.id, *level.aliases):
            assert forward(tiny, f"{old}/") == f"/levels/{level.id}/"
            checked += 1
        for old in level.aliases:
            assert forward(tiny, f"levels/{old}/") == f"/levels/{level.id}/"
    for item in ladder.items():
        for old in item.aliases:
            assert (
                forward(tiny, f"{routes.pages[item.kind]}{old}/") == f"/{routes.pages[item.kind]}{item.id}/"
            )
            checked += 1
    assert checked > len(ladder.levels)  # the tiny ladder has retired ids of a level and of an item


def test_pages_moved_by_hand_forward_to_their_new_address(tiny: BuiltSite, tiny_ladder_site):
    maps = next(
        plugin["redirects"]["redirect_maps"]
        for plugin in tiny_ladder_site.config.raw["plugins"]
        if isinstance(plugin, dict) and "redirects" in plugin
    )
    assert maps
    for old, new in maps.items():
        assert forward(tiny, old.removesuffix(".md") + "/") == "/" + new.removesuffix(
            "index.md"
        ).removesuffix(".md") + ("/" if not new.endswith("index.md") else "")


HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def markdown_headings():
    sources = list((ROOT / "docs").rglob("*.md"))
    for path in sources:
        fenced = False
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if line.lstrip().startswith(("```", "~~~")):
                fenced = not fenced
            match = HEADING.match(line)
            if match and not fenced:
                yield path.relative_to(ROOT), number, match.group(2)


def test_every_heading_has_an_explicit_id():
    """Rewording a heading must never change its URL, so every heading names its id: `{ #id }`."""
    headings = list(markdown_headings())
    assert len(headings) > 20
    missing = [
        f"{path}:{number}: {text}" for path, number, text in headings if not re.search(r"\{ #.+\}\s*$", text)
    ]
    assert missing == []
