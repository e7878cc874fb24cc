"""Benchmark the ladder site: build time, Lighthouse scores, first-load weight and scale.

Run from the project root with the project's venv (`make bench`):

    .venv/bin/python tools/bench.py                    # everything, then the budgets
    .venv/bin/python tools/bench.py --runs 9           # nine Lighthouse runs a page (default 5)
    .venv/bin/python tools/bench.py --skip-lighthouse  # only the builds, axe and the scale test

What it does, all under the git-ignored `.bench/`:

1. Builds the real site strictly into `.bench/site` and times the build.
2. Builds "stock Material" from a temporary copy of the project whose mkdocs.yml has no
   `custom_dir`, `extra_css`, `extra_javascript` or `font` key (same Markdown, same macros).
3. Serves both builds on 127.0.0.1 with gzip, as a static host would, and runs Lighthouse
   (pinned, installed into `.bench/` with npm) with the system Chromium on a few pages,
   mobile preset, recording scores, paint timings and every network request. Lighthouse
   varies from run to run on a small machine, so each page is measured `--runs` times and
   the budgets are checked on the medians; every run is printed.
4. Loads every page of the real site in Chromium, light and dark, after a first interaction
   (which loads Material's JavaScript), and runs axe-core (WCAG 2.2 A/AA) on it, recording any
   request to another host.
5. Builds a synthetic ladder ten times larger than the real data file and compares build
   time and page sizes with the real site.
6. Checks the budgets, prints PASS/FAIL for each and exits 1 if any fails (2 on an error).
"""

from __future__ import annotations

import argparse
import copy
import email.utils
import gzip
import http.server
import io
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from http import HTTPStatus
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import chromium
import yaml

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / ".bench"
DEFAULT_DATA_FILE = "docs/data/ladder.yml"

# Lighthouse: pinned version, the Chromium it drives, and the pages it loads.
LIGHTHOUSE_VERSION = "12.2.3"
CHROME_PATH = str(chromium.SYSTEM_CHROMIUM)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
CATEGORY_LABELS = {
    "performance": "perf",
    "accessibility": "a11y",
    "best-practices": "bp",
    "seo": "seo",
}
PAGES = {
    "home": "/",
    "responsibilities": "/responsibilities/",
    "skills": "/skills/",
    "senior": "/levels/senior/",
}
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}

# Scale test: how much larger the synthetic ladder is, and which pages to weigh.
SCALE = 10
SCALED_SECTIONS = ("skills", "responsibilities")
# Pages that show every item (the responsibilities page places each one by id, so it does not grow).
SIZE_PAGES = ("skills/", "levels/senior/", "self-assessment/")

# Budgets. Do not loosen them to make a run pass: fix the site instead.
SCORE_BUDGET = 100
FCP_BUDGET_S = 1.0
EXTERNAL_REQUESTS_BUDGET = 0
AXE_VIOLATIONS_BUDGET = 0

SCHEMES = ("light", "dark")

# Top-level entries never copied into a throw-away project (outputs, caches, environments).
NOT_COPIED = {".git", ".venv", ".bench", "site", "build", "node_modules", ".pytest_cache"}
NOT_COPIED_ANYWHERE = {"__pycache__"}


class BenchError(Exception):
    """A step of the benchmark could not run (as opposed to a budget that failed)."""


def progress(message: str) -> None:
    """A status line on stderr, kept in order with the report on stdout."""
    sys.stdout.flush()
    print(f"… {message}", file=sys.stderr, flush=True)


# --------------------------------------------------------------------------------------------
# Building


def build_site(project: Path, site_dir: Path) -> float:
    """Build `project` strictly into `site_dir`; return the wall-clock seconds it took."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise BenchError(f"strict build of {project} failed:\n{result.stderr.strip()}")
    return elapsed


def copy_project(destination: Path) -> Path:
    """Copy the project's sources (not its outputs, caches or venv) into `destination`."""

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = {name for name in names if name in NOT_COPIED_ANYWHERE or name.endswith(".egg-info")}
        if Path(directory) == ROOT:
            skipped |= NOT_COPIED & set(names)
        return skipped

    shutil.copytree(ROOT, destination, ignore=ignore, symlinks=True)
    return destination


