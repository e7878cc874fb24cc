"""The Chromium that the browser tests and `make bench` drive.

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


def executable() -> str | None:
    """Debian's Chromium where it is installed, else None (Playwright's own browser)."""
    return str(SYSTEM_CHROMIUM) if SYSTEM_CHROMIUM.exists() else None
