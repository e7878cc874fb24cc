"""Every page and every data item offers a way to change it: edit button, item edit and suggest links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from ladder.pages import generated_pages
from ladder.routes import page_url
from tools.project import DATA_FILE, ROOT
from tools.site import BuiltSite


def test_every_hand_written_page_has_an_edit_button_to_its_source(site: BuiltSite, ladder_site):
    """Generated pages have no source of their own: their items link to the data file instead; a
    released version's pages are never edited."""
    generated = {page_url(page.src) for page in generated_pages(ladder_site)}
    edit_uri = ladder_site.config.raw["edit_uri"]
    versions = ladder_site.routes.pages["versions"]
    pages = [
        page
        for page in site.reader_pages()
        if page.url != "404.html" and page.url not in generated and not page.url.startswith(versions)
    ]
    assert len(pages) >= 12
    for page in pages:
        button = page.soup.select_one(f"a.md-content__button[href*='/{edit_uri}']")
        assert button is not None, page.url
        source = button["href"].split("/edit/main/", 1)[1]
        assert (ROOT / source).is_file(), button["href"]


def test_every_data_item_links_to_its_line_and_to_a_prefilled_issue(
    site: BuiltSite, ladder, routes, ladder_site
):
    repo = ladder_site.config.repo_url
    data_lines = (ROOT / DATA_FILE).read_text(encoding="utf-8").splitlines()
    shown = [(page_url(routes[item.kind]), [item]) for item in ladder.items()]
    shown += [(page_url(routes.item(item)), [item]) for item in ladder.items()]
    shown += [(page_url(routes.level(level)), [level]) for level in ladder.levels]
    for url, items in shown:
        soup = site.soup(url)
        for entry in items:
            actions = soup.find(attrs={"data-ladder-for": entry.anchor}).find(class_="ladder-actions")
            edit, suggest = actions.find_all("a")
            assert edit["href"].startswith(f"{repo}/blob/main/{DATA_FILE}#L")
            line = int(edit["href"].rsplit("#L", 1)[1])
            assert data_lines[line - 1].strip() == f"- id: {entry.id}", (url, entry.id, line)
            assert entry.name in edit.get_text()

            issue = urlsplit(suggest["href"])
            assert f"{issue.scheme}://{issue.netloc}{issue.path}" == f"{repo}/issues/new"
            query = parse_qs(issue.query)
            assert entry.anchor in query["title"][0] and entry.anchor in query["body"][0]
            assert entry.name in suggest.get_text()