class _AnyTagLoader(yaml.SafeLoader):
    """SafeLoader that accepts MkDocs tags (!ENV, !!python/name:…) and reads them as None."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read_config(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_AnyTagLoader) or {}


def data_file_of(project: Path) -> Path:
    """The ladder data file a project's mkdocs.yml points at (`extra.ladder_data`)."""
    extra = read_config(project / "mkdocs.yml").get("extra") or {}
    return project / extra.get("ladder_data", DEFAULT_DATA_FILE)


# --------------------------------------------------------------------------------------------
# Stock Material: the same project without the theme customisations


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _key_block(lines: list[str], key: str, indent: int, start: int = 0, stop: int | None = None):
    """The line range [first, end) of `key:` at `indent` and everything nested under it."""
    stop = len(lines) if stop is None else stop
    pattern = re.compile(rf"^ {{{indent}}}{re.escape(key)}\s*:")
    for first in range(start, stop):
        if pattern.match(lines[first]):
            end = first + 1
            while end < stop and (
                not _is_content(lines[end])
                or _indent(lines[end]) > indent
                or (_indent(lines[end]) == indent and lines[end].lstrip().startswith("- "))
            ):
                end += 1
            while end > first + 1 and not _is_content(lines[end - 1]):
                end -= 1  # keep trailing blank lines and comments: they belong to what follows
            return first, end
    return None


def _remove_key(lines: list[str], key: str, indent: int, start: int = 0, stop: int | None = None):
    block = _key_block(lines, key, indent, start, stop)
    if block:
        del lines[block[0] : block[1]]


def stock_material_config(text: str) -> str:
    """mkdocs.yml text without `theme.custom_dir`, `theme.font`, `extra_css`, `extra_javascript`.

    Edited as text, not re-dumped, so comments and MkDocs' YAML tags survive untouched.
    """
    lines = text.splitlines(keepends=True)
    for key in ("custom_dir", "font"):
        theme = _key_block(lines, "theme", 0)
        if theme:
            children = [line for line in lines[theme[0] + 1 : theme[1]] if _is_content(line)]
            if children:
                _remove_key(lines, key, _indent(children[0]), theme[0] + 1, theme[1])
    for key in ("extra_css", "extra_javascript"):
        _remove_key(lines, key, 0)
    return "".join(lines)


def check_stock_config(config: dict) -> None:
    theme = config.get("theme") or {}
    leftovers = [f"theme.{key}" for key in ("custom_dir", "font") if isinstance(theme, dict) and key in theme]
    leftovers += [key for key in ("extra_css", "extra_javascript") if key in config]
    if leftovers:
        raise BenchError(f"could not remove {', '.join(leftovers)} from the stock mkdocs.yml")


def build_stock_material(workdir: Path, site_dir: Path) -> float:
    project = copy_project(workdir / "stock")
    config_path = project / "mkdocs.yml"
    text = stock_material_config(config_path.read_text(encoding="utf-8"))
    config_path.write_text(text, encoding="utf-8")
    check_stock_config(read_config(config_path))
    return build_site(project, site_dir)


# --------------------------------------------------------------------------------------------
# Serving a build as a static host would


class StaticHandler(http.server.SimpleHTTPRequestHandler):
    """Files from one directory, gzipped when the client accepts it, index.html for directories."""

    protocol_version = "HTTP/1.1"
    COMPRESSIBLE = {
        "text/html",
        "text/css",
        "text/javascript",
        "application/javascript",
        "application/x-javascript",
        "application/json",
        "image/svg+xml",
        "application/xml",
        "text/xml",
    }

    def send_head(self):
        url = urlsplit(self.path)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not url.path.endswith("/"):
                return self._redirect(urlunsplit(("", "", url.path + "/", url.query, "")))
            path = path / "index.html"
        if not path.is_file():
            return self._not_found()
        return self._send_file(path, HTTPStatus.OK)

    def _send_file(self, path: Path, status: HTTPStatus):
        body = path.read_bytes()
        content_type = self.guess_type(str(path))
        compressible = content_type in self.COMPRESSIBLE
        if compressible and self._accepts_gzip():
            body = gzip.compress(body, compresslevel=6)
            encoding = "gzip"
        else:
            encoding = None
        self.send_response(status)
        charset = "; charset=utf-8" if content_type.startswith("text/") else ""
        self.send_header("Content-Type", content_type + charset)
        self.send_header("Content-Length", str(len(body)))
        if encoding:
            self.send_header("Content-Encoding", encoding)
        if compressible:
            self.send_header("Vary", "Accept-Encoding")
        self.send_header("Cache-Control", "max-age=600")
        self.send_header("Last-Modified", email.utils.formatdate(path.stat().st_mtime, usegmt=True))
        self.end_headers()
        return io.BytesIO(body)

    def _redirect(self, location: str):
        self.send_response(HTTPStatus.MOVED_PERMANENTLY)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()
        return None

    def _not_found(self):
        page = Path(self.directory) / "404.html"
        if page.is_file():
            return self._send_file(page, HTTPStatus.NOT_FOUND)
        self.send_error(HTTPStatus.NOT_FOUND)
        return None

    def _accepts_gzip(self) -> bool:
        for coding in self.headers.get("Accept-Encoding", "").split(","):
            name, _, params = coding.strip().partition(";")
            if name.strip().lower() == "gzip" and params.replace(" ", "") not in ("q=0", "q=0.0"):
                return True
        return False

    def log_message(self, format, *args):  # noqa: A002 (signature of the base class)
        pass


class QuietServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        # Chromium drops connections it no longer needs when Lighthouse ends a run: not an error.
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


@contextmanager
def serve(directory: Path):
    """Serve `directory` on a free port of 127.0.0.1; yield the base URL (no trailing slash)."""
    handler = partial(StaticHandler, directory=str(directory))
    server = QuietServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


# --------------------------------------------------------------------------------------------
# Lighthouse


def ensure_lighthouse() -> Path:
    """Install the pinned Lighthouse into .bench/ unless it is already there; return its CLI."""
    package = BENCH / "node_modules" / "lighthouse"
    cli = package / "cli" / "index.js"
    if _installed_version(package) != LIGHTHOUSE_VERSION:
        npm = shutil.which("npm")
        if not npm:
            raise BenchError("npm is not on PATH; it is needed to install Lighthouse")
        progress(f"installing lighthouse@{LIGHTHOUSE_VERSION} into .bench/")
        BENCH.mkdir(exist_ok=True)
        result = subprocess.run(
            [
                npm,
                "install",
                "--prefix",
                str(BENCH),
                "--no-audit",
                "--no-fund",
                f"lighthouse@{LIGHTHOUSE_VERSION}",
            ],
            capture_output=True,
            text=True,
        )
        if result.returncode != 0 or _installed_version(package) != LIGHTHOUSE_VERSION:
            raise BenchError(
                f"npm could not install lighthouse@{LIGHTHOUSE_VERSION}:\n{result.stderr.strip()}"
            )
    return cli


def _installed_version(package: Path) -> str | None:
    try:
        return json.loads((package / "package.json").read_text(encoding="utf-8")).get("version")
    except (OSError, ValueError):
        return None


