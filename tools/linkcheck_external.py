"""Check every external link of the built site (needs the network, so it is not part of `make test`).

    python tools/linkcheck_external.py SITE_DIR

Hosts in ALLOWLIST are skipped: the site's own domain (not live until published) and hosts that
refuse automated requests.
"""

from __future__ import annotations

import argparse
import sys
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import urlsplit

from sitemap import BuiltSite

ALLOWLIST = {
    "ml-engineer-ladder.org",  # the site itself: its links are checked offline by `make test`
    "creativecommons.org",  # answers robots with 403
}
TIMEOUT = 15


def status(url: str) -> str | None:
    """None when the link works, else a short reason."""
    request = urllib.request.Request(url, method="HEAD", headers={"User-Agent": "ladder-linkcheck"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT):
            return None
    except urllib.error.HTTPError as error:
        if error.code in {403, 405, 429}:  # HEAD refused or rate-limited: retry once with GET
            try:
                with urllib.request.urlopen(url.split("#")[0], timeout=TIMEOUT):
                    return None
            except Exception as retry:  # noqa: BLE001 - any failure is a broken link here
                return str(retry)
        return f"HTTP {error.code}"
    except Exception as error:  # noqa: BLE001
        return str(error)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("site", type=Path)
    args = parser.parse_args(argv)

    links = {
        url: pages
        for url, pages in BuiltSite(args.site).external_links().items()
        if urlsplit(url).hostname not in ALLOWLIST
    }
    with ThreadPoolExecutor(max_workers=8) as pool:
        results = dict(zip(links, pool.map(status, links), strict=True))
    broken = {url: reason for url, reason in results.items() if reason}
    for url, reason in sorted(broken.items()):
        print(f"BROKEN {url} ({reason}) on {', '.join(sorted(links[url]))}")
    print(f"{len(links)} external link(s) checked, {len(broken)} broken.")
    return 1 if broken else 0


if __name__ == "__main__":
    sys.exit(main())
