"""Every released version stays readable at its own address: frozen files, their pages, the picker,
the pinned citation and export, and comparisons across versions.

Behaviour is tested on the tiny ladder, whose version 1.0.0 (tests/fixtures/tiny/docs/data/releases)
has the shape of the ladder's first versions: expectations that were text alone, `impact` for the
outcomes, an id renamed later (old-beta) and a skill retired later (omega). The real site is checked
for what must hold of every version it has.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html import unescape

import pytest
from playwright.sync_api import expect

from ladder.load import LadderDataError, load_ladder
from ladder.postbuild.versions import is_copy
from ladder.releases import ReleaseError, differences, folder, freeze, frozen_text, load_frozen, read_body
from ladder.routes import page_url
from ladder.schema import FrozenLadder
from ladder.site import COMPARISON_JSON
from ladder.versions import frozen_pages
from tools.chromium import axe_report, load_material, settle
from tools.project import ROOT, mkdocs_build
from tools.site import BuiltSite, squeeze

OLD = "1.0.0"  # the tiny ladder's first version


def versions_folder(ladder_site) -> str:
    return ladder_site.routes.pages["versions"]


def lands(site: BuiltSite, base: str, href: str) -> str:
    """The page a link from `base` leads to, once it is checked that the page and anchor exist."""
    target = site.target(base, href)
    assert target is not None and site.resolves(*target) is None, (base, href)
    return target[0]


# --- Frozen files ---


def test_a_release_freezes_the_data_file_once_and_refuses_other_words_under_its_version(tmp_path):
    data = tmp_path / "ladder.yml"
    shutil.copy(ROOT / "tests/fixtures/tiny/docs/data/ladder.yml", data)
    version = load_ladder(data).version
    frozen = freeze(data)
    assert frozen == tmp_path / "releases" / f"{version}.yml"
    assert freeze(data) == frozen  # the same ladder again: nothing to do
    data.write_text(data.read_text(encoding="utf-8").replace("Builds a whole feature", "Ships a feature"))
    with pytest.raises(ReleaseError, match=rf"{re.escape(version)}\.yml holds version .* raise `version`"):
        freeze(data)


def test_a_frozen_file_edited_after_its_release_is_refused_naming_the_file(tmp_path):
    path = tmp_path / "1.0.0.yml"
    body = (ROOT / "tests/fixtures/tiny/docs/data/releases/1.0.0.yml").read_text(encoding="utf-8")
    path.write_text(body.replace("Takes part in omega rituals.", "Leads omega rituals."), encoding="utf-8")
    with pytest.raises(LadderDataError) as error:
        read_body(path)
    assert "1.0.0.yml" in str(error.value) and "changed after version 1.0.0 was released" in str(error.value)
    assert "release a new one" in str(error.value)


def test_a_frozen_file_must_be_named_after_its_version(tmp_path):
    path = tmp_path / "1.0.1.yml"
    path.write_text(frozen_text("1.0.0", "version: 1.0.0\n"), encoding="utf-8")
    with pytest.raises(LadderDataError, match="changed after version 1.0.1"):
        read_body(path)


def test_the_build_stops_on_an_edited_frozen_file(tiny_project, tmp_path):
    frozen = tiny_project / "docs/data/releases" / f"{OLD}.yml"
    frozen.write_text(frozen.read_text(encoding="utf-8").replace("omega rituals", "omega meetings"))
    result = mkdocs_build(tiny_project, tmp_path / "site")
    assert result.returncode != 0
    assert f"releases/{OLD}.yml" in result.stderr and "release a new one" in result.stderr


def test_history_knows_what_changed_after_each_version(tiny_ladder_site):
    history = tiny_ladder_site.history
    assert history.versions[0] == OLD and history.versions[-1] == tiny_ladder_site.ladder.version
    following = history.versions[1]
    # reworded in the next version under the id that replaced it; unchanged; retired in the next
    assert history.changed_after(OLD, "skill-old-beta--middle") == following
    assert history.changed_after(OLD, "responsibility-build--middle") is None
    assert history.changed_after(OLD, "skill-omega--middle") == following
    assert history.unreleased_changes() == []


def test_each_frozen_file_holds_the_last_state_of_its_version_in_history():
    """Where the repository's history has the data file at a version, the frozen file holds the words
    of its last commit with that version (its comments and layout aside)."""
    log = subprocess.run(
        ["git", "log", "--format=%H", "--", "docs/data/ladder.yml"], cwd=ROOT, capture_output=True, text=True
    )
    if log.returncode != 0 or not log.stdout.strip():
        pytest.skip("no history of the data file in this checkout")
    last_of: dict[str, str] = {}
    for commit in log.stdout.split():  # newest first
        text = subprocess.run(
            ["git", "show", f"{commit}:docs/data/ladder.yml"], cwd=ROOT, capture_output=True, text=True
        ).stdout
        version = re.search(r"(?m)^version: (\S+)", text)
        if version and version.group(1) not in last_of:
            last_of[version.group(1)] = text
    frozen = sorted((ROOT / "docs/data/releases").glob("*.yml"))
    assert frozen
    checked = 0
    for path in frozen:
        if path.stem in last_of:
            last = load_ladder(path, model=FrozenLadder, text=last_of[path.stem])
            assert differences(load_frozen(path), last) == [], path.name
            checked += 1
    assert checked or len(last_of) <= 1


def test_the_data_file_is_released_as_it_stands(ladder_site):
    """The current version is frozen, and the data file says what its frozen release says: else the
    pinned links would change under their readers. `make release` freezes a new version."""
    history = ladder_site.history
    assert ladder_site.ladder.version in history.frozen, "run `make release`"
    assert history.unreleased_changes() == [], "the data file differs from its release: raise `version`"


# --- The pages of each version (real site) ---


def test_every_version_has_its_pages_with_every_anchor_it_had(site: BuiltSite, ladder_site):
    history, routes = ladder_site.history, ladder_site.routes
    assert len(history.versions) >= 2
    for version in history.versions:
        ladder = history.ladder(version)
        pages = {page_url(page.src): page for page in frozen_pages(history, version, routes)}
        for url in pages:
            assert url in site.pages, url
        ids = set().union(*(site.page(url).ids for url in pages))
        for item in ladder.items():
            assert item.anchor in ids, (version, item.anchor)
            for level in ladder.levels:
                assert item.expectation_anchor(level.id) in ids, (version, item.anchor, level.id)
                assert set(item.retired_anchors(level.id)) <= ids
        for level in ladder.levels:
            assert level.anchor in ids


def test_every_expectation_reads_word_for_word_as_released_and_nothing_is_invented(
    site: BuiltSite, ladder_site
):
    """In full on the version's level page; in its few words, or whole where the version had none,
    on the version's page of its kind, linking to the level page."""
    history, routes = ladder_site.history, ladder_site.routes
    for version in history.versions:
        ladder = history.ladder(version)
        for level in ladder.levels:
            level_url = page_url(routes.version(version, routes.level(level)))
            level_page = site.soup(level_url)
            for item in ladder.items():
                expectation = item.at(level.id)
                if expectation is None:
                    continue
                anchor = item.expectation_anchor(level.id)
                card = level_page.find(attrs={"data-ladder-for": anchor})
                shown = squeeze(card.find(class_="ladder-text").get_text())
                assert shown == squeeze(expectation.text), (version, anchor)
                signals = card.find(class_="ladder-signals")
                assert (signals is not None) == (expectation.evidence is not None), (version, anchor)
                assert (card.find(class_="ladder-example") is not None) == (expectation.example is not None)
                kind_url = page_url(routes.version(version, routes[item.kind]))
                step = site.soup(kind_url).find(id=anchor).find(class_="ladder-step__text")
                assert squeeze(step.get_text()) == squeeze(expectation.short or expectation.text)
                assert lands(site, kind_url, step["href"]) == level_url
                assert step["href"].endswith(f"#{anchor}")


