"""The built site a reader gets: the article's sections in order, and every data item on every page
meant to show it, under its permanent anchor, whatever the data file says today.

The prose pages are written by hand from the article: the test of each names the facts of the article
it must keep, so a rewrite that drops one fails and says which."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from ladder.routes import page_url
from tools.project import edit_data, entry, mkdocs_build
from tools.site import BuiltSite, squeeze

# The pages mirror the sections of the article the ladder grew from: (url, title, heading ids the
# page keeps, facts from the article it covers in its own prose).
SECTIONS = [
    ("role/", "Understanding the role", ["what-ml-is", "why-it-matters", "how-the-role-evolved"],
     ["feature engineering", "preprocessing", "bias", "fairness", "privacy", "healthcare", "finance"]),
    ("responsibilities/", "Key responsibilities",
     ["example-recommendation-system", "example-fraud-detection", "example-support-chatbot"],
     ["collaborative filtering", "content-based", "transaction logs", "outliers", "product managers",
      "business analysts"]),
    ("skills/", "Skills", ["technical-skills", "leadership-skills"],
     ["Python", "TensorFlow", "PyTorch", "eigenvectors", "gradients", "AWS"]),
    ("impact/", "Impact on business outcomes", ["better-decisions", "innovation-and-efficiency"],
     ["risk assessment", "resource allocation", "repetitive"]),
    ("future/", "Future trends", ["growing-demand", "ai-and-automation"],
     ["AutoML", "pre-trained", "transfer learning", "fine-tuning", "model selection"]),
]  # fmt: skip


def text(element) -> str:
    """What a reader sees of an element, without the permalink sign."""
    words = element.get_text(" ").split()
    return " ".join(words[:-1] if words and words[-1] == "¶" else words)


@pytest.mark.parametrize("url, title, ids, facts", SECTIONS, ids=[section[0] for section in SECTIONS])
def test_article_section_pages(site: BuiltSite, url, title, ids, facts):
    soup = site.soup(url)
    assert text(soup.find("h1")) == title
    for heading_id in ids:
        assert soup.find(id=heading_id), f"{url} lost heading #{heading_id}"
    body = text(soup.find("article")).lower()
    for fact in facts:
        assert fact.lower() in body, f"{url} does not mention {fact!r}"


def test_navigation_follows_the_article(site: BuiltSite):
    labels = [text(link) for link in site.soup("").select("nav.md-nav--primary a.md-nav__link[href]")]
    order = [title for _, title, _, _ in SECTIONS] + ["Levels"]
    positions = [labels.index(label) for label in order]
    assert positions == sorted(positions), labels


def test_no_template_syntax_reaches_a_reader(site: BuiltSite):
    for page in site.pages.values():
        assert "{{" not in page.html and "{%" not in page.html, page.url


def test_every_item_is_on_its_overview_in_a_few_words_at_every_level(site: BuiltSite, ladder, routes):
    """Its heading and summary, then one row per level: the short statement, linking to the level on
    the item's own page, or, above the level where the item ends, a note naming that level."""
    for item in ladder.items():
        url = page_url(routes[item.kind])
        soup = site.soup(url)
        heading = soup.find(id=item.anchor)
        assert heading is not None and heading.name in {"h2", "h3"}, f"{url} lacks #{item.anchor}"
        assert text(heading).startswith(item.name)
        assert squeeze(item.summary) in text(soup.find(attrs={"data-ladder-for": item.anchor}))
        for level in ladder.levels:
            row = soup.find(id=item.expectation_anchor(level.id))
            assert row is not None, f"{url} lacks #{item.expectation_anchor(level.id)}"
            assert level.name in text(row)
            expectation = item.at(level.id)
            if expectation:
                link = row.find("a", href=True)
                assert text(link) == squeeze(expectation.short)
                target = urljoin(f"/{url}", link["href"])
                assert target == f"/{page_url(routes.item(item))}#{item.expectation_anchor(level.id)}"
            else:
                assert ladder.level(item.ends_at).name in text(row.find(class_="ladder-ended"))