def run_lighthouse(cli: Path, url: str, output: Path) -> dict:
    """Run Lighthouse (mobile, the default form factor) on `url`; return the JSON report."""
    node = shutil.which("node")
    if not node:
        raise BenchError("node is not on PATH; it is needed to run Lighthouse")
    if not Path(CHROME_PATH).exists():
        raise BenchError(f"Chromium not found at {CHROME_PATH}")
    output.unlink(missing_ok=True)
    command = [
        node,
        str(cli),
        url,
        "--output=json",
        f"--output-path={output}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(('--headless=new', *chromium.FLAGS))}",
        "--quiet",
    ]
    env = {**os.environ, "CHROME_PATH": CHROME_PATH}
    result = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    if result.returncode != 0 or not output.exists():
        raise BenchError(f"Lighthouse failed on {url}:\n{result.stderr.strip()[-3000:]}")
    report = json.loads(output.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        message = report["runtimeError"].get("message")
        raise BenchError(f"Lighthouse could not load {url}: {message}")
    return report


@dataclass
class FailingAudit:
    category: str
    id: str
    title: str
    score: float | None
    detail: str


@dataclass
class PageFigures:
    """What one Lighthouse run says about one page of one build."""

    scores: dict[str, int | None]
    fcp_s: float | None
    lcp_s: float | None
    tbt_ms: float | None
    cls: float | None
    benchmark_index: float | None
    transfer_bytes: int
    requests: int
    external_urls: list[str]
    failed_urls: list[str]
    failing_audits: list[FailingAudit] = field(default_factory=list)
    broken_audits: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def is_external(url: str) -> bool:
    """A request to a host other than this machine (data: and blob: URLs are not requests)."""
    parts = urlsplit(url)
    return parts.scheme in ("http", "https", "ws", "wss") and parts.hostname not in LOCAL_HOSTS


def figures_from(report: dict) -> PageFigures:
    audits = report["audits"]
    categories = report["categories"]
    requests = (audits["network-requests"].get("details") or {}).get("items", [])
    return PageFigures(
        scores={name: _percent(categories[name]["score"]) for name in CATEGORIES},
        fcp_s=_seconds(audits["first-contentful-paint"]),
        lcp_s=_seconds(audits["largest-contentful-paint"]),
        tbt_ms=audits["total-blocking-time"].get("numericValue"),
        cls=audits["cumulative-layout-shift"].get("numericValue"),
        benchmark_index=(report.get("environment") or {}).get("benchmarkIndex"),
        transfer_bytes=sum(int(request.get("transferSize") or 0) for request in requests),
        requests=len(requests),
        external_urls=[request["url"] for request in requests if is_external(request["url"])],
        failed_urls=[request["url"] for request in requests if _failed(request)],
        failing_audits=list(_failing_audits(report)),
        broken_audits=sorted(_broken_diagnostics(report)),
        warnings=list(report.get("runWarnings") or []),
    )


def _percent(score: float | None) -> int | None:
    return None if score is None else round(score * 100)


def _seconds(audit: dict) -> float | None:
    value = audit.get("numericValue")
    return None if value is None else value / 1000


def _failed(request: dict) -> bool:
    status = request.get("statusCode")
    return not status or status < 0 or status >= 400


def _failing_audits(report: dict):
    """Every audit that counts towards a category score and did not get full marks."""
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) <= 0:
                continue
            if audit.get("scoreDisplayMode") == "error":
                yield FailingAudit(
                    category,
                    ref["id"],
                    audit["title"],
                    None,
                    f"audit error: {audit.get('errorMessage', '')}",
                )
            elif audit.get("score") is not None and audit["score"] < 1:
                yield FailingAudit(category, ref["id"], audit["title"], audit["score"], _audit_detail(audit))


