// Self-assessment: ticks and evidence notes per expectation, saved in this browser's localStorage
// under each item's permanent anchor (so reordering the ladder keeps them), exported as Markdown.
// Nothing is sent anywhere.
(() => {
  const form = document.querySelector("[data-ladder-assess]");
  if (!form) return;
  const STORAGE_KEY = "ml-ladder:self-assessment";
  const select = form.elements.level;
  const status = form.querySelector(".ladder-assess-status");
  const sections = [...form.querySelectorAll(".ladder-assess-level")];
  const ladderName = document.querySelector("meta[name=ladder-name]")?.content || document.title;

  function load() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
      return { level: saved.level, items: saved.items || {} };
    } catch {
      return { level: undefined, items: {} };
    }
  }

  let state = load();
  const save = () => localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
  const current = () => sections.find((section) => section.dataset.level === select.value);
  const itemsOf = (section) => [...section.querySelectorAll(".ladder-assess-item")];

  function restore() {
    for (const item of form.querySelectorAll(".ladder-assess-item")) {
      const saved = state.items[item.dataset.key] || {};
      item.querySelector("input[type=checkbox]").checked = Boolean(saved.done);
      item.querySelector("textarea").value = saved.note || "";
    }
  }

  function showLevel(level) {
    if (sections.some((section) => section.dataset.level === level)) select.value = level;
    sections.forEach((section) => {
      section.hidden = section !== current();
    });
  }

  function record(event) {
    const item = event.target.closest(".ladder-assess-item");
    if (!item) return;
    const done = item.querySelector("input[type=checkbox]").checked;
    const note = item.querySelector("textarea").value;
    if (done || note.trim()) state.items[item.dataset.key] = { done, note };
    else delete state.items[item.dataset.key];
    save();
  }

  function markdown() {
    const section = current();
    const lines = [
      `# Self-assessment: ${section.dataset.levelName}`,
      "",
      `${ladderName}, version ${form.dataset.version}. Exported ${new Date().toISOString().slice(0, 10)}.`,
    ];
    let heading;
    for (const item of itemsOf(section)) {
      if (item.dataset.section !== heading) {
        heading = item.dataset.section;
        lines.push("", `## ${heading}`, "");
      }
      const saved = state.items[item.dataset.key] || {};
      lines.push(`- [${saved.done ? "x" : " "}] [${item.dataset.name}](${item.dataset.permalink})`);
      if (saved.note?.trim()) lines.push(`  Evidence: ${saved.note.trim().replace(/\s*\n\s*/g, " ")}`);
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
    if (!window.confirm(`Clear every tick and note for ${section.dataset.levelName}? This cannot be undone.`)) return;
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
  form.addEventListener("submit", (event) => event.preventDefault());
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
  showLevel(new URLSearchParams(location.search).get("level") || state.level || select.value);
})();
