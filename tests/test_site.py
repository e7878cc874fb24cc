"""The built site a reader gets: every article section, every data item with its anchor."""

from __future__ import annotations

from urllib.parse import urljoin

import pytest

from conftest import Site, edit_data, item, mkdocs_build

# (url, title, heading ids the page must keep, facts from the article it must cover)
SECTIONS = [
    (
        "",
        "Machine Learning Engineer career ladder",
        ["for-engineers", "for-managers", "for-contributors"],
        ["pull request", "review"],
    ),
    (
        "role/",
        "Understanding the role",
        ["what-ml-is", "why-it-matters", "how-the-role-evolved"],
        [
            "feature engineering",
            "preprocessing",
            "bias",
            "fairness",
            "privacy",
            "healthcare",
            "finance",
        ],
    ),
    (
        "responsibilities/",
        "Key responsibilities",
        ["example-recommendation-system", "example-fraud-detection", "example-support-chatbot"],
        [
            "collaborative filtering",
            "content-based",
            "transaction logs",
            "outliers",
            "product managers",
            "business analysts",
        ],
    ),
    (
        "skills/",
        "Skills",
        ["technical-skills", "leadership-skills"],
        ["Python", "TensorFlow", "PyTorch", "eigenvectors", "gradients", "AWS"],
    ),
    (
        "impact/",
        "Impact on business outcomes",
        ["better-decisions", "innovation-and-efficiency"],
        ["risk assessment", "resource allocation", "repetitive"],
    ),
    (
        "future/",
        "Future trends",
        ["growing-demand", "ai-and-automation"],
        ["AutoML", "pre-trained", "transfer learning", "fine-tuning", "model selection"],
    ),
]


def text(element) -> str:
    """What a reader sees of an element, without the permalink sign."""
    words = element.get_text(" ").split()
    return " ".join(words[:-1] if words and words[-1] == "¶" else words)


@pytest.mark.parametrize("url, title, ids, facts", SECTIONS, ids=[s[0] or "home" for s in SECTIONS])
def test_article_section_pages(site: Site, url, title, ids, facts):
    soup = site.soup(url)
    assert text(soup.find("h1")) == title
    for heading_id in ids:
        assert soup.find(id=heading_id), f"{url or 'home'} lost heading #{heading_id}"
    body = text(soup.find("article"))
    for fact in facts:
        assert fact.lower() in body.lower(), f"{url or 'home'} does not mention {fact!r}"


def test_navigation_follows_the_article(site: Site):
    nav = site.soup("").select("nav.md-nav--primary a.md-nav__link[href]")
    labels = [text(link) for link in nav]
    order = [
        "Understanding the role",
        "Key responsibilities",
        "Skills",
        "Impact on business outcomes",
        "Future trends",
        "Senior ML Engineer",
    ]
    positions = [labels.index(label) for label in order]
    assert positions == sorted(positions), labels


def test_no_template_syntax_reaches_a_reader(site: Site):
    for page in site.pages():
        html = page.read_text(encoding="utf-8")
        assert "{{" not in html and "{%" not in html, page


def assert_item(soup, item, levels, page):
    heading = soup.find(id=item.anchor)
    assert heading is not None and heading.name in {"h2", "h3"}, f"{page} lacks #{item.anchor}"
    assert text(heading).startswith(item.name)
    for level in levels:
        expectation = soup.find(id=item.expectation_anchor(level.id))
        assert expectation is not None, f"{page} lacks #{item.expectation_anchor(level.id)}"
        assert " ".join(item.expectations[level.id].split()) in text(expectation)
        assert level.name in text(expectation)


def test_every_skill_on_the_skills_page(site: Site, ladder):
    soup = site.soup("skills/")
    for skill in ladder.skills:
        assert_item(soup, skill, ladder.levels, "skills/")
        group_heading = soup.find(id=f"{skill.group}-skills")
        assert group_heading.find_all_next(id=skill.anchor), f"{skill.id} is not under its group"


def test_every_responsibility_on_the_responsibilities_page(site: Site, ladder):
    soup = site.soup("responsibilities/")
    for responsibility in ladder.responsibilities:
        assert_item(soup, responsibility, ladder.levels, "responsibilities/")


@pytest.mark.parametrize("url", ["", "role/", "levels/"])
def test_level_table(site: Site, ladder, url):
    soup = site.soup(url)
    for level in ladder.levels:
        row = soup.find(id=level.anchor)
        assert row is not None and row.name == "tr", f"{url} lacks #{level.anchor}"
        assert level.name in text(row) and " ".join(level.summary.split()) in text(row)
        assert urljoin(f"/{url}", row.find("a")["href"]) == f"/levels/{level.id}/"


def test_every_level_page_holds_every_expectation_of_its_level(site: Site, ladder):
    for level in ladder.levels:
        soup = site.soup(f"levels/{level.id}/")
        assert text(soup.find("h1")) == level.name
        assert soup.find("h1")["id"] == level.anchor
        assert " ".join(level.scope.split()) in text(soup.find("article"))
        for entry in [*ladder.responsibilities, *ladder.skills]:
            expectation = soup.find(id=entry.expectation_anchor(level.id))
            assert expectation is not None, f"levels/{level.id} lacks {entry.expectation_anchor(level.id)}"
            body = text(expectation.find_next("div"))
            assert " ".join(entry.expectations[level.id].split()) in body


def test_skill_links_point_at_the_skills_page(site: Site, ladder):
    soup = site.soup("future/")
    hrefs = {link["href"] for link in soup.select(".ladder-skill-links a")}
    for skill in ladder.skills_in("technical"):
        assert f"../skills/#{skill.anchor}" in hrefs


def test_one_edit_to_the_data_file_changes_every_page_showing_it(project, tmp_path, ladder):
    old = ladder.skill("statistics").expectations["senior"]
    new = "Sentinel expectation written by the test suite."
    edit_data(project, lambda data: item(data, "skills", "statistics")["expectations"].update(senior=new))
    result = mkdocs_build(project, tmp_path / "out")
    assert result.returncode == 0, result.stderr
    changed = Site(tmp_path / "out")
    for url in ("skills/", "levels/senior/"):
        article = text(changed.soup(url).find("article"))
        assert new in article
        assert " ".join(old.split()) not in article
