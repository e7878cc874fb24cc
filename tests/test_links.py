"""Links that never break: every internal link and fragment resolves, and no published anchor is lost."""

from __future__ import annotations

import re
import shutil

import pytest

from ladder.anchors import explain_lost, manifest_path, read_manifest, write_manifest
from tools.anchors import MANIFEST, lost_anchors, moved_anchors
from tools.project import DATA_FILE, ROOT, edit_data, entry, mkdocs_build
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
    assert any("../skils/" in problem and "no such file" in problem for problem in problems)
    assert any("#no-such-id" in problem and "no element" in problem for problem in problems)


def test_no_published_anchor_is_lost_and_the_manifest_is_current(site: BuiltSite, config):
    manifest = read_manifest(MANIFEST)
    lost = lost_anchors(site, manifest, moved_anchors(ROOT / "mkdocs.yml"))
    assert not lost, explain_lost(lost, str(MANIFEST.relative_to(ROOT)))
    new = site.published_anchors() - manifest
    assert not new, f"run `make anchors` to publish: {sorted(new)[:10]}"


@pytest.fixture
def published_tiny(tiny: BuiltSite, tiny_project):
    """The tiny ladder's project, with a manifest of everything its build has published."""
    write_manifest(manifest_path(tiny_project / DATA_FILE), tiny.published_anchors())
    return tiny_project


def rename_alpha(data, aliases=()):
    """Rename the skill `alpha` everywhere it is referred to, as a contributor might."""
    entry(data, "skills", "alpha").update(id="alpha-renamed", aliases=list(aliases))
    for referrer in [*data["responsibilities"], *data["impact"]]:
        referrer["skills"] = ["alpha-renamed" if s == "alpha" else s for s in referrer["skills"]]


def test_renaming_an_id_without_an_alias_fails_the_build_with_the_fix(published_tiny, tmp_path):
    edit_data(published_tiny, rename_alpha)
    result = mkdocs_build(published_tiny, tmp_path / "out")
    assert result.returncode != 0
    error = result.stderr
    assert "published anchor(s) in docs/data/published-anchors.txt no longer resolve" in error
    assert "skill `alpha`: " in error and "/skills/#skill-alpha," in error
    assert "`aliases: [alpha]`" in error and "moved_anchors" in error


def test_the_fix_names_the_old_id_of_any_kind_of_item(published_tiny, tmp_path):
    """An area of business impact renamed without an alias, its page updated: the message names it."""
    old = []

    def rename_first_impact(data):
        old.append(data["impact"][0]["id"])
        data["impact"][0]["id"] = f"{old[0]}-renamed"

    edit_data(published_tiny, rename_first_impact)
    page = published_tiny / "docs" / "impact.md"
    calls = page.read_text(encoding="utf-8").replace(f'"{old[0]}"', f'"{old[0]}-renamed"')
    page.write_text(calls, encoding="utf-8")
    error = mkdocs_build(published_tiny, tmp_path / "out").stderr
    assert f"outcome `{old[0]}`: " in error and f"`aliases: [{old[0]}]`" in error, error


def test_renaming_an_id_with_an_alias_keeps_every_anchor(published_tiny, tmp_path, tiny):
    edit_data(published_tiny, lambda data: rename_alpha(data, aliases=["alpha"]))
    result = mkdocs_build(published_tiny, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    assert lost_anchors(BuiltSite(tmp_path / "out"), tiny.published_anchors(), {}) == []


def test_a_moved_anchor_counts_only_when_its_destination_exists(tiny: BuiltSite):
    old = "/skills/#skill-retired"
    assert lost_anchors(tiny, {old}, {old: "/skills/#skill-alpha"}) == []
    assert lost_anchors(tiny, {old}, {old: "/skills/#skill-nowhere"}) == [old]


def test_moved_pages_redirect(site: BuiltSite, config):
    redirects = next(p["redirects"] for p in config["plugins"] if isinstance(p, dict) and "redirects" in p)
    for old, new in redirects["redirect_maps"].items():
        refresh = site.soup(old.removesuffix(".md") + "/").find("meta", attrs={"http-equiv": "refresh"})
        assert refresh["content"].endswith("/" + new.removesuffix(".md") + "/"), old


HEADING = re.compile(r"^(#{1,6})\s+(.*)$")


def markdown_headings():
    sources = [*(ROOT / "docs").rglob("*.md"), *(ROOT / "overrides").rglob("*.md")]
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