def test_the_comparison_reads_each_earlier_version_as_released_and_no_frozen_file_is_published(
    site: BuiltSite, ladder_site
):
    history, routes = ladder_site.history, ladder_site.routes
    kinds = ("responsibilities", "outcomes", "skills")
    assert history.earlier
    for version in history.earlier:  # the comparison reads the current one from the site's export
        ladder = history.ladder(version)
        compared = json.loads((site.root / page_url(routes.version(version)) / COMPARISON_JSON).read_text())
        assert compared["version"] == version
        texts = {
            (item["id"], level): said["text"]
            for kind in kinds
            for item in compared.get(kind, [])
            for level, said in item["expectations"].items()
        }
        assert texts == {
            (item.id, level.id): item.at(level.id).text
            for item in ladder.items()
            for level in ladder.levels
            if item.at(level.id) is not None
        }, version
    frozen = folder(ladder_site.config.data_path).relative_to(ladder_site.config.docs_dir)
    assert not (site.root / frozen).exists()


def test_a_version_page_has_its_own_address_a_notice_and_no_place_in_search(
    site: BuiltSite, ladder_site, site_url
):
    history, routes = ladder_site.history, ladder_site.routes
    for version in history.versions:
        for page in frozen_pages(history, version, routes):
            url = page_url(page.src)
            soup = site.soup(url)
            assert soup.find("link", rel="canonical")["href"] == site_url + url
            assert soup.find("meta", property="og:url")["content"] == site_url + url
            assert soup.find("meta", attrs={"name": "ladder-version"})["content"] == version
            notice = soup.find(class_="ladder-frozen-notice")
            assert notice is not None and notice.get("role") == "note", url
            current = notice.find("a", attrs={"data-ladder-follow-hash": True})
            lands(site, url, current["href"])
            assert version in soup.title.get_text()
            assert "ladder-frozen" not in site.html(url).replace("ladder-frozen-notice", "")
    index = json.loads((site.root / "search" / "search_index.json").read_text(encoding="utf-8"))
    copy = is_copy(ladder_site)
    assert not [doc["location"] for doc in index["docs"] if copy(doc["location"])]


