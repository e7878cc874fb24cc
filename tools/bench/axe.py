"""axe-core (WCAG 2.2 A and AA) on every page of a built site, light and dark, twice: right after
load, as soon as the blocks a long page leaves undrawn at first paint are drawn (until then they have
no place on the page to measure) while ladder.js still adds its controls, and once all is settled."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from tools import chromium
from tools.serve import other_hosts, serve
from tools.site import BuiltSite

SCHEMES = ("light", "dark")
MOMENTS = ("after load", "settled")


@dataclass
class AxeResult:
    page: str
    scheme: str
    moment: str
    violations: list[str]  # "rule-id (n nodes)"
    other_hosts: list[str]


def crawl(site: Path) -> list[AxeResult]:
    from playwright.sync_api import sync_playwright

    pages = [page.url for page in BuiltSite(site).reader_pages()]
    results = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = chromium.launch(playwright)
        try:
            for scheme in SCHEMES:
                context = browser.new_context(color_scheme=scheme)
                for url in pages:
                    for moment in MOMENTS:
                        page = context.new_page()
                        requested: list[str] = []
                        page.on("request", lambda request, seen=requested: seen.append(request.url))
                        page.goto(base + url, wait_until="load")
                        chromium.drawn(page)
                        if moment == "settled":
                            chromium.load_material(page)
                            chromium.settle(page)
                        found = [
                            f"{v['id']} ({len(v['nodes'])} nodes)" for v in chromium.axe_violations(page)
                        ]
                        results.append(AxeResult("/" + url, scheme, moment, found, other_hosts(requested)))
                        page.close()
                context.close()
        finally:
            browser.close()
    return results
