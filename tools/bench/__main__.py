"""`make bench` (python -m tools.bench): measure the site, print every run, check the budgets.

    python -m tools.bench                     # everything
    python -m tools.bench --runs 9            # nine Lighthouse runs per page (lighthouserc.json: 5)
    python -m tools.bench --only build,axe    # some of: build, serve, lighthouse, axe, scale, history,
                                              # zensical, test

Exit status: 0 when every budget holds, 1 when one fails, 2 when a step could not run.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ladder.routes import page_url
from ladder.site import LadderSite
from tools import chromium
from tools.bench import axe, builds, lighthouse
from tools.bench.builds import BENCH_DIR, SITE_CONFIG, STOCK_CONFIG, BenchError, median
from tools.project import ROOT, page_kinds
from tools.site import BuiltSite

STEPS = ("build", "serve", "lighthouse", "axe", "scale", "history", "zensical", "test")
BUDGETS = tomllib.loads((Path(__file__).with_name("budgets.toml")).read_text(encoding="utf-8"))


@dataclass
class Check:
    name: str
    passed: bool
    detail: str


def stock_pages() -> list[str]:
    """The pages Lighthouse also measures on stock Material: the home page, the overviews of
    responsibilities and skills, the centre level's page and the ladder at a glance."""
    site = LadderSite.load(ROOT / "mkdocs.yml")
    routes = site.routes
    return [
        "",
        page_url(routes["responsibility"]),
        page_url(routes["skill"]),
        page_url(routes.level(site.ladder.centre_level)),
        page_url(routes["glance"]),
    ]


def seconds(values: list[float]) -> str:
    spread = f"{min(values):.2f}–{max(values):.2f}"
    return (
        f"median {median(values):.2f} s, spread {spread} s  (runs: {', '.join(f'{v:.2f}' for v in values)})"
    )


def bench_build(checks: list[Check]) -> Path:
    runs = BUDGETS["build"]["runs"]
    ours_site, stock_site = BENCH_DIR / "site", BENCH_DIR / "stock-site"
    # Once untimed, as for the larger ladders: a fresh clone draws its preview cards the first time.
    builds.timed_build(SITE_CONFIG, ours_site)
    builds.timed_build(STOCK_CONFIG, stock_site)
    ours, stock = [], []
    for _ in range(runs):  # interleaved, so that both meet the same machine
        ours.append(builds.timed_build(SITE_CONFIG, ours_site))
        stock.append(builds.timed_build(STOCK_CONFIG, stock_site))
    ratios = [one / other for one, other in zip(ours, stock, strict=True)]
    print("\nStrict build of the same pages, after one untimed build of each")
    print(f"  ours            {seconds(ours)}")
    print(f"  stock Material  {seconds(stock)}")
    print(f"  ours / stock, each pair of runs: {', '.join(f'{ratio:.2f}' for ratio in ratios)}")
    limit = BUDGETS["build"]["max_ratio_to_stock"]
    checks.append(
        Check(
            "strict build time vs stock Material, every pair",
            max(ratios) <= limit,
            f"{max(ratios):.2f}x (budget {limit}x)",
        )
    )
    return ours_site


def bench_serve(checks: list[Check]) -> None:
    times = builds.rebuild_times(BUDGETS["serve"]["runs"])
    print("\nmake serve: saving a data edit until the page shows it")
    print(f"  {seconds(times)}")
    limit = BUDGETS["serve"]["max_seconds"]
    checks.append(
        Check(
            "make serve shows a data edit, every run",
            max(times) <= limit,
            f"{max(times):.2f} s (budget {limit} s)",
        )
    )


