// Compare levels: shows the two levels named in ?from=…&to=… side by side and marks the words that
// differ. The address bar always holds the current choice, so the view can be linked.
(() => {
  const form = document.querySelector("[data-ladder-compare]");
  if (!form) return;
  const view = document.querySelector("[data-ladder-compare-view]");
  const table = view.querySelector("[data-ladder-compare-table]");
  const caption = table.querySelector("caption");
  const levels = [...form.elements.from.options].map((option) => [option.value, option.text]);
  const known = new Map(levels);
  const texts = new Map([...table.querySelectorAll(".ladder-compare-text")].map((s) => [s, s.textContent]));

  function chosen() {
    const params = new URLSearchParams(location.search);
    const pick = (name) => (known.has(params.get(name)) ? params.get(name) : form.elements[name].value);
    return [pick("from"), pick("to")];
  }

  // Word-level longest common subsequence: shared words stay plain, the rest is marked.
  function diff(before, after) {
    const a = before.split(/\s+/).filter(Boolean);
    const b = after.split(/\s+/).filter(Boolean);
    const common = Array.from({ length: a.length + 1 }, () => new Uint16Array(b.length + 1));
    for (let i = a.length - 1; i >= 0; i--) {
      for (let j = b.length - 1; j >= 0; j--) {
        common[i][j] = a[i] === b[j] ? common[i + 1][j + 1] + 1 : Math.max(common[i + 1][j], common[i][j + 1]);
      }
    }
    // Texts rewritten almost entirely would be marked word by word: show them plain instead.
    if (common[0][0] < 0.25 * Math.max(a.length, b.length)) return null;
    const steps = [];
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        steps.push(["same", a[i++]]);
        j++;
      } else if (j >= b.length || (i < a.length && common[i + 1][j] >= common[i][j + 1])) {
        steps.push(["del", a[i++]]);
      } else {
        steps.push(["ins", b[j++]]);
      }
    }
    return steps;
  }

  function paint(span, steps, mark) {
    const parts = steps
      .filter(([kind]) => kind === "same" || kind === mark)
      .map(([kind, word]) =>
        kind === "same" ? word : Object.assign(document.createElement(kind), { textContent: word }),
      );
    span.replaceChildren();
    parts.forEach((part, index) => {
      span.append(...(index ? [" ", part] : [part]));
    });
  }

  function show(from, to) {
    form.elements.from.value = from;
    form.elements.to.value = to;
    caption.textContent =
      from === to
        ? `Expectations of ${known.get(from)}`
        : `Expectations of ${known.get(from)} compared with ${known.get(to)}`;
    for (const row of table.rows) {
      const cells = [...row.cells].filter((cell) => cell.dataset.level);
      if (!cells.length) continue;
      cells.forEach((cell) => {
        cell.hidden = cell.dataset.level !== from && cell.dataset.level !== to;
      });
      const first = cells.find((cell) => cell.dataset.level === from);
      const second = cells.find((cell) => cell.dataset.level === to);
      row.append(first, ...(from === to ? [] : [second]));
      const [before, after] = [first, second].map((cell) => cell.querySelector(".ladder-compare-text"));
      if (!before || !after) continue;
      if (from === to) {
        before.textContent = texts.get(before);
        continue;
      }
      const steps = diff(texts.get(before), texts.get(after));
      if (steps) {
        paint(before, steps, "del");
        paint(after, steps, "ins");
      } else {
        before.textContent = texts.get(before);
        after.textContent = texts.get(after);
      }
    }
  }

  function update() {
    const from = form.elements.from.value;
    const to = form.elements.to.value;
    history.replaceState(null, "", `?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}${location.hash}`);
    show(from, to);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  form.addEventListener("change", update);
  view.classList.add("is-comparing");
  show(...chosen());
})();
