"""Every page and every data item offers a way to change it: edit button, item edit and suggest links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from tools.project import DATA_FILE, ROOT
from tools.site import BuiltSite


def test_every_page_has_an_edit_button_to_its_source(site: BuiltSite, config):
    pages = [page for page in site.reader_pages() if page.url.endswith("/") or page.url == ""]
    assert len(pages) >= 15
    for page in pages:
        button = page.soup.select_one(f"a.md-content__button[href*='/{config['edit_uri']}']")
        assert button is not None, page.url
        source = button["href"].split("/edit/main/", 1)[1]
        assert (ROOT / source).is_file(), button["href"]


def test_every_data_item_links_to_its_line_and_to_a_prefilled_issue(site: BuiltSite, ladder, config):
    repo = config["repo_url"].rstrip("/")
    data_lines = (ROOT / DATA_FILE).read_text(encoding="utf-8").splitlines()
    shown = [
        ("skills/", ladder.skills),
        ("responsibilities/", ladder.responsibilities),
        *((f"levels/{level.id}/", [level]) for level in ladder.levels),
    ]
    for url, items in shown:
        soup = site.soup(url)
        for entry in items:
            actions = soup.find(attrs={"data-ladder-id": entry.id}).find(class_="ladder-actions")
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