def bench_lighthouse(checks: list[Check], runs: int, chrome: str) -> None:
    ours = lighthouse.medians(
        lighthouse.collect(BENCH_DIR / "site", page_kinds(), "lighthouse-ours", runs, chrome)
    )
    stock = lighthouse.medians(
        lighthouse.collect(BENCH_DIR / "stock-site", stock_pages(), "lighthouse-stock", runs, chrome)
    )
    print(f"\nLighthouse {runs} runs per page (mobile, simulated throttling); perf/a11y/bp/seo, FCP, TBT")
    for page in ours:
        print(f"  {page}")
        for label, figures in (("ours ", ours[page]), ("stock", stock.get(page))):
            if figures is None:
                continue
            for run in figures["runs"]:
                scores = "/".join(str(run.scores[name]) for name in lighthouse.CATEGORIES)
                weight = f"{run.transfer_bytes / 1024:6.1f} KB in {run.requests} requests"
                timing = f"FCP {run.fcp_ms:5.0f} ms  TBT {run.tbt_ms:4.0f} ms"
                print(f"    {label} run  {scores:15s} {timing}  {weight}")
    width = max(len(page) for page in ours)
    print(
        f"\n  {'medians':{width + 6}s} "
        + "  ".join(f"{name[:5]:>5s}" for name in lighthouse.CATEGORIES)
        + "    FCP ms  TBT ms  first load  other hosts"
    )
    for page in ours:
        for label, figures in (("ours ", ours[page]), ("stock", stock.get(page))):
            if figures is None:
                continue
            scores = "  ".join(f"{figures[name]:5.0f}" for name in lighthouse.CATEGORIES)
            print(
                f"  {label} {page:{width}s} {scores}  {figures['fcp_ms']:7.0f} {figures['tbt_ms']:7.0f}"
                f"  {figures['transfer_kb']:7.1f} KB  {figures['other_hosts']:6d}"
            )
    passed, verdict = lighthouse.assert_budgets("lighthouse-ours")
    checks.append(
        Check(
            "Lighthouse budgets (lighthouserc.json, the worst run of each page)",
            passed,
            verdict if passed else "see the failures above",
        )
    )
    if not passed:
        print(verdict)
    hosts = max(figures["other_hosts"] for figures in ours.values())
    checks.append(
        Check(
            "requests to other hosts (Lighthouse)",
            hosts <= BUDGETS["pages"]["max_requests_to_other_hosts"],
            str(hosts),
        )
    )


def bench_axe(checks: list[Check], site: Path, label: str = "") -> None:
    """axe-core on every page of `site`; `label` names a build other than the MkDocs one."""
    results = axe.crawl(site)
    failing = [result for result in results if result.violations]
    others = sorted({url for result in results for url in result.other_hosts})
    pages = len({result.page for result in results})
    print(f"\n{label}axe-core on {pages} pages, light and dark, after load and settled")
    for result in failing:
        print(f"  {result.page} ({result.scheme}, {result.moment}): {', '.join(result.violations)}")
    violations = sum(len(result.violations) for result in results)
    print(f"  {violations} violation(s); requests to other hosts: {len(others)}")
    limit = BUDGETS["pages"]["max_axe_violations"]
    checks.append(Check(f"{label}axe-core violations", violations <= limit, str(violations)))
    checks.append(
        Check(
            f"{label}requests to other hosts (every page)",
            len(others) <= BUDGETS["pages"]["max_requests_to_other_hosts"],
            str(len(others)),
        )
    )


def first_loads(checks: list[Check], site: Path, label: str, limit: float) -> dict[str, float]:
    """Every page's first load, gzipped; the heaviest printed, and the budget checked on all."""
    built = BuiltSite(site)
    loads = {page.url: builds.first_load(built, page) / 1024 for page in built.reader_pages()}
    heaviest = sorted(loads, key=loads.get, reverse=True)
    print(f"  first load, gzipped, of {len(loads)} pages; the heaviest:")
    for url in heaviest[:5]:
        print(f"    /{url}: {loads[url]:.1f} KB")
    checks.append(
        Check(
            f"{label}: every page's first load",
            loads[heaviest[0]] <= limit,
            f"{loads[heaviest[0]]:.1f} KB (budget {limit} KB)",
        )
    )
    return loads