def test_no_page_of_the_shells_is_left(site: BuiltSite, ladder_site):
    folder = versions_folder(ladder_site)
    assert not [url for url in site.pages if url.startswith(folder) and "shell" in url]
    assert "shell" not in (site.root / "sitemap.xml").read_text(encoding="utf-8")


def test_every_page_has_a_picker_that_leads_to_the_same_page_in_each_version(site: BuiltSite, ladder_site):
    history = ladder_site.history
    for page in site.reader_pages():
        if page.url == "404.html":
            continue
        picker = page.soup.find(attrs={"data-ladder-picker": True})
        assert picker is not None, page.url
        button, listing = picker.find("button"), picker.find("ul")
        assert button["aria-controls"] == listing["id"] and button["aria-expanded"] == "false"
        assert listing.has_attr("hidden")
        links = [unescape(a["href"]) for a in listing.find_all("a")]
        assert len(links) == len(history.versions) + 2  # the current pages, each version, all versions
        for link in links:
            lands(site, page.url, link)
        assert len(listing.find_all("a", attrs={"aria-current": "page"})) == 1, page.url


def test_the_changelog_and_the_list_of_versions_lead_to_each_version(site: BuiltSite, ladder_site):
    routes = ladder_site.routes
    listing = site.soup(page_url(routes["versions"]))
    changelog = site.soup(page_url(routes["changelog"]))
    for version in ladder_site.history.versions:
        home = page_url(routes.version(version))
        for soup, url in ((listing, routes["versions"]), (changelog, routes["changelog"])):
            hrefs = [
                a["href"]
                for a in soup.find_all("a", href=True)
                if (site.target(page_url(url), a["href"]) or ("",))[0] == home
            ]
            assert hrefs, (url, version)


# --- Behaviour, on the tiny ladder ---


def test_an_old_version_shows_what_it_had_and_marks_what_changed_since(tiny: BuiltSite, tiny_ladder_site):
    skills = tiny.soup(f"v/{OLD}/skills/")
    # an id renamed later and a skill retired later keep their anchors in the version that had them
    for anchor in ("skill-old-beta", "skill-old-beta--middle", "skill-omega", "skill-omega--top"):
        assert skills.find(id=anchor), anchor
    card = skills.find(attrs={"data-ladder-for": "skill-old-beta--middle"})
    following = tiny_ladder_site.history.versions[1]
    mark = card.find("a", string=re.compile(f"Changed in {re.escape(following)}"))
    assert mark is not None
    assert "from_version=1.0.0" in mark["href"] and "item=skill-beta" in mark["href"]
    unchanged = tiny.soup(f"v/{OLD}/responsibilities/").find(
        attrs={"data-ladder-for": "responsibility-build--middle"}
    )
    assert unchanged.find(class_="ladder-changed") is None
    # 1.0.0 had no example, evidence or "not yet" per level: none is shown, the item's list of evidence is
    assert "Not yet." not in skills.get_text() and "Checks run before review." in skills.get_text()
    assert tiny.page(f"v/{OLD}/impact/") is not None  # `impact` then, outcomes now