def _broken_diagnostics(report: dict):
    """Ids of zero-weight audits that Lighthouse itself could not run (no effect on scores)."""
    for category in CATEGORIES:
        for ref in report["categories"][category]["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref.get("weight", 0) <= 0 and audit.get("scoreDisplayMode") == "error":
                yield ref["id"]


def _audit_detail(audit: dict) -> str:
    """A short reason: the display value, or the first few offending elements or URLs."""
    if audit.get("displayValue"):
        return audit["displayValue"]
    items = (audit.get("details") or {}).get("items") or []
    found = [text[:160] for text in map(_item_summary, items[:3]) if text]
    more = f" (+{len(items) - 3} more)" if len(items) > 3 else ""
    return "; ".join(found) + more


def _item_summary(item) -> str:
    """One offending item of an audit: an element's HTML, or a message and its URL."""
    if not isinstance(item, dict):
        return ""
    node = item.get("node")
    if isinstance(node, dict):
        return node.get("snippet") or node.get("selector") or ""
    location = item.get("sourceLocation") if isinstance(item.get("sourceLocation"), dict) else {}
    parts = [item.get("description"), item.get("url") or location.get("url")]
    return " ".join(str(part) for part in parts if part)


def measure_pages(cli: Path, variant: str, site_dir: Path, runs: int) -> dict[str, list[PageFigures]]:
    """Serve one build and run Lighthouse `runs` times on every benchmarked page of it."""
    results = {name: [] for name in PAGES}
    with serve(site_dir) as base:
        for run in range(runs):
            for name, path in PAGES.items():
                progress(f"Lighthouse: {variant} {path} (run {run + 1} of {runs})")
                report = run_lighthouse(cli, base + path, BENCH / f"lighthouse-{variant}-{name}-{run}.json")
                results[name].append(figures_from(report))
    return results


def median_figures(runs: list[PageFigures]) -> PageFigures:
    """The median of every number over the runs; URLs, audits and warnings from all runs."""

    def median(values):
        values = [value for value in values if value is not None]
        return statistics.median(values) if values else None

    return PageFigures(
        scores={c: median(r.scores[c] for r in runs) for c in CATEGORIES},
        fcp_s=median(r.fcp_s for r in runs),
        lcp_s=median(r.lcp_s for r in runs),
        tbt_ms=median(r.tbt_ms for r in runs),
        cls=median(r.cls for r in runs),
        benchmark_index=median(r.benchmark_index for r in runs),
        transfer_bytes=round(median(r.transfer_bytes for r in runs)),
        requests=round(median(r.requests for r in runs)),
        external_urls=sorted({url for r in runs for url in r.external_urls}),
        failed_urls=sorted({url for r in runs for url in r.failed_urls}),
        failing_audits=list({(a.category, a.id): a for r in runs for a in r.failing_audits}.values()),
        broken_audits=sorted({a for r in runs for a in r.broken_audits}),
        warnings=sorted({w for r in runs for w in r.warnings}),
    )


# --------------------------------------------------------------------------------------------
# Deferred weight: what our pages load only on the reader's first interaction


def deferred_assets(site_dir: Path) -> dict[str, int]:
    """Material's bundle, its search worker and the search index, gzipped as the server sends them.

    Our pages load these on the reader's first interaction (overrides/main.html); stock Material
    loads them with every page, so they appear in its first-load transfer.
    """
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    bundle = re.search(r"assets/javascripts/bundle\.\w+\.min\.js", html)
    worker = re.search(r"assets/javascripts/workers/search\.\w+\.min\.js", html)
    paths = [match.group(0) for match in (bundle, worker) if match] + ["search/search_index.json"]
    return {
        path: len(gzip.compress((site_dir / path).read_bytes(), compresslevel=6))
        for path in paths
        if (site_dir / path).is_file()
    }


# --------------------------------------------------------------------------------------------
# axe-core on every page, light and dark


@dataclass
class AxeResult:
    page: str
    scheme: str
    violations: list[str]  # "rule-id (n nodes)"
    external_urls: list[str]


def site_pages(site_dir: Path) -> list[str]:
    """Site-relative URLs of every page a reader can open (redirect stubs left out)."""
    pages = []
    for path in sorted(site_dir.rglob("*.html")):
        if chromium.is_redirect_stub(path.read_text(encoding="utf-8")):
            continue
        url = path.relative_to(site_dir).as_posix()
        pages.append(url.removesuffix("index.html"))
    return pages


def run_axe(site_dir: Path) -> list[AxeResult]:
    """Every page in light and dark, after a first interaction has loaded Material's JavaScript."""
    try:
        import axe_playwright_python  # noqa: F401 (chromium.axe_violations loads axe-core from it)
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise BenchError(f"axe needs the test dependencies (`make test` installs them): {error}") from None
    results = []
    with serve(site_dir) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROME_PATH, args=list(chromium.FLAGS))
        try:
            for scheme in SCHEMES:
                context = browser.new_context(color_scheme=scheme)
                for page_url in site_pages(site_dir):
                    progress(f"axe: /{page_url} ({scheme})")
                    page = context.new_page()
                    external = []
                    page.on("request", lambda request, urls=external: urls.append(request.url))
                    page.goto(f"{base}/{page_url}")
                    chromium.load_material(page)
                    chromium.settle(page)
                    found = [f"{v['id']} ({len(v['nodes'])} nodes)" for v in chromium.axe_violations(page)]
                    results.append(
                        AxeResult(f"/{page_url}", scheme, found, list(filter(is_external, external)))
                    )
                    page.close()
                context.close()
        finally:
            browser.close()
    return results


# --------------------------------------------------------------------------------------------
# Scale test


def scaled_ladder(data: dict, factor: int) -> dict:
    """The ladder with every skill and responsibility repeated `factor` times in all.

    Copies are whole item dicts (so keys added to the data file later come along), with the
    id suffixed -x1, -x2, … and the name " (copy 1)", …; copies keep no aliases, which must
    stay unique.
    """
    data = copy.deepcopy(data)
    for section in SCALED_SECTIONS:
        items = []
        for item in data[section]:
            items.append(item)
            for number in range(1, factor):
                duplicate = copy.deepcopy(item)
                duplicate["id"] = f"{item['id']}-x{number}"
                duplicate["name"] = f"{item['name']} (copy {number})"
                if "aliases" in duplicate:
                    duplicate["aliases"] = []
                items.append(duplicate)
        data[section] = items
    return data


def build_scaled_site(workdir: Path, site_dir: Path) -> float:
    project = copy_project(workdir / "scaled")
    path = data_file_of(project)
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    scaled = scaled_ladder(data, SCALE)
    text = yaml.safe_dump(scaled, sort_keys=False, allow_unicode=True, width=1000)
    path.write_text(text, encoding="utf-8")
    return build_site(project, site_dir)