def bench_pages(checks: list[Check], site: Path) -> None:
    print("\nThe real ladder")
    first_loads(checks, site, "real ladder", BUDGETS["pages"]["max_first_load_kb"])


def bench_scale(checks: list[Check], real_site: Path, chrome: str) -> None:
    factor, levels = BUDGETS["scale"]["factor"], BUDGETS["scale"]["levels"]
    shutil.rmtree(BENCH_DIR / "scale", ignore_errors=True)
    config, site = builds.scaled_project(BENCH_DIR / "scale", factor, levels), BENCH_DIR / "scale" / "site"
    builds.timed_build(config, site)  # once untimed: the copy draws its preview cards the first time
    times, real_times = [], []
    for _ in range(BUDGETS["scale"]["runs"]):  # interleaved, so that both meet the same machine
        real_times.append(builds.timed_build(SITE_CONFIG, real_site))
        times.append(builds.timed_build(config, site))
    ratio = max(one / other for one, other in zip(times, real_times, strict=True))
    print(f"\nA ladder with {factor} times the items and {levels} levels")
    print(f"  build {seconds(times)}")
    print(f"  the real ladder, built in turn with it: {seconds(real_times)}; worst ratio {ratio:.2f}x")
    checks.append(
        Check(
            f"{factor}x ladder build time, every pair",
            ratio <= BUDGETS["scale"]["max_build_ratio"],
            f"{ratio:.2f}x",
        )
    )
    loads = first_loads(checks, site, f"{factor}x ladder", BUDGETS["scale"]["max_first_load_kb"])
    heaviest = {}  # the heaviest page of each kind: a page written by hand is a kind of its own
    kinds = page_kinds(config.parent)
    for url, load in loads.items():
        kind = next((other for other in kinds if other.rsplit("/", 2)[0] == url.rsplit("/", 2)[0]), url)
        if load >= loads.get(heaviest.get(kind, ""), 0):
            heaviest[kind] = url
    runs = lighthouse.medians(
        lighthouse.collect(
            site,
            sorted(set(heaviest.values())),
            "lighthouse-scale",
            BUDGETS["scale"]["lighthouse_runs"],
            chrome,
        )
    )
    print(f"  Lighthouse on the heaviest page of each kind, {BUDGETS['scale']['lighthouse_runs']} runs")
    for page, figures in runs.items():
        fcps = ", ".join(f"{run.fcp_ms:.0f}" for run in figures["runs"])
        scores = "/".join(f"{figures[name]:.0f}" for name in lighthouse.CATEGORIES)
        print(f"    {page}: {scores}, FCP ms {fcps}")
    slowest = max(run.fcp_ms for figures in runs.values() for run in figures["runs"])
    limit = lighthouse.fcp_budget_ms()
    checks.append(
        Check(
            f"{factor}x ladder first contentful paint, every run",
            slowest <= limit,
            f"{slowest:.0f} ms (budget {limit} ms)",
        )
    )


def bench_history(checks: list[Check], real_site: Path) -> None:
    """The real ladder with a long history: build time and size against the ladder without it."""
    budget = BUDGETS["history"]
    shutil.rmtree(BENCH_DIR / "history", ignore_errors=True)
    config = builds.history_project(BENCH_DIR / "history", budget["versions"])
    site = BENCH_DIR / "history" / "site"
    builds.timed_build(config, site)  # once untimed: the copy draws its preview cards the first time
    times, real_times = [], []
    for _ in range(budget["runs"]):  # interleaved, so that both meet the same machine
        real_times.append(builds.timed_build(SITE_CONFIG, real_site))
        times.append(builds.timed_build(config, site))
    ratios = [one / other for one, other in zip(times, real_times, strict=True)]
    size, real_size = builds.site_bytes(site), builds.site_bytes(real_site)
    print(f"\nThe real ladder with {budget['versions']} more frozen versions")
    print(f"  build {seconds(times)}")
    print(f"  the real ladder, built in turn with it: {seconds(real_times)}")
    print(f"  ratios {', '.join(f'{ratio:.2f}' for ratio in ratios)}; worst {max(ratios):.2f}x")
    print(f"  size {size / 1e6:.1f} MB against {real_size / 1e6:.1f} MB: {size / real_size:.2f}x")
    checks.append(
        Check(
            f"{budget['versions']} more versions, build time, every pair",
            max(ratios) <= budget["max_build_ratio"],
            f"{max(ratios):.2f}x (budget {budget['max_build_ratio']}x)",
        )
    )
    checks.append(
        Check(
            f"{budget['versions']} more versions, size of the site",
            size / real_size <= budget["max_size_ratio"],
            f"{size / real_size:.2f}x (budget {budget['max_size_ratio']}x)",
        )
    )
    first_loads(checks, site, "the ladder with its history", BUDGETS["pages"]["max_first_load_kb"])


