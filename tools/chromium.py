"""The Chromium that the browser tests and `make bench` drive, and the steps both take on a page.

    python tools/chromium.py   # make sure a Chromium is there (`make test` runs this first)

Playwright cannot download its own browsers on every machine, so the tests use Debian's `chromium`
where it is installed and Playwright's own browser elsewhere. `ensure()` gets one of the two, or
says in one line what to install.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

SYSTEM_CHROMIUM = Path(os.environ.get("LADDER_CHROMIUM", "/usr/bin/chromium"))

# A headless run in a container: no sandbox or GPU, and nothing fetched from other hosts.
FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    # Fewer processes on a small machine: the pages are all from one local site.
    "--in-process-gpu",
    "--disable-site-isolation-trials",
    "--renderer-process-limit=1",
    # Software drawing without an emulated GPU in between: the pages are read, never shown.
    "--disable-gpu-rasterization",
    "--disable-gpu-compositing",
)

# No browser interface is drawn here, yet Chromium keeps the address bar's popup rendering in a process
# of its own for every window: it took about a quarter of the CPU of a test run, and competes with the
# page that Lighthouse times (tools/bench/lighthouse.py turns it off there too).
UNSEEN_FEATURES = (
    "PreloadTopChromeWebUI",
    "WebUIOmniboxPopup",
    "WebUIOmniboxAimPopup",
    "WebUIOmniboxFullPopup",
)

# Chromium obeys only the last `--disable-features`, so the tests' one repeats the features Playwright
# turns off (they keep the browser off the network at start and pages as a test expects; a test checks
# that it still names them all) and adds the unseen ones.
PLAYWRIGHT_DISABLED_FEATURES = (
    "AvoidUnnecessaryBeforeUnloadCheckSync",
    "DestroyProfileOnBrowserClose",
    "HttpsUpgrades",
    "HttpsFirstBalancedModeAutoEnable",
    "LensOverlay",
    "MediaRouter",
    "PaintHolding",
    "ThirdPartyStoragePartitioning",
    "AvoidCorsURLLoaderRestartOnRedirect",
    "TcpPortRandomizationWin",
    "OptimizationHints",
    "NetworkTimeServiceQuerying",
    "AimEnabled",
    "PreconnectToSearch",
    "msForceBrowserSignIn",
    "msEdgeUpdateLaunchServicesPreferredVersion",
)
DISABLED_FEATURES = (*PLAYWRIGHT_DISABLED_FEATURES, *UNSEEN_FEATURES)

# The axe-core rules both run: WCAG 2.2 A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

WHAT_TO_INSTALL = (
    "The browser tests need Chromium: install Debian's `chromium` package "
    "(sudo apt-get install chromium) or Playwright's (.venv/bin/playwright install chromium)."
)


def executable() -> str | None:
    """Debian's Chromium where it is installed, else None (Playwright's own browser)."""
    return str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None


def playwright_chromium() -> Path | None:
    """Playwright's own Chromium, if it has been downloaded."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        path = Path(playwright.chromium.executable_path)
    return path if path.exists() else None


def launch(playwright):
    """Chromium for the tests and the benchmark: Debian's where it is installed, else Playwright's."""
    disabled = f"--disable-features={','.join(DISABLED_FEATURES)}"
    return playwright.chromium.launch(executable_path=executable(), args=[*FLAGS, disabled])


def missing() -> str | None:
    """None when a browser is there for the tests, else the one line saying what to install."""
    return None if executable() or playwright_chromium() else WHAT_TO_INSTALL


def _root_on_debian() -> bool:
    return os.geteuid() == 0 and Path("/etc/debian_version").exists() and shutil.which("apt-get") is not None


def _quietly(*command: str) -> bool:
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    return subprocess.run(command, capture_output=True, env=env).returncode == 0


def ensure() -> int:
    """Get a Chromium if there is none: Debian's as root on Debian, else Playwright's download."""
    if not missing():
        return 0
    if _root_on_debian():
        print("Installing Debian's chromium for the browser tests …", flush=True)
        _quietly("apt-get", "update", "-qq") and _quietly("apt-get", "install", "-y", "-qq", "chromium")
    else:
        # Where sudo needs no password (a CI runner), Playwright installs the libraries Chromium needs too.
        with_deps = ["--with-deps"] if shutil.which("sudo") and _quietly("sudo", "-n", "true") else []
        print("Downloading Playwright's Chromium for the browser tests …", flush=True)
        _quietly(sys.executable, "-m", "playwright", "install", *with_deps, "chromium")
    problem = missing()
    if problem:
        print(problem, file=sys.stderr)
        return 1
    return 0


def load_material(page) -> None:
    """Act as a reader's first interaction does: Material's JavaScript loads; wait until it runs."""
    page.mouse.move(20, 20)
    page.wait_for_function("() => window.document$ !== undefined")


def drawn(page) -> None:
    """Wait until ladder.js has drawn the blocks that a long page leaves undrawn at first paint (they
    are drawn first, before its other idle-time work): until then their contents have no place on the
    page that a check could measure."""
    page.wait_for_function("() => !document.querySelector('.ladder-lazy:not(.ladder-drawn)')")


def settle(page) -> None:
    """Wait until the page has loaded and ladder.js has finished its idle-time work (the share
    controls), which it marks on the root element."""
    page.wait_for_load_state("load")
    page.wait_for_function("() => 'ladderReady' in document.documentElement.dataset")


# The rules whose verdict depends on colours: all that a change of light or dark mode can change.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def axe_violations(page, rules: str = "all", within: str | None = None) -> list[dict]:
    """axe-core's violations on the current page (axe-core as the axe-playwright-python package ships
    it), or in the elements `within` selects: of every rule (`all`), of the rules about colour only
    (`colour`), or of every other rule (`structure`)."""
    import axe_playwright_python

    if not page.evaluate("() => typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(Path(axe_playwright_python.__file__).with_name("axe.min.js")))
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    if rules == "colour":
        options["runOnly"] = {"type": "rule", "values": COLOUR_RULES}
    elif rules == "structure":
        options["rules"] = {rule: {"enabled": False} for rule in COLOUR_RULES}
    context = {"include": [within]} if within else None
    return page.evaluate("([context, options]) => axe.run(context || document, options)", [context, options])[
        "violations"
    ]


def axe_report(page, rules: str = "all", within: str | None = None) -> list[str]:
    """axe-core's violations on the current page, or within part of it, one line per failing element."""
    return [
        f"{violation['id']}: {node['html'][:160]} — {node['failureSummary']}"
        for violation in axe_violations(page, rules, within)
        for node in violation["nodes"]
    ]


if __name__ == "__main__":
    sys.exit(ensure())