def page_size(site_dir: Path, url: str) -> int:
    return (site_dir / url / "index.html").stat().st_size


def gzipped_page_size(site_dir: Path, url: str) -> int:
    return len(gzip.compress((site_dir / url / "index.html").read_bytes(), compresslevel=6))


# --------------------------------------------------------------------------------------------
# Budgets


@dataclass
class Check:
    budget: str
    page: str
    passed: bool
    detail: str


def check_budgets(ours: dict[str, PageFigures], stock: dict[str, PageFigures]) -> list[Check]:
    """The Lighthouse budgets, on the medians of the runs (`ours` and `stock` hold medians)."""
    checks = []
    for name, path in PAGES.items():
        page, reference = ours[name], stock[name]
        low = {c: s for c, s in page.scores.items() if s is None or s < SCORE_BUDGET}
        checks.append(
            Check(
                f"all four Lighthouse scores = {SCORE_BUDGET}",
                path,
                not low,
                ", ".join(f"{CATEGORY_LABELS[c]} {_show(s)}" for c, s in (low or page.scores).items()),
            )
        )
        checks.append(
            Check(
                f"FCP <= {FCP_BUDGET_S:.1f} s",
                path,
                page.fcp_s is not None and page.fcp_s <= FCP_BUDGET_S,
                f"FCP {_show(page.fcp_s, '{:.2f} s')}",
            )
        )
        checks.append(
            Check(
                f"{EXTERNAL_REQUESTS_BUDGET} requests to other hosts",
                path,
                len(page.external_urls) <= EXTERNAL_REQUESTS_BUDGET,
                f"{len(page.external_urls)} request(s) in any run",
            )
        )
        checks.append(
            Check(
                "first-load transfer <= stock Material",
                path,
                page.transfer_bytes <= reference.transfer_bytes,
                f"ours {page.transfer_bytes:,} B in {page.requests} requests, "
                f"stock {reference.transfer_bytes:,} B in {reference.requests} requests"
                + (
                    f" ({len(reference.failed_urls)} failed, counted as 0 B)" if reference.failed_urls else ""
                ),
            )
        )
    return checks


def check_axe(results: list[AxeResult]) -> list[Check]:
    checks = []
    for scheme in SCHEMES:
        found = [result for result in results if result.scheme == scheme]
        failing = [result for result in found if len(result.violations) > AXE_VIOLATIONS_BUDGET]
        checks.append(
            Check(
                f"axe WCAG 2.2 A/AA violations = {AXE_VIOLATIONS_BUDGET}",
                f"all pages, {scheme}",
                not failing,
                f"{len(found)} pages, {sum(len(r.violations) for r in found)} violation(s)"
                + "".join(f"; {r.page}: {', '.join(r.violations)}" for r in failing),
            )
        )
    external = sorted({url for result in results for url in result.external_urls})
    checks.append(
        Check(
            f"{EXTERNAL_REQUESTS_BUDGET} requests to other hosts",
            "all pages, interacted",
            len(external) <= EXTERNAL_REQUESTS_BUDGET,
            f"{len(external)} request(s)" + "".join(f"; {url}" for url in external[:5]),
        )
    )
    return checks


# --------------------------------------------------------------------------------------------
# Reports


def _show(value, fmt: str = "{}") -> str:
    return "—" if value is None else fmt.format(value)


