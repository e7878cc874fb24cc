// The ladder at a glance: a link to a level's column (#level-…) shows that level alone; "All
// levels" shows them all again. The choice lives in the address, so it can be shared.
(() => {
  const glance = document.querySelector("[data-ladder-glance]");
  if (!glance) return;
  const links = [...glance.querySelectorAll("[data-level-link]")];
  const columns = new Map([...glance.querySelectorAll("thead th[data-level]")].map((th) => [th.id, th.dataset.level]));

  let shown = ""; // every level, as the page arrives: nothing to hide until one is chosen
  function show() {
    const id = decodeURIComponent(location.hash.slice(1));
    const level = columns.get(document.getElementById(id)?.dataset.aliasOf || id) || "";
    if (level !== shown) {
      for (const cell of glance.querySelectorAll("td[data-level], thead th[data-level]")) {
        cell.hidden = Boolean(level) && cell.dataset.level !== level;
      }
      shown = level;
    }
    for (const link of links) {
      if (link.dataset.levelLink === level) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    }
  }

  glance.addEventListener("click", (event) => {
    const link = event.target.closest("[data-level-link='']");
    if (!link) return;
    event.preventDefault();
    history.pushState(null, "", location.pathname + location.search);
    show();
  });
  window.addEventListener("hashchange", show);
  window.addEventListener("popstate", show);
  show();
})();
