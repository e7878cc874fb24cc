"""Every page and every data item offers a way to change it: edit button, item edit and suggest links."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from conftest import DATA_FILE, ROOT, Site

REPO = "https://github.com/ml-ladder/ml-engineer-ladder"


def test_every_page_has_an_edit_button_to_its_source(site: Site):
    pages = [p for p in site.pages() if p.name == "index.html" and "search" not in p.parts]
    sources = 0
    for path in pages:
        url = path.relative_to(site.root).parent.as_posix()
        soup = site.soup("" if url == "." else url + "/")
        if soup.find("meta", attrs={"http-equiv": "refresh"}):
            continue  # a redirect stub, not a page
        button = soup.select_one("a.md-content__button[href*='/edit/main/docs/']")
        assert button is not None, url
        source = button["href"].split("/edit/main/", 1)[1]
        assert (ROOT / source).is_file(), button["href"]
        sources += 1
    assert sources >= 15


def test_every_data_item_links_to_its_line_and_to_a_prefilled_issue(site: Site, ladder):
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
            assert edit["href"].startswith(f"{REPO}/blob/main/{DATA_FILE}#L")
            line = int(edit["href"].rsplit("#L", 1)[1])
            assert data_lines[line - 1].strip() == f"- id: {entry.id}", (url, entry.id, line)
            assert entry.name in edit.get_text()

            issue = urlsplit(suggest["href"])
            assert f"{issue.scheme}://{issue.netloc}{issue.path}" == f"{REPO}/issues/new"
            query = parse_qs(issue.query)
            assert entry.anchor in query["title"][0] and entry.anchor in query["body"][0]
            assert entry.name in suggest.get_text()
