"""Links that never break: every internal link and fragment resolves, and no published anchor is lost."""

from __future__ import annotations

import re
import shutil
import sys

import pytest

from conftest import ROOT, Site, edit_data, item, mkdocs_build

sys.path.insert(0, str(ROOT / "tools"))
from anchors import lost_anchors, moved_anchors, read_manifest  # noqa: E402
from sitemap import BuiltSite  # noqa: E402


@pytest.fixture(scope="module")
def built(site: Site) -> BuiltSite:
    return BuiltSite(site.root)


def test_every_internal_link_and_fragment_resolves(built):
    assert built.broken_links() == []
    assert "404.html" in built.pages and len(built.pages) > 10


def test_the_checker_catches_a_broken_page_link_and_a_broken_fragment(site, tmp_path):
    copy = tmp_path / "site"
    shutil.copytree(site.root, copy)
    page = copy / "impact" / "index.html"
    html = page.read_text(encoding="utf-8")
    html = html.replace(
        "</article>", '<a href="../skils/">x</a><a href="../skills/#skill-nope">y</a></article>'
    )
    page.write_text(html, encoding="utf-8")
    problems = BuiltSite(copy).broken_links()
    assert any("../skils/" in problem and "no such file" in problem for problem in problems)
    assert any("#skill-nope" in problem and "no element" in problem for problem in problems)


def test_no_published_anchor_is_lost_and_the_manifest_is_current(built):
    manifest = read_manifest()
    assert "/skills/#skill-statistics--senior" in manifest
    assert lost_anchors(built, manifest, moved_anchors(ROOT / "mkdocs.yml")) == []
    new = built.published_anchors() - manifest
    assert not new, f"run `make anchors` to publish: {sorted(new)[:10]}"


def rename_delivery(data, aliases=()):
    """Rename the `delivery` skill everywhere it is referred to, as a contributor might."""
    item(data, "skills", "delivery").update(id="delivery-and-prioritisation", aliases=list(aliases))
    for responsibility in data["responsibilities"]:
        skills = responsibility.get("skills", [])
        responsibility["skills"] = ["delivery-and-prioritisation" if s == "delivery" else s for s in skills]


def test_renaming_an_id_without_an_alias_is_caught(project, tmp_path):
    edit_data(project, rename_delivery)
    assert mkdocs_build(project, tmp_path / "renamed").returncode == 0
    lost = lost_anchors(BuiltSite(tmp_path / "renamed"), read_manifest(), {})
    for anchor in (
        "/skills/#skill-delivery",
        "/skills/#skill-delivery--senior",
        "/levels/senior/#skill-delivery--senior",
    ):
        assert anchor in lost


def test_renaming_an_id_with_an_alias_keeps_every_anchor(project, tmp_path):
    edit_data(project, lambda data: rename_delivery(data, aliases=["delivery"]))
    assert mkdocs_build(project, tmp_path / "aliased").returncode == 0
    assert lost_anchors(BuiltSite(tmp_path / "aliased"), read_manifest(), {}) == []


def test_a_moved_anchor_counts_only_when_its_destination_exists(built):
    old = "/skills/#skill-retired"
    assert lost_anchors(built, {old}, {old: "/skills/#skill-statistics"}) == []
    assert lost_anchors(built, {old}, {old: "/skills/#skill-nowhere"}) == [old]


def test_moved_pages_redirect(site: Site):
    for level in ("senior", "staff", "principal"):
        refresh = site.soup(f"{level}/").find("meta", attrs={"http-equiv": "refresh"})
        assert refresh["content"].endswith(f"../levels/{level}/")


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
