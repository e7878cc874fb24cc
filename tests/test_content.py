"""What the ladder asks of its own content, whatever the data says: every expectation is observable
and checkable (text, example, evidence, a "not yet" signal) on every page that shows it; the levels
above and below the centre are as concrete as the centre; every retired id still lands."""

from __future__ import annotations

import itertools
import re
import statistics
from collections import Counter
from urllib.parse import urljoin

from ladder.routes import page_url
from tools.site import BuiltSite, squeeze, words


def test_no_level_is_thinner_than_four_fifths_of_the_centre_level(ladder):
    """Staff and Principal (and the first levels) as concrete as Senior, the level the ladder centres on."""
    centre = ladder.centre_level

    def mean_words(level):
        texts = [item.at(level.id).text for item in ladder.items() if item.at(level.id)]
        return statistics.mean(len(text.split()) for text in texts)

    floor = 0.8 * mean_words(centre)
    thin = {level.id: round(mean_words(level)) for level in ladder.levels if mean_words(level) < floor}
    assert thin == {}, f"average words per expectation below {floor:.0f} (four fifths of {centre.id})"


def test_every_expectation_is_in_the_self_assessment_with_its_signals_a_click_away(
    site: BuiltSite, ladder, routes
):
    """The form shows each expectation's words and example; its evidence and "not yet" are on the
    level page (test_pages), which the disclosure links to and assess.js reads them from."""
    for level in ladder.levels:
        url = page_url(routes.assess(level))
        form = site.soup(url)
        for item in ladder.items():
            anchor = item.expectation_anchor(level.id)
            entry = form.select_one(f"[data-key='{anchor}']")
            expectation = item.at(level.id)
            assert (entry is not None) == (expectation is not None), (level.id, item.anchor)
            if expectation:
                shown = words(entry)
                for part in (expectation.text, expectation.example):
                    assert squeeze(part) in shown, (level.id, item.anchor, part[:40])
                link = entry.select_one("details.ladder-signals a[data-ladder-signals]")
                assert urljoin(f"/{url}", link["href"]) == f"/{page_url(routes.level(level))}#{anchor}"


def test_every_retired_id_lands_on_the_item_that_took_it_over(site: BuiltSite, ladder, routes):
    retired = [(item, alias) for item in ladder.items() for alias in item.aliases]
    for item, alias in retired:
        pages = {
            page_url(routes[item.kind]): [None, *ladder.levels],
            page_url(routes.item(item)): [None, *ladder.levels],
        }
        pages.update({page_url(routes.level(level)): [level] for level in ladder.levels})
        for url, levels in pages.items():
            soup = site.soup(url)
            for level in levels:
                old = f"{item.kind}-{alias}" + (f"--{level.id}" if level else "")
                new = item.expectation_anchor(level.id) if level else item.anchor
                marker = soup.find(id=old)
                assert marker is not None, f"/{url}#{old} is gone"
                assert marker["data-alias-of"] == new and soup.find(id=new) is not None, old
    for level in ladder.levels:
        for alias in level.aliases:
            for url in (page_url(routes["level"]), page_url(routes.level(level))):
                assert site.soup(url).find(id=f"level-{alias}")["data-alias-of"] == level.anchor


def test_the_changelog_of_the_current_version_reads_in_groups(site: BuiltSite, ladder):
    release = ladder.changelog[0]
    section = site.soup("changelog/").find(id=release.anchor).find_next("div")
    groups = [words(label) for label in section.select(".ladder-change-type")]
    kinds = {change.type for change in release.changes}
    assert len(groups) == len(kinds)
    assert sum(
        len(group.find_next("ul").find_all("li")) for group in section.select(".ladder-change-type")
    ) == len(release.changes)


def _opening(text: str) -> str:
    return " ".join(text.lower().replace(",", "").split()[:2])


def _trigrams(text: str) -> set[tuple[str, ...]]:
    words_of = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(words_of[n : n + 3]) for n in range(len(words_of) - 2)}


def test_no_level_reads_from_a_template(ladder):
    """At each level, no more than three examples or "not yet" texts open the same way, and no two
    "not yet" texts share half their phrasing: each names a failure of its own item."""
    for level in ladder.levels:
        asked = [(item.anchor, item.at(level.id)) for item in ladder.items() if item.at(level.id)]
        for field in ("example", "not_yet"):
            openings = Counter(_opening(getattr(expectation, field)) for _, expectation in asked)
            shared = {opening: count for opening, count in openings.items() if count > 3}
            assert shared == {}, (level.id, field, shared)
        for (one, first), (other, second) in itertools.combinations(asked, 2):
            a, b = _trigrams(first.not_yet), _trigrams(second.not_yet)
            overlap = len(a & b) / max(1, min(len(a), len(b)))
            assert overlap < 0.5, (level.id, one, other)


def test_every_archetype_has_expectations_at_each_archetyped_level(ladder):
    """A case of any archetype has something to point at on every level that asks for archetypes."""
    for level in ladder.levels:
        if not level.archetyped:
            continue
        named = Counter(
            name for item in ladder.items() if item.at(level.id) for name in item.at(level.id).archetypes
        )
        assert all(named[archetype.id] >= 3 for archetype in ladder.archetypes), (level.id, named)