def test_every_item_has_a_page_with_every_level_in_full(site: BuiltSite, ladder, routes):
    """The expectation with its example and signals, or, above the level where the item ends, a note
    that links to the level whose expectation holds."""
    for item in ladder.items():
        url = page_url(routes.item(item))
        soup = site.soup(url)
        assert soup.find("h1")["id"] == item.anchor and text(soup.find("h1")) == item.name
        for level in ladder.levels:
            heading = soup.find(id=item.expectation_anchor(level.id))
            assert heading is not None and text(heading) == level.name, (url, level.id)
            card = soup.find(attrs={"data-ladder-for": item.expectation_anchor(level.id)})
            expectation = item.at(level.id)
            if expectation:
                for part in (
                    expectation.text,
                    expectation.example,
                    expectation.evidence,
                    expectation.not_yet,
                ):
                    assert squeeze(part) in text(card), (item.anchor, level.id, part[:40])
            else:
                ends = ladder.level(item.ends_at)
                note = card.find(class_="ladder-ended")
                assert note is not None and ends.name in text(note), (item.anchor, level.id)
                assert note.find("a")["href"].endswith(f"#{item.expectation_anchor(ends.id)}")


def test_every_skill_is_under_its_group(site: BuiltSite, ladder, routes):
    soup = site.soup(page_url(routes["skill"]))
    for skill in ladder.skills:
        group = ladder.group(skill.group)
        group_heading = soup.find(id=group.anchor)
        assert text(group_heading) == group.name
        following = group_heading.find_next(group_heading.name)
        assert group_heading.find_next(id=skill.anchor) is not None
        assert following is None or following.find_next(id=skill.anchor) is None, (
            f"{skill.id} is not under {group.id}"
        )


@pytest.mark.parametrize("url", ["", "role/", "levels/"])
def test_level_table(site: BuiltSite, ladder, routes, url):
    soup = site.soup(url)
    for level in ladder.levels:
        row = soup.find(id=level.anchor)
        assert row is not None and row.name == "tr", f"{url} lacks #{level.anchor}"
        assert level.name in text(row) and squeeze(level.summary) in text(row)
        assert urljoin(f"/{url}", row.find("a")["href"]) == f"/{page_url(routes.level(level))}"


def test_every_level_page_holds_every_expectation_of_its_level(site: BuiltSite, ladder, routes):
    for level in ladder.levels:
        soup = site.soup(page_url(routes.level(level)))
        assert text(soup.find("h1")) == level.name
        assert soup.find("h1")["id"] == level.anchor
        article = text(soup.find("article"))
        assert squeeze(level.scope) in article
        below = ladder.below(level)
        if below:
            assert squeeze(level.step) in article and f"What changes from {below.name}" in article
        for item in ladder.items():
            heading = soup.find(id=item.expectation_anchor(level.id))
            assert heading is not None, f"levels/{level.id} lacks {item.expectation_anchor(level.id)}"
            body = text(soup.find(attrs={"data-ladder-for": item.expectation_anchor(level.id)}))
            expectation = item.at(level.id)
            parts = (
                [expectation.text, expectation.example, expectation.evidence, expectation.not_yet]
                if expectation
                else [ladder.level(item.ends_at).name]
            )
            for part in parts:
                assert squeeze(part) in body, (level.id, item.anchor, part[:40])


def test_the_navigation_lists_each_level_and_its_self_assessment_under_their_overviews(
    site: BuiltSite, ladder, routes
):
    """Items are reached from their overviews, so the navigation stays short however many there are."""
    nav = site.soup("").select_one("nav.md-nav--primary")
    linked = {urljoin("/", a["href"]) for a in nav.select("a.md-nav__link[href]")}
    pages = [routes.level(level) for level in ladder.levels]
    pages += [routes.assess(level) for level in ladder.levels]
    missing = [page for page in pages if f"/{page_url(page)}" not in linked]
    assert missing == []
    assert not [item for item in ladder.items() if f"/{page_url(routes.item(item))}" in linked]


def test_skill_lists_link_to_the_pages_of_skills(site: BuiltSite, ladder, routes):
    pages = {f"/{page_url(routes.item(skill))}" for skill in ladder.skills}
    lists = [(page.url, a) for page in site.reader_pages() for a in page.soup.select(".ladder-skill-links a")]
    assert lists, "no page lists skills"
    for url, link in lists:
        assert urljoin(f"/{url}", link["href"]) in pages, (url, link["href"])


def test_one_edit_to_the_data_file_changes_every_page_showing_it(tiny_project, tmp_path):
    new = "Sentinel expectation written by the test suite."
    edit_data(
        tiny_project, lambda data: entry(data, "skills", "alpha")["expectations"]["middle"].update(text=new)
    )
    assert mkdocs_build(tiny_project, tmp_path / "out").returncode == 0
    built = BuiltSite(tmp_path / "out")
    for url in ("skills/alpha/", "levels/middle/", "compare/", "self-assessment/middle/"):
        article = text(built.soup(url).find("article"))
        assert new in article, url
        assert "Writes alpha code for a whole component" not in article, url
