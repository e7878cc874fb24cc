"""The Chromium that the browser tests and `make bench` drive, and the steps both take on a page.

Playwright cannot download its own browsers on the machines this project runs on, so both use
Debian's `chromium` package (`.ci/run` installs it) and fall back to Playwright's browser elsewhere.
"""

from __future__ import annotations

from pathlib import Path

SYSTEM_CHROMIUM = Path("/usr/bin/chromium")

# A headless run in a container: no sandbox or GPU, and nothing fetched from other hosts.
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
)

# The axe-core rules both run: WCAG 2.2 A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def executable() -> str | None:
    """Debian's Chromium where it is installed, else None (Playwright's own browser)."""
    return str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None


def is_redirect_stub(html: str) -> bool:
    """The tiny pages mkdocs-redirects writes for old URLs: no content, only a forward."""
    return 'http-equiv="refresh"' in html[:2000]


def load_material(page) -> None:
    """Act as a reader's first interaction does: Material's JavaScript loads; wait until it runs."""
    page.mouse.move(20, 20)
    page.wait_for_function("() => window.document$ !== undefined")


def settle(page) -> None:
    """Wait until the page has loaded everything and rendered every item, on screen or not.

    Items off screen render in idle time after load (content-visibility in ladder-styles.html).
    """
    page.wait_for_load_state("networkidle")
    page.wait_for_function(
        "() => ![...document.querySelectorAll('.md-content *')]"
        ".some((element) => getComputedStyle(element).contentVisibility === 'auto')"
    )


def axe_violations(page) -> list[dict]:
    """axe-core's violations on the current page (axe-core as the axe-playwright-python package ships it)."""
    import axe_playwright_python

    page.add_script_tag(path=str(Path(axe_playwright_python.__file__).with_name("axe.min.js")))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}}
    return page.evaluate("options => axe.run(document, options)", options)["violations"]