def print_lighthouse_table(
    ours: dict[str, PageFigures], stock: dict[str, PageFigures], ours_runs: int, stock_runs: int
) -> None:
    print(
        f"\n== Lighthouse {LIGHTHOUSE_VERSION}, mobile (simulated throttling), gzip on 127.0.0.1:"
        f" median of {ours_runs} run(s) for ours, {stock_runs} for stock"
    )
    header = (
        f"{'page':<20} {'build':<6} "
        + " ".join(f"{CATEGORY_LABELS[c]:>4}" for c in CATEGORIES)
        + f" {'FCP s':>6} {'LCP s':>6} {'TBT ms':>6} {'CLS':>6} {'transfer B':>11} {'reqs':>5} {'ext':>4}"
        + f" {'failed':>6}"
    )
    print(header)
    print("-" * len(header))
    for name, path in PAGES.items():
        for label, figures in (("ours", ours[name]), ("stock", stock[name])):
            print(
                f"{path:<20} {label:<6} "
                + " ".join(f"{_show(figures.scores[c], '{:g}'):>4}" for c in CATEGORIES)
                + f" {_show(figures.fcp_s, '{:.2f}'):>6} {_show(figures.lcp_s, '{:.2f}'):>6}"
                f" {_show(figures.tbt_ms, '{:.0f}'):>6} {_show(figures.cls, '{:.3f}'):>6}"
                f" {figures.transfer_bytes:>11,} {figures.requests:>5}"
                f" {len(figures.external_urls):>4}"
                f" {len(figures.failed_urls):>6}"
            )
    print(
        "(ext: requests to hosts other than 127.0.0.1/localhost;"
        " failed: no response or HTTP >= 400, which Lighthouse counts as 0 bytes)"
    )
    indices = [f.benchmark_index for f in (*ours.values(), *stock.values()) if f.benchmark_index]
    if indices:
        print(
            f"(this machine's Lighthouse CPU benchmark index: {statistics.median(indices):.0f};"
            " Lighthouse warns of a slow CPU below 1000, as its 4x CPU slowdown then overshoots)"
        )
    _print_url_lists(ours, stock)


def print_runs(runs: dict[str, list[PageFigures]]) -> None:
    print("\n== Every Lighthouse run of ours (perf/a11y/bp/seo, FCP, TBT)")
    for name, path in PAGES.items():
        cells = [
            "/".join(_show(r.scores[c]) for c in CATEGORIES)
            + f" {_show(r.fcp_s, '{:.2f}')}s {r.tbt_ms or 0:.0f}ms"
            for r in runs[name]
        ]
        print(f"  {path:<20} " + " | ".join(cells))


def print_transfer_method(ours: dict[str, PageFigures], stock: dict[str, PageFigures], site: Path) -> None:
    deferred = deferred_assets(site)
    print("\n== First-load transfer: how it is counted")
    print(
        "  Bytes are Lighthouse's transferSize of every request made while the page loads (as sent,\n"
        "  gzipped, headers included). Stock Material's requests to Google Fonts and the GitHub API fail\n"
        "  on this offline machine and count as 0 B: the comparison favours stock, never ours.\n"
        "  Our pages load Material's JavaScript and the search index on the reader's first interaction\n"
        "  (stock loads them with every page), so they are not part of our first load; they are:"
    )
    for path, size in deferred.items():
        print(f"    {size:>9,} B  {path}")
    extra = sum(deferred.values())
    for name, path in PAGES.items():
        total = ours[name].transfer_bytes + extra
        print(
            f"  {path:<20} ours first load {ours[name].transfer_bytes:>7,} B, after first interaction"
            f" ~{total:>7,} B; stock first load {stock[name].transfer_bytes:>7,} B"
        )


def print_axe(results: list[AxeResult]) -> None:
    print(f"\n== axe-core (tags {', '.join(chromium.AXE_TAGS)}), every page after a first interaction")
    pages = sorted({result.page for result in results})
    print(f"  {'page':<28} " + " ".join(f"{scheme:>6}" for scheme in SCHEMES))
    for page in pages:
        counts = {r.scheme: len(r.violations) for r in results if r.page == page}
        print(f"  {page:<28} " + " ".join(f"{counts.get(scheme, '—'):>6}" for scheme in SCHEMES))
    for result in results:
        for violation in result.violations:
            print(f"  violation  {result.page} ({result.scheme}): {violation}")


def _print_url_lists(ours: dict[str, PageFigures], stock: dict[str, PageFigures]) -> None:
    for label, results in (("ours", ours), ("stock", stock)):
        for name, figures in results.items():
            for url in figures.external_urls:
                failed = " (failed)" if url in figures.failed_urls else ""
                print(f"  other host  {label:<5} {PAGES[name]:<20} {url}{failed}")
            for url in figures.failed_urls:
                if url not in figures.external_urls:
                    print(f"  failed      {label:<5} {PAGES[name]:<20} {url}")