def test_the_picker_works_by_keyboard_and_keeps_the_expectation(page, tiny_url, tiny_ladder_site):
    page.goto(tiny_url + "skills/beta/#skill-beta--middle")
    button = page.locator("[data-ladder-picker] button")
    button.focus()
    page.keyboard.press("Enter")
    expect(button).to_have_attribute("aria-expanded", "true")
    listing = page.locator("[data-ladder-picker] ul")
    expect(listing).to_be_visible()
    page.keyboard.press("Escape")
    expect(listing).to_be_hidden()
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    old = page.get_by_role("link", name=OLD, exact=True)
    old.focus()
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"/v/{re.escape(OLD)}/skills/#skill-beta--middle$"))
    # beta was old-beta in 1.0.0: its retired anchor there is the one the reader lands on
    expect(page.locator(".ladder-frozen-notice")).to_be_visible()


def test_the_notice_leads_to_the_same_expectation_in_the_current_version(page, tiny_url):
    page.goto(tiny_url + f"v/{OLD}/responsibilities/#responsibility-build--middle")
    page.locator(".ladder-frozen-notice a[data-ladder-follow-hash]").click()
    page.wait_for_url(re.compile(r"/responsibilities/#responsibility-build--middle$"))
    assert "/v/" not in page.url


def test_compare_shows_one_item_across_versions_and_then_every_item(page, tiny_url, tiny_ladder_site):
    current = tiny_ladder_site.ladder.version
    page.goto(
        tiny_url + f"compare/?from=middle&to=middle&from_version={OLD}&to_version={current}&item=skill-beta"
    )
    table = page.locator("[data-ladder-compare-table]")
    expect(table.locator("caption")).to_contain_text(f"({OLD})")
    rows = table.locator("tr[data-item]:visible")
    expect(rows).to_have_count(1)
    row = rows.first
    expect(row).to_have_attribute("data-item", "skill-beta")
    expect(row.locator("del").first).to_be_visible()
    expect(row.locator("ins").first).to_be_visible()
    page.get_by_role("button", name="Show every item").click()
    assert rows.count() > 1
    # a skill retired later is listed with what the old version asked and nothing now
    expect(table.locator('tr[data-item="skill-omega"] td[data-side="to"]')).to_contain_text("Not in version")


def test_the_export_pins_each_answer_to_the_version_it_was_given_against(page, tiny_url, tiny_ladder_site):
    current = tiny_ladder_site.ladder.version
    page.goto(tiny_url + "self-assessment/middle/")
    saved = {
        "format": 3,
        "level": "middle",
        "items": {
            "skill-beta--middle": {"state": "consistently", "note": "", "version": OLD},
            "skill-gamma--middle": {"state": "partly", "note": "", "version": current},
            "responsibility-build--middle": {"state": "not-yet", "note": ""},
        },
    }
    key = page.evaluate("Object.keys(localStorage).find((key) => key.endsWith(':self-assessment'))")
    page.evaluate("([key, saved]) => localStorage.setItem(key, JSON.stringify(saved))", [key, saved])
    page.reload()
    changed = page.locator('[data-key="skill-beta--middle"] .ladder-assess-changed')
    following = tiny_ladder_site.history.versions[1]
    expect(changed).to_contain_text(f"changed in {following} since it was assessed against version {OLD}")
    expect(page.locator('[data-key="skill-gamma--middle"] .ladder-assess-changed')).to_be_hidden()
    expect(page.locator('[data-key="responsibility-build--middle"] .ladder-assess-changed')).to_contain_text(
        "version not recorded"
    )
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.get_by_role("button", name="Copy as Markdown").click()
    text = page.evaluate("navigator.clipboard.readText()")
    root = tiny_ladder_site.config.site_url
    assert f"]({root}v/{OLD}/levels/middle/#skill-beta--middle)" in text
    assert f"]({root}v/{current}/levels/middle/#skill-gamma--middle)" in text
    # the answer kept its version through the reload: nothing was mixed up
    stored = page.evaluate("JSON.stringify(localStorage)")
    assert f'\\"version\\":\\"{OLD}\\"' in stored


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_open_picker_has_no_axe_violation(browser, base_url, ladder_site, scheme):
    """The open list in the header, on a current page and on a version's page, light and dark (the rest
    of each page is checked in tests/test_accessibility.py)."""
    oldest = ladder_site.history.versions[0]
    context = browser.new_context(color_scheme=scheme)
    page = context.new_page()
    found = {}
    for url in ("", page_url(ladder_site.routes.version(oldest))):
        page.goto(base_url + url)
        load_material(page)
        settle(page)
        page.locator("[data-ladder-picker] button").click()
        expect(page.locator("[data-ladder-picker] ul")).to_be_visible()
        found[url] = axe_report(page, within=".md-header")
    context.close()
    assert {url: report for url, report in found.items() if report} == {}
