"""Stock Material for `make bench`: the same pages as the site (the generated pages of levels, items
and self-assessments), and nothing after the build, which stock Material does not have."""

from ladder.hooks import on_config, on_files

__all__ = ["on_config", "on_files"]