def bench_zensical(checks: list[Check], runs: int, chrome: str) -> None:
    """The site as Zensical builds it (`make build-zensical`): Lighthouse on a page of each kind and axe
    on every page, against the same budgets as the MkDocs build."""
    site = builds.zensical_site(BENCH_DIR / "zensical")
    figures = lighthouse.medians(lighthouse.collect(site, page_kinds(), "lighthouse-zensical", runs, chrome))
    print(f"\nZensical: Lighthouse {runs} runs per page; perf/a11y/bp/seo (worst run), FCP ms")
    for page, result in figures.items():
        worst = "/".join(
            str(min(run.scores[name] for run in result["runs"])) for name in lighthouse.CATEGORIES
        )
        print(
            f"  {page or '(home)'}: {worst}, FCP {', '.join(f'{run.fcp_ms:.0f}' for run in result['runs'])}"
        )
    passed, verdict = lighthouse.assert_budgets("lighthouse-zensical")
    checks.append(Check("Zensical build: Lighthouse budgets, the worst run of each page", passed, verdict))
    if not passed:
        print(verdict)
    bench_axe(checks, site, "Zensical build: ")


def bench_test(checks: list[Check]) -> None:
    times = builds.test_times(BUDGETS["test"]["runs"])
    print("\nmake test: the pytest run, with .venv in place")
    print(f"  {seconds(times)}")
    limit = BUDGETS["test"]["max_seconds"]
    checks.append(
        Check(
            "make test's pytest run, the slowest",
            max(times) <= limit,
            f"{max(times):.0f} s (budget {limit} s)",
        )
    )


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--runs", type=int, default=5, help="Lighthouse runs per page")
    parser.add_argument("--only", default=",".join(STEPS), help=f"comma-separated steps: {', '.join(STEPS)}")
    args = parser.parse_args(argv)
    steps = set(args.only.split(","))
    chrome = chromium.executable() or str(chromium.playwright_chromium())
    checks: list[Check] = []
    try:
        BENCH_DIR.mkdir(exist_ok=True)
        site = bench_build(checks) if steps & {"build", "lighthouse", "axe", "scale", "history"} else None
        if "serve" in steps:
            bench_serve(checks)
        if "lighthouse" in steps:
            bench_lighthouse(checks, args.runs, chrome)
        if "axe" in steps:
            bench_axe(checks, site)
        if site is not None:
            bench_pages(checks, site)
        if "scale" in steps:
            bench_scale(checks, site, chrome)
        if "history" in steps:
            bench_history(checks, site)
        if "zensical" in steps:
            bench_zensical(checks, args.runs, chrome)
        if "test" in steps:
            bench_test(checks)
    except (BenchError, RuntimeError) as error:
        print(f"bench: {error}", file=sys.stderr)
        return 2
    print("\nBudgets")
    for check in checks:
        print(f"  {'PASS' if check.passed else 'FAIL'}  {check.name}: {check.detail}")
    failed = sum(not check.passed for check in checks)
    print(f"{len(checks) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