def print_failing_audits(ours: dict[str, PageFigures]) -> None:
    print("\n== Audits below full marks (ours; these keep a category under 100)")
    any_found = False
    for name, figures in ours.items():
        for audit in figures.failing_audits:
            any_found = True
            score = _show(_percent(audit.score))
            print(
                f"  {PAGES[name]:<20} {CATEGORY_LABELS[audit.category]:<4} {audit.id} ({score}):"
                f" {audit.title} — {audit.detail}"
            )
    if not any_found:
        print("  none")
    broken = sorted({audit for figures in ours.values() for audit in figures.broken_audits})
    if broken:
        print(f"  (diagnostics Lighthouse could not run, weight 0, no effect on scores: {', '.join(broken)})")
    warnings = sorted({warning for figures in ours.values() for warning in figures.warnings})
    for warning in warnings:
        print(f"  Lighthouse warning: {warning}")


def print_scale_table(real_s: float, scaled_s: float, real_site: Path, scaled_site: Path) -> None:
    print(f"\n== Scale test: {SCALE}x skills and responsibilities")
    print(f"{'':<34} {'real':>12} {f'{SCALE}x':>12} {'growth':>8}")
    print(f"{'build time (s)':<34} {real_s:>12.2f} {scaled_s:>12.2f} {scaled_s / real_s:>7.2f}x")
    for url in SIZE_PAGES:
        for label, size in ((f"/{url} HTML (B)", page_size), (f"/{url} HTML gzipped (B)", gzipped_page_size)):
            real, scaled = size(real_site, url), size(scaled_site, url)
            print(f"{label:<34} {real:>12,} {scaled:>12,} {scaled / real:>7.2f}x")


def print_checks(checks: list[Check]) -> None:
    print("\n== Budgets")
    for check in checks:
        verdict = "PASS" if check.passed else "FAIL"
        print(f"{verdict}  {check.budget:<38} {check.page:<20} {check.detail}")
    failed = sum(not check.passed for check in checks)
    print(f"\n{len(checks) - failed} passed, {failed} failed")


# --------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--runs", type=int, default=5, help="Lighthouse runs a page for ours (median; default 5)"
    )
    parser.add_argument(
        "--stock-runs", type=int, default=1, help="Lighthouse runs a page for stock (default 1)"
    )
    parser.add_argument(
        "--skip-lighthouse",
        action="store_true",
        help="only the builds, axe and the scale test (no Lighthouse budgets)",
    )
    parser.add_argument("--skip-axe", action="store_true", help="no axe-core crawl (no accessibility budget)")
    args = parser.parse_args(argv)
    if args.runs < 1 or args.stock_runs < 1:
        parser.error("--runs and --stock-runs must be at least 1")
    return args


def run(args: argparse.Namespace) -> int:
    BENCH.mkdir(exist_ok=True)
    site = BENCH / "site"
    progress("building the real site")
    real_s = build_site(ROOT, site)
    print(f"real site: strict build in {real_s:.2f} s -> {site.relative_to(ROOT)}")

    with tempfile.TemporaryDirectory(prefix="ladder-bench-") as tmp:
        workdir = Path(tmp)
        progress(f"building the {SCALE}x ladder")
        scaled_site = BENCH / "scaled-site"
        scaled_s = build_scaled_site(workdir, scaled_site)
        if not args.skip_lighthouse:
            progress("building stock Material from the same Markdown")
            stock_site = BENCH / "stock-site"
            stock_s = build_stock_material(workdir, stock_site)
            print(f"stock Material: strict build in {stock_s:.2f} s -> {stock_site.relative_to(ROOT)}")

    checks = []
    if not args.skip_lighthouse:
        cli = ensure_lighthouse()
        ours_runs = measure_pages(cli, "ours", site, args.runs)
        stock_runs = measure_pages(cli, "stock", stock_site, args.stock_runs)
        ours = {name: median_figures(runs) for name, runs in ours_runs.items()}
        stock = {name: median_figures(runs) for name, runs in stock_runs.items()}
        print_lighthouse_table(ours, stock, args.runs, args.stock_runs)
        print_runs(ours_runs)
        print_failing_audits(ours)
        print_transfer_method(ours, stock, site)
        checks += check_budgets(ours, stock)
    if not args.skip_axe:
        results = run_axe(site)
        print_axe(results)
        checks += check_axe(results)
    print_scale_table(real_s, scaled_s, site, scaled_site)
    if not checks:
        print("\nLighthouse and axe skipped: budgets not checked")
        return 0
    print_checks(checks)
    return 1 if any(not check.passed for check in checks) else 0


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    try:
        return run(args)
    except BenchError as error:
        print(f"bench: error: {error}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
