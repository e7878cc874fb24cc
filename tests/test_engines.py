"""The same sources build with two engines: MkDocs with Material, and Zensical (`make build-zensical`)
reading the staged sources `python -m ladder render` writes. Both give the same pages, ids, exports,
preview cards, version in citations and redirects, and refuse a broken data file with the same
message. Skipped where Zensical does not install (`make test` says so in one line)."""

from __future__ import annotations

import filecmp

import pytest

from ladder.anchors import content_ids
from tools.project import ROOT, ZENSICAL, edit_data, entry, mkdocs_build, zensical_build
from tools.site import BuiltSite

pytestmark = pytest.mark.skipif(not ZENSICAL.exists(), reason="Zensical is not installed (make zensical)")


@pytest.fixture(scope="session")
def zensical_site(shared) -> BuiltSite:
    def make(out):
        result = zensical_build(ROOT, out / "stage")
        assert result.returncode == 0, result.stdout + result.stderr

    return BuiltSite(shared("zensical", make) / "stage" / "site")


def test_both_engines_build_the_same_pages_with_the_same_ids(site: BuiltSite, zensical_site: BuiltSite):
    pages = {page.url for page in site.reader_pages()}
    assert {page.url for page in zensical_site.reader_pages()} == pages
    differ = [
        url
        for url in sorted(pages)
        if content_ids(site.pages[url].html) != content_ids(zensical_site.pages[url].html)
    ]
    assert differ == []
    assert site.broken_links() == [] and zensical_site.broken_links() == []


def test_both_engines_write_the_same_exports_cards_versions_and_redirects(
    site: BuiltSite, zensical_site: BuiltSite
):
    exported = [
        path.relative_to(site.root)
        for path in site.root.rglob("*")
        if path.suffix in (".json", ".csv", ".txt") and "search" not in path.parts
    ]
    assert exported
    for path in exported:
        assert filecmp.cmp(site.root / path, zensical_site.root / path, shallow=False), path
    for url, page in site.pages.items():
        twin = zensical_site.pages[url]
        if page.is_redirect:
            assert twin.is_redirect and twin.forward.rstrip("/") == page.forward.rstrip("/"), url
            continue
        for name in ("ladder-version", "og:image", "og:url", "ladder-pinned"):
            assert twin.meta.get(name) == page.meta.get(name), (url, name)
        card = page.meta["og:image"].rpartition("/assets/social/")[2]
        assert (zensical_site.root / "assets" / "social" / card).is_file(), url


def test_a_broken_data_file_stops_both_engines_with_the_same_message(tiny_project, tmp_path):
    edit_data(tiny_project, lambda data: entry(data, "skills", "gamma").update(group="peple"))
    mkdocs = mkdocs_build(tiny_project, tmp_path / "mkdocs")
    zensical = zensical_build(tiny_project, tmp_path / "stage")
    assert mkdocs.returncode != 0 and zensical.returncode != 0
    message = "unknown skill group 'peple' (did you mean 'people'?)"
    assert message in mkdocs.stderr and message in zensical.stderr
    line = next(line for line in zensical.stderr.splitlines() if message in line)
    assert line.strip() in mkdocs.stderr
