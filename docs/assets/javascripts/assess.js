// Self-assessment: for every expectation of a level, one of three states (not yet, partly,
// consistently) and an evidence note, saved in this browser's localStorage under the expectation's
// permanent anchor (so a reordered ladder keeps them), drawn as a picture of where the reader
// stands, and exported as Markdown. Nothing is sent anywhere.
(() => {
  const form = document.querySelector("[data-ladder-assess]");
  if (!form) return;
  const STORAGE_KEY = "ml-ladder:self-assessment";
  const STATES = [
    ["consistently", "Consistently"],
    ["partly", "Partly"],
    ["not-yet", "Not yet"],
  ];
  const LABEL = Object.fromEntries(STATES);
  const select = form.querySelector("select[name=level]");
  const status = form.querySelector(".ladder-assess-status");
  const sections = [...form.querySelectorAll(".ladder-assess-level")];
  const picture = form.querySelector(".ladder-assess-picture");
  const ladderName = document.querySelector("meta[name=ladder-name]")?.content || document.title;

  // Answers saved before there were three states were ticks: a tick meant "consistently".
  function migrate(items) {
    return Object.fromEntries(
      Object.entries(items).map(([key, saved]) => {
        const state = saved.state || (saved.done ? "consistently" : undefined);
        return [key, { state, note: saved.note || "" }];
      }),
    );
  }

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
      return { version: 2, level: saved.level, items: migrate(saved.items || {}) };
    } catch {
      return { version: 2, level: undefined, items: {} };
    }
  }

  let state = load();
  const save = () => localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  const current = () => sections.find((section) => section.dataset.level === select.value);
  const itemsOf = (section) => [...section.querySelectorAll(".ladder-assess-item")];
  const answer = (item) => state.items[item.dataset.key] || {};

  function restore() {
    for (const item of form.querySelectorAll(".ladder-assess-item")) {
      const saved = answer(item);
      for (const radio of item.querySelectorAll("input[type=radio]")) radio.checked = radio.value === saved.state;
      item.querySelector("textarea").value = saved.note || "";
    }
    draw();
  }

  function showLevel(level) {
    if (sections.some((section) => section.dataset.level === level)) select.value = level;
    for (const section of sections) section.hidden = section !== current();
    draw();
  }

  function record(event) {
    const item = event.target.closest(".ladder-assess-item");
    if (!item) return;
    const chosen = item.querySelector("input[type=radio]:checked")?.value;
    const note = item.querySelector("textarea").value;
    if (chosen || note.trim()) state.items[item.dataset.key] = { state: chosen, note };
    else delete state.items[item.dataset.key];
    save();
    if (event.type === "change") draw();
  }

  // Counts of each state (and of expectations not assessed yet) among some items.
  function tally(items) {
    const counts = { consistently: 0, partly: 0, "not-yet": 0, open: 0 };
    for (const item of items) counts[answer(item).state || "open"] += 1;
    return counts;
  }

  // One horizontal bar per row: a segment per state, sized by its share, with the counts as text.
  const SVG = "http://www.w3.org/2000/svg";
  function svgElement(name, attributes, text = "") {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    node.textContent = text;
    return node;
  }

  function describe([label, counts]) {
    const parts = STATES.map(([key, name]) => `${counts[key]} ${name.toLowerCase()}`);
    return `${label}: ${parts.join(", ")}, ${counts.open} not assessed`;
  }

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
      for (const key of [...STATES.map(([name]) => name), "open"]) {
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

  // The key to the bars' fills, once.
  function key() {
    const list = Object.assign(document.createElement("ul"), { className: "ladder-chart-key" });
    for (const [state, label] of [...STATES, ["open", "Not assessed"]]) {
      const swatch = svgElement("svg", { viewBox: "0 0 12 12", "aria-hidden": "true" });
      swatch.append(svgElement("rect", { x: 0.5, y: 0.5, width: 11, height: 11, class: `ladder-chart-${state}` }));
      const entry = document.createElement("li");
      entry.append(swatch, label);
      list.append(entry);
    }
    return list;
  }

  function draw() {
    const section = current();
    if (!section || !picture) return;
    if (!picture.querySelector(".ladder-chart-key")) picture.prepend(key());
    const groups = [...section.querySelectorAll(".ladder-assess-section")].map((fieldset) => [
      fieldset.dataset.section,
      tally(fieldset.querySelectorAll(".ladder-assess-item")),
    ]);
    const levels = sections.map((level) => [level.dataset.levelName, tally(itemsOf(level))]);
    picture
      .querySelector("[data-chart=sections]")
      .replaceChildren(...chart(`Where you stand at ${section.dataset.levelName}`, groups));
    picture.querySelector("[data-chart=levels]").replaceChildren(...chart("Across the levels", levels));
    const counts = tally(itemsOf(section));
    picture.querySelector("figcaption").textContent = `${describe([section.dataset.levelName, counts])}.`;
    picture.hidden = false;
  }

  function markdown() {
    const section = current();
    const counts = tally(itemsOf(section));
    const lines = [
      `# Self-assessment: ${section.dataset.levelName}`,
      "",
      `${ladderName}, version ${form.dataset.version}. Exported ${new Date().toISOString().slice(0, 10)}.`,
      "",
      `${STATES.map(([key, label]) => `${label}: ${counts[key]}`).join(" · ")} · Not assessed: ${counts.open}`,
    ];
    for (const fieldset of section.querySelectorAll(".ladder-assess-section")) {
      lines.push("", `## ${fieldset.dataset.section}`, "");
      for (const item of fieldset.querySelectorAll(".ladder-assess-item")) {
        const saved = answer(item);
        lines.push(`- **${LABEL[saved.state] || "Not assessed"}**: [${item.dataset.name}](${item.dataset.permalink})`);
        if (saved.note?.trim()) lines.push(`  Evidence: ${saved.note.trim().replace(/\s*\n\s*/g, " ")}`);
      }
    }
    return `${lines.join("\n")}\n`;
  }

  function announce(message) {
    status.textContent = message;
  }

  async function copyMarkdown() {
    const text = markdown();
    try {
      await navigator.clipboard.writeText(text);
      announce("The self-assessment was copied as Markdown.");
    } catch {
      announce("Copying is blocked in this browser: use Download instead.");
    }
  }

  function download() {
    const link = document.createElement("a");
    link.href = URL.createObjectURL(new Blob([markdown()], { type: "text/markdown" }));
    link.download = `self-assessment-${select.value}.md`;
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
    announce("The self-assessment was downloaded as Markdown.");
  }

  function reset() {
    const section = current();
    if (!window.confirm(`Clear every answer and note for ${section.dataset.levelName}? This cannot be undone.`)) return;
    for (const item of itemsOf(section)) delete state.items[item.dataset.key];
    save();
    restore();
    announce(`Cleared the self-assessment for ${section.dataset.levelName}.`);
  }

  const actions = { copy: copyMarkdown, download, print: () => window.print(), reset };
  form.addEventListener("click", (event) => {
    const action = event.target.closest("[data-action]")?.dataset.action;
    if (action) actions[action]();
  });
  form.addEventListener("change", record);
  form.addEventListener("input", record);
  select.addEventListener("change", () => {
    state.level = select.value;
    save();
    showLevel(select.value);
    const url = new URL(location.href);
    url.searchParams.set("level", select.value);
    history.replaceState(null, "", url);
  });
  // Another tab saved: pick up its answers.
  window.addEventListener("storage", (event) => {
    if (event.key !== STORAGE_KEY) return;
    state = load();
    restore();
  });

  restore();
  save(); // answers in the old format are kept in the new one from now on
  showLevel(new URLSearchParams(location.search).get("level") || state.level || select.value);
})();
