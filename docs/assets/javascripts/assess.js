// Self-assessment: for every expectation of a level, one of the answers the page lists (data-states)
// and an evidence note, saved in this browser's localStorage under the expectation's permanent anchor
// and the version of the ladder it was given against; drawn as a picture of where the reader stands,
// and exported as Markdown. Nothing is sent anywhere.
(() => {
  const form = document.querySelector("[data-ladder-assess]");
  const start = document.querySelector("[data-ladder-assess-start]");
  if (!form && !start) return;
  const root = document.querySelector("[data-ladder-assess], [data-ladder-assess-start]");
  const STATES = JSON.parse(root.dataset.states);
  const LABEL = Object.fromEntries(STATES);
  const LEVELS = JSON.parse(document.querySelector("[data-ladder-assess-levels]").dataset.ladderAssessLevels);
  // One store per published ladder: a fork on the same host keeps its own.
  const sitePath = new URL(document.querySelector('meta[name="ladder-root"]')?.content || location.origin).pathname;
  const STORAGE_KEY = `ladder:${sitePath}:self-assessment`;
  const OLD_KEY = "ml-ladder:self-assessment"; // before 2.1, one key for every ladder on the host
  const ladderName = document.querySelector('meta[name="ladder-name"]')?.content || document.title;

  // Answers saved before they carried a version keep none: they may predate the current text.
  function migrate(items) {
    return Object.fromEntries(
      Object.entries(items).map(([key, saved]) => {
        const state = saved.state || (saved.done ? STATES[0][0] : undefined);
        return [key, { state, note: saved.note || "", version: saved.version }];
      }),
    );
  }

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || localStorage.getItem(OLD_KEY) || "{}");
      return { format: 3, level: saved.level, items: migrate(saved.items || {}) };
    } catch {
      return { format: 3, level: undefined, items: {} };
    }
  }

  let state = load();
  const save = () => localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  const answer = (key) => state.items[key] || {};

  // Counts of each answer (and of expectations not assessed yet) among some keys.
  function tally(keys) {
    const counts = Object.fromEntries([...STATES.map(([id]) => [id, 0]), ["open", 0]]);
    for (const key of keys) counts[answer(key).state in counts ? answer(key).state : "open"] += 1;
    return counts;
  }

  const SVG = "http://www.w3.org/2000/svg";
  function svgElement(name, attributes, text = "") {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    node.textContent = text;
    return node;
  }

  function describe([label, counts]) {
    const parts = STATES.map(([id, name]) => `${counts[id]} ${name.toLowerCase()}`);
    return `${label}: ${parts.join(", ")}, ${counts.open} not assessed`;
  }

  // One horizontal bar per row: a segment per answer, sized by its share, with the counts as text.
  function chart(title, rows) {
    const width = 640;
    const rowHeight = 30;
    const labelWidth = 250;
    const svg = svgElement("svg", {
      viewBox: `0 0 ${width} ${rows.length * rowHeight + 8}`,
      role: "img",
      "aria-label": `${title}. ${rows.map(describe).join("; ")}.`,
    });
    rows.forEach(([label, counts], index) => {
      const y = index * rowHeight + 4;
      const total = Object.values(counts).reduce((sum, count) => sum + count, 0) || 1;
      svg.append(svgElement("text", { x: 0, y: y + 17, class: "ladder-chart-label" }, label));
      let x = labelWidth;
      for (const key of [...STATES.map(([id]) => id), "open"]) {
        if (!counts[key]) continue;
        const share = ((width - labelWidth) * counts[key]) / total;
        svg.append(
          svgElement("rect", { x, y, width: share, height: rowHeight - 6, class: `ladder-chart-${key}` }),
          svgElement(
            "text",
            { x: x + share / 2, y: y + 16, class: `ladder-chart-count ladder-chart-count-${key}` },
            share >= 18 ? counts[key] : "",
          ),
        );
        x += share;
      }
    });
    const heading = Object.assign(document.createElement("p"), { className: "ladder-chart-title", textContent: title });
    return [heading, svg];
  }

  // Into the frames the page keeps for them, each with its title: the bars of each chart.
  function draw(picture, sectionRows, summary) {
    const fill = (name, rows) => {
      const frame = picture.querySelector(`[data-chart=${name}]`);
      frame.replaceChildren(...chart(frame.querySelector(".ladder-chart-title").textContent, rows));
    };
    if (sectionRows) fill("sections", sectionRows);
    fill(
      "levels",
      LEVELS.map((level) => [level.name, tally(level.keys)]),
    );
    picture.querySelector("figcaption").textContent = summary;
  }

  if (start) {
    // ?level=… was the address of one level's form before each level had a page of its own.
    const asked = LEVELS.find((level) => level.id === new URLSearchParams(location.search).get("level"));
    if (asked) location.replace(asked.page);
    const last = LEVELS.find((level) => level.id === state.level);
    draw(
      start.querySelector(".ladder-assess-picture"),
      null,
      last ? `${describe([last.name, tally(last.keys)])}.` : "No answers saved in this browser yet.",
    );
    window.addEventListener("storage", (event) => {
      if (event.key === STORAGE_KEY) location.reload();
    });
    return;
  }

  const items = [...form.querySelectorAll(".ladder-assess-item")];
  const status = form.querySelector(".ladder-assess-status");
  const picture = form.querySelector(".ladder-assess-picture");
  const levelName = form.dataset.levelName;
  const version = form.dataset.version;
  const versions = form.dataset.versions.split(" ");

  // An answer is given against one version's words; the export links to that version's copy of the
  // expectation, and an expectation changed since says so.
  const newer = (one, other) => {
    const [a, b] = [one, other].map((v) => v.split(".").map(Number));
    const differ = a.findIndex((part, index) => part !== b[index]);
    return differ >= 0 && a[differ] > b[differ];
  };
  const pinned = (key, saved) =>
    `${form.dataset.pinned.replace("VERSION", versions.includes(saved.version) ? saved.version : version)}#${key}`;
  function showSince(item) {
    const notice = item.querySelector(".ladder-assess-changed");
    const change = since(item, answer(item.dataset.key));
    notice.textContent = change && `This expectation: ${change}.`;
    notice.hidden = !change;
  }
  function since(item, saved) {
    if (!saved.state && !saved.note) return "";
    if (!saved.version) return "version not recorded: check the answer against this text";
    const changed = item.dataset.changedIn.split(" ").find((later) => later && newer(later, saved.version));
    return changed ? `changed in ${changed} since it was assessed against version ${saved.version}` : "";
  }

  function restore() {
    for (const item of items) {
      const saved = answer(item.dataset.key);
      const note = item.querySelector("textarea");
      const shown =
        item.querySelector("input:checked") || note.value || !item.querySelector(".ladder-assess-changed").hidden;
      if (!saved.state && !saved.note && !shown) continue; // as the page drew it: no write, no new layout
      for (const radio of item.querySelectorAll("input[type=radio]")) radio.checked = radio.value === saved.state;
      note.value = saved.note || "";
      showSince(item);
    }
    redraw();
  }

  // With one archetype shown (ladder.js), the expectations of the others are left out of the counts
  // and the export.
  const asked = (item) => !item.classList.contains("ladder-archetype-off");
  const archetype = document.querySelector("[data-ladder-archetype-filter] select");
  document.addEventListener("ladder:archetype", () => redraw());

  function redraw() {
    const sections = [...form.querySelectorAll(".ladder-assess-section")].map((fieldset) => [
      fieldset.dataset.section,
      tally([...fieldset.querySelectorAll(".ladder-assess-item")].filter(asked).map((item) => item.dataset.key)),
    ]);
    const counts = tally(items.filter(asked).map((item) => item.dataset.key));
    draw(picture, sections, `${describe([levelName, counts])}.`);
  }

  function record(event) {
    const item = event.target.closest(".ladder-assess-item");
    if (!item) return;
    const chosen = item.querySelector("input[type=radio]:checked")?.value;
    const note = item.querySelector("textarea").value;
    if (chosen || note.trim()) state.items[item.dataset.key] = { state: chosen, note, version };
    else delete state.items[item.dataset.key];
    save();
    showSince(item);
    if (event.type === "change") redraw();
  }

  function markdown() {
    const counts = tally(items.filter(asked).map((item) => item.dataset.key));
    const lines = [
      `# Self-assessment: ${levelName}`,
      "",
      `${ladderName}, version ${version}. Exported ${new Date().toISOString().slice(0, 10)}.`,
      ...(archetype?.value ? ["", `Archetype: ${archetype.selectedOptions[0].text}.`] : []),
      "",
      `${STATES.map(([id, label]) => `${label}: ${counts[id]}`).join(" · ")} · Not assessed: ${counts.open}`,
    ];
    for (const fieldset of form.querySelectorAll(".ladder-assess-section")) {
      lines.push("", `## ${fieldset.dataset.section}`, "");
      for (const item of [...fieldset.querySelectorAll(".ladder-assess-item")].filter(asked)) {
        const saved = answer(item.dataset.key);
        const against =
          saved.version && saved.version !== version ? ` (assessed against version ${saved.version})` : "";
        const changed = since(item, saved) ? ` (${since(item, saved)})` : against;
        lines.push(
          `- **${LABEL[saved.state] || "Not assessed"}**: [${item.dataset.name}](${pinned(item.dataset.key, saved)})${changed}`,
        );
        if (saved.note?.trim()) lines.push(`  Evidence: ${saved.note.trim().replace(/\s*\n\s*/g, " ")}`);
      }
    }
    return `${lines.join("\n")}\n`;
  }

  const announce = (message) => {
    status.textContent = message;
  };

  async function copyMarkdown() {
    try {
      await navigator.clipboard.writeText(markdown());
      announce("The self-assessment was copied as Markdown.");
    } catch {
      announce("Copying is blocked in this browser: use Download instead.");
    }
  }

  function download() {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([markdown()], { type: "text/markdown" }));
    link.download = `self-assessment-${form.dataset.level}.md`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    announce("The self-assessment was downloaded as Markdown.");
  }

  function reset() {
    if (!window.confirm(`Clear every answer and note for ${levelName}? This cannot be undone.`)) return;
    for (const item of items) delete state.items[item.dataset.key];
    save();
    restore();
    announce(`Cleared the self-assessment for ${levelName}.`);
  }

  // The evidence and "not yet" of each expectation stay on its level page (card.html, "linked"), so
  // that this page does not carry every one of them; the first disclosure opened fetches that page
  // once and each one opened takes its words from there. If the fetch fails, the link stays.
  const levelPages = new Map();
  async function bringSignals(details) {
    const link = details.querySelector("a[data-ladder-signals]");
    if (!details.open || !link) return;
    const url = new URL(link.href);
    const key = decodeURIComponent(url.hash.slice(1));
    url.hash = "";
    if (!levelPages.has(url.href)) {
      const page = fetch(url)
        .then((response) => (response.ok ? response.text() : Promise.reject(new Error(response.status))))
        .then((html) => new DOMParser().parseFromString(html, "text/html"));
      levelPages.set(url.href, page);
      page.catch(() => levelPages.delete(url.href));
    }
    details.setAttribute("aria-busy", "true");
    try {
      const card = (await levelPages.get(url.href)).querySelector(`[data-ladder-for="${CSS.escape(key)}"]`);
      const signals = card?.querySelector(".ladder-signals");
      if (signals && link.isConnected)
        link.parentElement.replaceWith(...[...signals.children].map((p) => document.importNode(p, true)));
    } catch {
      // the link to the level page is still there
    } finally {
      details.removeAttribute("aria-busy");
    }
  }
  form.addEventListener("toggle", (event) => bringSignals(event.target), true);

  const actions = { copy: copyMarkdown, download, print: () => window.print(), reset };
  form.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action) actions[action]();
  });
  form.addEventListener("change", record);
  form.addEventListener("input", record);
  // Another tab saved: pick up its answers.
  window.addEventListener("storage", (event) => {
    if (event.key !== STORAGE_KEY) return;
    state = load();
    restore();
  });

  state.level = form.dataset.level;
  restore();
  save(); // answers in an older format, or under the old key, are kept in the new one from now on
})();
