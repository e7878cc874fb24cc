"""`make bench`: the ladder against its budgets and against stock Material on the same pages.

- builds.py: strict build time (ours and stock, several runs), how fast `make serve` shows a data
  edit, and a ladder ten times larger;
- lighthouse.py: Lighthouse CI on a few pages of both builds, served with gzip on loopback; its
  assertions (lighthouserc.json) are the Lighthouse budgets;
- axe.py: axe-core on every page, light and dark, right after load and once everything is rendered.

Every run is printed, so the spread shows; budgets are checked on medians (budgets.toml).
"""
