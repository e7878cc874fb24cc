"""Material is extended, never parsed: templates that replace one of Material's are checked against
the Material they were written for, and the built pages inline its stylesheets from its files."""

from __future__ import annotations

import difflib
from pathlib import Path

import material

from tools.project import ROOT
from tools.site import BuiltSite

MATERIAL = Path(material.__file__).parent / "templates"
FORKED_FROM = ROOT / "tests" / "fixtures" / "material"  # Material's templates as they were when forked
OVERRIDES = ROOT / "overrides"


def replaced_templates() -> list[str]:
    return sorted(
        path.relative_to(OVERRIDES).as_posix()
        for path in OVERRIDES.rglob("*.html")
        if (MATERIAL / path.relative_to(OVERRIDES)).exists()
    )


def test_every_replaced_template_records_the_material_it_was_written_for():
    assert replaced_templates(), "nothing is overridden: this test checks nothing"
    missing = [name for name in replaced_templates() if not (FORKED_FROM / name).exists()]
    assert missing == [], f"copy Material's version of {missing} into {FORKED_FROM.relative_to(ROOT)}"


def test_material_has_not_changed_what_the_overrides_replace():
    changed = []
    for name in replaced_templates():
        was = (FORKED_FROM / name).read_text(encoding="utf-8").splitlines(keepends=True)
        now = (MATERIAL / name).read_text(encoding="utf-8").splitlines(keepends=True)
        if was != now:
            diff = difflib.unified_diff(was, now, f"forked from: {name}", f"installed Material: {name}")
            changed.append("".join(diff))
    assert not changed, (
        "Material changed templates that overrides/ replaces: bring the change into the override, then "
        "copy the new version into tests/fixtures/material.\n" + "\n".join(changed)
    )


def test_pages_inline_materials_stylesheets_from_its_files_and_load_its_bundle_by_name(site: BuiltSite):
    bundles = [path.name for path in (MATERIAL / "assets" / "javascripts").glob("bundle.*.min.js")]
    assert len(bundles) == 1
    for page in site.reader_pages():
        assert f"javascripts/{bundles[0]}" in page.html, page.url
        assert page.soup.find("link", rel="stylesheet") is None, page.url
        assert len(page.soup.select("style[data-prune]")) == 2, page.url  # main and palette


def test_the_steps_after_a_build_run_as_a_command_on_a_built_site(tiny_project, tmp_path):
    """`python -m ladder postbuild` writes the exports again on a built site, and leaves a stylesheet
    cut made already as it was, however often it runs."""
    import subprocess
    import sys

    from tools.project import mkdocs_build

    site = tmp_path / "site"
    assert mkdocs_build(tiny_project, site).returncode == 0
    for output in ("ladder.json", "ladder-expectations.csv"):
        (site / "data" / output).unlink()
    command = [sys.executable, "-m", "ladder", "postbuild", str(site), "--config", "mkdocs.yml"]
    for _ in range(2):
        result = subprocess.run(command, cwd=tiny_project, capture_output=True, text=True)
        assert result.returncode == 0, result.stderr
        assert (site / "data" / "ladder.json").exists() and (
            site / "data" / "ladder-expectations.csv"
        ).exists()
        sheets = list((site / "assets" / "stylesheets").glob("material-after-load.*.css"))
        assert len(sheets) == 1 and ".md-search-result" in sheets[0].read_text(encoding="utf-8")
        assert sheets[0].name in (site / "skills" / "index.html").read_text(encoding="utf-8")
    assert BuiltSite(site).broken_links() == []
