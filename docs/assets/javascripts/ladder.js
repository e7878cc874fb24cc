// Copy-link and cite controls for every heading and ladder item, the landing highlight for deep
// links, and the details of a printed page. Links are built from the page's canonical URL, so a
// copied or printed link never points at a preview server or a mirror.
(() => {
  const HEADINGS = ".md-content :is(h1, h2, h3, h4)[id]";
  const ROWS = ".ladder-step[id], .ladder-level[id]"; // one level of an item in an overview; levels in tables

  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || "";
  const canonical = (document.querySelector('link[rel="canonical"]')?.href || location.href).split("#")[0];
  const permalink = (id) => `${canonical}#${id}`;

  function headingText(heading) {
    const copy = heading.cloneNode(true);
    for (const node of copy.querySelectorAll(".headerlink, .ladder-share")) node.remove();
    return copy.textContent.trim();
  }

  // "Statistics — Senior ML Engineer": the title the build gave an item, a level or one expectation
  // (data-ladder-title, beside data-ladder-for naming its anchor), else the heading's own text.
  function titleOf(element) {
    const titled = element.dataset.ladderTitle
      ? element
      : document.querySelector(`[data-ladder-for="${CSS.escape(element.id)}"][data-ladder-title]`);
    if (titled) return titled.dataset.ladderTitle;
    return element.matches(".ladder-level") ? element.querySelector("th").textContent.trim() : headingText(element);
  }

  // A level's, an item's or an expectation's anchor (ladder/schema.py): the ids a version pins.
  const DATA_ANCHOR = /^(level|responsibility|outcome|skill)-/;

  // The link pinned to this version comes first: it keeps showing these words after the next release.
  // The current page follows, for the text as it stands later.
  function citation(element) {
    const ladder = meta("ladder-name");
    const version = meta("ladder-version");
    const pinned = meta("ladder-pinned");
    if (pinned && DATA_ANCHOR.test(element.id)) {
      return `[${titleOf(element)}](${pinned}#${element.id}) (${ladder}, version ${version}; current text: ${permalink(element.id)})`;
    }
    return `[${titleOf(element)}](${permalink(element.id)}) (${ladder}, version ${version})`;
  }

  const status = document.createElement("div");
  status.className = "ladder-toast";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  document.body.append(status);

  let hideToast;
  function announce(message) {
    status.textContent = message;
    status.classList.add("is-visible");
    clearTimeout(hideToast);
    hideToast = setTimeout(() => status.classList.remove("is-visible"), 2500);
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      const area = Object.assign(document.createElement("textarea"), { value: text });
      area.setAttribute("readonly", "");
      area.style.position = "fixed";
      area.style.opacity = "0";
      document.body.append(area);
      area.select();
      document.execCommand("copy");
      area.remove();
    }
  }

  // One listener for every control: the page may have hundreds of them.
  const actions = {
    async link(element, title) {
      await copy(permalink(element.id));
      announce(`Link to ${title} copied`);
    },
    async cite(element, title) {
      await copy(citation(element));
      announce(`Citation for ${title} copied`);
    },
  };
  document.addEventListener("click", (event) => {
    const control = event.target.closest?.(".ladder-share__button");
    if (!control) return;
    const element = document.getElementById(control.dataset.for);
    actions[control.dataset.action](element, titleOf(element));
  });

  const SVG = "http://www.w3.org/2000/svg";
  const ICONS = {
    link: "M10.59 13.41c.41.39.41 1.03 0 1.42-.39.39-1.03.39-1.42 0a5 5 0 0 1 0-7.07l3.54-3.54a5 5 0 0 1 7.07 0 5 5 0 0 1 0 7.07l-1.49 1.49c.01-.82-.12-1.64-.4-2.42l.47-.48a3 3 0 0 0 0-4.24 3 3 0 0 0-4.24 0l-3.53 3.53a3 3 0 0 0 0 4.24m2.82-4.24c.39-.39 1.03-.39 1.42 0a5 5 0 0 1 0 7.07l-3.54 3.54a5 5 0 0 1-7.07 0 5 5 0 0 1 0-7.07l1.49-1.49c-.01.82.12 1.64.4 2.43l-.47.47a3 3 0 0 0 0 4.24 3 3 0 0 0 4.24 0l3.53-3.53a3 3 0 0 0 0-4.24.97.97 0 0 1 0-1.42",
    cite: "M14 17h3l2-4V7h-6v6h3M6 17h3l2-4V7H5v6h3z",
  };

  function button(element, action, label) {
    const control = document.createElement("button");
    control.type = "button";
    control.className = "ladder-share__button";
    control.dataset.for = element.id;
    control.dataset.action = action;
    control.title = label;
    control.setAttribute("aria-label", label);
    const icon = document.createElementNS(SVG, "svg");
    const path = document.createElementNS(SVG, "path");
    icon.setAttribute("viewBox", "0 0 24 24");
    icon.setAttribute("aria-hidden", "true");
    path.setAttribute("d", ICONS[action]);
    icon.append(path);
    control.append(icon);
    return control;
  }

  // The controls go where ladder.css keeps room for them, so the page does not move.
  function addControls(element) {
    if (element.querySelector(":scope > .ladder-share, :scope > * > .ladder-share")) return;
    const title = titleOf(element);
    const share = document.createElement("span");
    share.className = "ladder-share";
    share.append(button(element, "link", `Copy link to ${title}`), button(element, "cite", `Cite ${title}`));
    const slot = element.matches(".ladder-step")
      ? element.querySelector(".ladder-step__level")
      : element.matches(".ladder-level")
        ? element.querySelector("th")
        : element;
    slot.append(share);
  }

  // Moved anchors: `extra.moved_anchors` in mkdocs.yml maps "/page/#old" to "/other/page/#new".
  function followMovedAnchor(id) {
    const moves = JSON.parse(document.getElementById("ladder-moved-anchors")?.textContent || "{}");
    const sitePath = `/${new URL(canonical).pathname.slice(new URL(meta("ladder-root")).pathname.length)}`;
    const destination = moves[`${sitePath}#${id}`];
    if (!destination) return;
    // Stay on the host the reader is on (a preview server, a mirror): swap only the site path.
    const localRoot = location.pathname.slice(0, location.pathname.length - sitePath.length + 1);
    location.replace(localRoot + destination.replace(/^\/+/, ""));
  }

  function land() {
    const id = decodeURIComponent(location.hash.slice(1));
    for (const node of document.querySelectorAll(".ladder-target")) node.classList.remove("ladder-target");
    if (!id) return;
    let target = document.getElementById(id);
    if (!target) {
      followMovedAnchor(id);
      return;
    }
    const alias = target.dataset.aliasOf;
    if (alias) target = document.getElementById(alias) || target;
    target.classList.add("ladder-target");
    target.scrollIntoView({ block: "start" });
    // The browser scrolls to the old id's marker once the page has loaded: come back to the item.
    if (alias && document.readyState !== "complete") {
      addEventListener("load", () => requestAnimationFrame(() => target.scrollIntoView({ block: "start" })), {
        once: true,
      });
    }
  }

  // On paper: every link's published address (shown by the print styles), the print date in the
  // footer, and the collapsed details opened.
  function printSteps() {
    const links = [...document.querySelectorAll(".md-content a[href]:not(.headerlink)")].map((link) => () => {
      link.dataset.ladderUrl = new URL(link.getAttribute("href"), canonical).href;
    });
    const date = new Date().toISOString().slice(0, 10);
    const dates = [...document.querySelectorAll("[data-ladder-print-date]")].map((node) => () => {
      node.dateTime = date;
      node.textContent = date;
    });
    return [...dates, ...links];
  }
  const prepareForPrint = () => {
    for (const step of printSteps()) step();
  };

  let closedForPrint = [];
  window.addEventListener("beforeprint", () => {
    prepareForPrint();
    closedForPrint = [...document.querySelectorAll(".md-content details:not([open])")];
    for (const details of closedForPrint) details.setAttribute("open", "");
  });
  window.addEventListener("afterprint", () => {
    for (const details of closedForPrint) details.removeAttribute("open");
  });

  const idle = window.requestIdleCallback || ((callback) => setTimeout(callback, 50));
  function inIdleTime(steps, perCallback, then) {
    idle(function next() {
      for (const step of steps.splice(0, perCallback)) step();
      if (steps.length) idle(next);
      else then?.();
    });
  }
  // The blocks the first paint left undrawn (ladder-lazy in ladder.css) are drawn first, from the idle
  // time after the first frame, as many per callback as that time allows, each laid out at once, so
  // that whatever measures the page soon finds it whole and no layout of theirs comes before the first
  // paint. Then the controls, a few per callback, so that no task holds the main thread for long on a
  // phone; then, as many at a time, the link addresses for print. The page says when all is done.
  function draw(blocks, then) {
    idle(function next(deadline) {
      do {
        blocks.shift()?.classList.add("ladder-drawn");
        void document.body.offsetHeight; // laid out now, within the idle time it was measured against
      } while (blocks.length && (!deadline || deadline.timeRemaining() > 2));
      if (blocks.length) idle(next);
      else then();
    });
  }
  const hosts = [...document.querySelectorAll(`${HEADINGS}, ${ROWS}`)].map((host) => () => addControls(host));
  requestAnimationFrame(() =>
    draw([...document.querySelectorAll(".ladder-lazy")], () =>
      inIdleTime(hosts, 8, () =>
        inIdleTime(printSteps(), 8, () => {
          document.documentElement.dataset.ladderReady = "";
        }),
      ),
    ),
  );

  // The version picker (ladder/postbuild/versions.py): a button that opens and closes its list.
  const picker = document.querySelector("[data-ladder-picker]");
  if (picker) {
    const toggle = picker.querySelector("button");
    const list = picker.querySelector("ul");
    const open = (yes) => {
      toggle.setAttribute("aria-expanded", String(yes));
      list.hidden = !yes;
    };
    toggle.addEventListener("click", () => open(list.hidden));
    picker.addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || list.hidden) return;
      open(false);
      toggle.focus();
    });
    document.addEventListener("click", (event) => {
      if (!picker.contains(event.target)) open(false);
    });
    picker.addEventListener("focusout", (event) => {
      if (!picker.contains(event.relatedTarget)) open(false);
    });
  }
  // The archetype filter (archetype_filter.html): what other archetypes are asked steps aside, and the
  // choice stays in the address. Pages that count what is shown (the self-assessment) hear of it.
  const filter = document.querySelector("[data-ladder-archetype-filter] select");
  if (filter) {
    const show = () => {
      for (const node of document.querySelectorAll("[data-archetypes]")) {
        node.classList.toggle(
          "ladder-archetype-off",
          Boolean(filter.value) && !node.dataset.archetypes.split(" ").includes(filter.value),
        );
      }
      const params = new URLSearchParams(location.search);
      if (filter.value) params.set("archetype", filter.value);
      else params.delete("archetype");
      history.replaceState(null, "", `${location.pathname}${params.size ? `?${params}` : ""}${location.hash}`);
      document.dispatchEvent(new CustomEvent("ladder:archetype", { detail: filter.value }));
    };
    const asked = new URLSearchParams(location.search).get("archetype");
    if ([...filter.options].some((option) => option.value === asked)) filter.value = asked;
    filter.addEventListener("change", show);
    if (filter.value) show(); // with none chosen, nothing steps aside: the page stays as it loaded
  }

  // Links to the same page in another version keep the expectation the reader is looking at.
  document.addEventListener("click", (event) => {
    const link = event.target.closest?.("a[data-ladder-follow-hash]");
    if (link && location.hash) link.hash = location.hash;
  });

  window.addEventListener("hashchange", land);
  land();
})();
