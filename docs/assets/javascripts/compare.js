// Compare levels: two levels side by side, of this version or a frozen one, with the words that
// differ marked. The page holds one pair; any other comes from the JSON export (an earlier version's
// compare.json, the part of its export that is read here). The address bar always holds the choice (?from=…&to=…, and from_version or to_version for a
// frozen version), so the view can be linked.
(() => {
  const form = document.querySelector("[data-ladder-compare]");
  if (!form) return;
  const table = document.querySelector("[data-ladder-compare-table]");
  const caption = table.querySelector("caption");
  const heads = Object.fromEntries([...table.tHead.rows[0].cells].slice(1).map((cell) => [cell.dataset.side, cell]));
  const folders = JSON.parse(form.dataset.folders);
  const current = form.dataset.version;
  const exports = { [current]: form.dataset.export, ...JSON.parse(form.dataset.versions || "{}") };
  const pageRows = [...table.tBodies].map((body) => body.cloneNode(true));
  const pagePair = [form.elements.from.value, form.elements.to.value];
  const loaded = {};

  const ladder = (version) => {
    loaded[version] ??= fetch(exports[version]).then((response) => {
      if (!response.ok) throw new Error(`${exports[version]}: ${response.status}`);
      return response.json();
    });
    return loaded[version];
  };

  function chosen() {
    const params = new URLSearchParams(location.search);
    const pick = (name, known) => (known.includes(params.get(name)) ? params.get(name) : undefined);
    const levelIds = [...form.elements.from.options].map((option) => option.value);
    const versions = Object.keys(exports);
    return {
      from: pick("from", levelIds) || form.elements.from.value,
      to: pick("to", levelIds) || form.elements.to.value,
      fromVersion: pick("from_version", versions) || current,
      toVersion: pick("to_version", versions) || current,
    };
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

  function markChanges() {
    for (const row of table.querySelectorAll("tr[data-item]")) {
      const [before, after] = ["from", "to"].map((side) =>
        row.querySelector(`td[data-side=${side}] .ladder-compare-text`),
      );
      if (!before || !after || before.textContent === after.textContent) continue;
      const steps = diff(before.textContent, after.textContent);
      if (steps) {
        paint(before, steps, "del");
        paint(after, steps, "ins");
      }
    }
  }

  // The items of an export in the order of the pages: responsibilities, outcomes, each skill group.
  function sections(json) {
    return [
      ["Responsibilities", "responsibility", json.responsibilities],
      ["Business impact", "outcome", json.outcomes || []],
      ...json.skill_groups.map((group) => [
        group.name,
        "skill",
        json.skills.filter((skill) => skill.group === group.id),
      ]),
    ].filter(([, , items]) => items.length);
  }

  const same = (a, b) => a.id === b.id || (b.aliases || []).includes(a.id) || (a.aliases || []).includes(b.id);

  function cell(side, json, item, levelId) {
    const td = document.createElement("td");
    td.dataset.side = side;
    td.dataset.levelName = `${json.levels.find((level) => level.id === levelId)?.name || levelId} (${json.version})`;
    const expectation = item?.expectations[levelId];
    if (expectation) {
      td.append(
        Object.assign(document.createElement("span"), {
          className: "ladder-compare-text",
          textContent: expectation.text,
        }),
      );
    } else {
      const ended = item?.ends_at && json.levels.find((level) => level.id === item.ends_at);
      const text = !item
        ? `Not in version ${json.version}.`
        : ended
          ? `Nothing new: the ${ended.name} expectation holds.`
          : "No expectation at this level.";
      td.append(Object.assign(document.createElement("span"), { className: "ladder-ended", textContent: text }));
    }
    return td;
  }

  function rows(choice, first, second) {
    const bodies = [];
    const groups = sections(second);
    for (const [title, kind] of sections(first)) {
      if (!groups.some(([other]) => other === title)) groups.push([title, kind, []]);
    }
    for (const [title, kind, items] of groups) {
      const before = sections(first).find(([other]) => other === title)?.[2] || [];
      const all = [...items, ...before.filter((old) => !items.some((item) => same(old, item)))];
      const body = document.createElement("tbody");
      const heading = body.insertRow();
      heading.className = "ladder-compare-section";
      heading.append(
        Object.assign(document.createElement("th"), { scope: "colgroup", colSpan: 3, textContent: title }),
      );
      for (const item of all) {
        const old = before.find((candidate) => same(candidate, item));
        const now = items.find((candidate) => same(item, candidate));
        const row = body.insertRow();
        row.dataset.item = `${kind}-${item.id}`;
        const name = Object.assign(document.createElement("th"), { scope: "row" });
        name.append(
          Object.assign(document.createElement("a"), { href: `${folders[kind]}${item.id}/`, textContent: item.name }),
        );
        row.append(name, cell("from", first, old, choice.from), cell("to", second, now, choice.to));
      }
      bodies.push(body);
    }
    return bodies;
  }

  async function show(choice) {
    form.elements.from.value = choice.from;
    form.elements.to.value = choice.to;
    if (form.elements.from_version) form.elements.from_version.value = choice.fromVersion;
    if (form.elements.to_version) form.elements.to_version.value = choice.toVersion;
    const onPage =
      choice.fromVersion === current &&
      choice.toVersion === current &&
      choice.from === pagePair[0] &&
      choice.to === pagePair[1];
    const [first, second] = onPage ? [] : await Promise.all([ladder(choice.fromVersion), ladder(choice.toVersion)]);
    const bodies = onPage ? pageRows.map((body) => body.cloneNode(true)) : rows(choice, first, second);
    for (const body of [...table.tBodies]) body.remove();
    table.append(...bodies);
    const name = (side, version, levelId) => {
      const option = [...form.elements[side].options].find((candidate) => candidate.value === levelId);
      return version === current ? option.text : `${option.text} (${version})`;
    };
    const [fromName, toName] = [name("from", choice.fromVersion, choice.from), name("to", choice.toVersion, choice.to)];
    heads.from.firstElementChild.textContent = fromName;
    heads.to.firstElementChild.textContent = toName;
    caption.textContent = `Expectations of ${fromName} compared with ${toName}`;
    markChanges();
    showFocus();
  }

  // ?item=… narrows the table to one item, until the reader asks for every item again.
  const focusNote = form.querySelector("[data-ladder-compare-focus]");
  function showFocus() {
    const focus = new URLSearchParams(location.search).get("item");
    const row = focus && table.querySelector(`tr[data-item="${CSS.escape(focus)}"]`);
    focusNote.hidden = !row;
    for (const body of table.tBodies) {
      body.hidden = Boolean(row) && !body.contains(row);
      for (const other of body.querySelectorAll("tr[data-item]")) other.hidden = Boolean(row) && other !== row;
    }
  }
  focusNote.querySelector("button").addEventListener("click", () => {
    const params = new URLSearchParams(location.search);
    params.delete("item");
    history.replaceState(null, "", `?${params}${location.hash}`);
    showFocus();
  });

  function update() {
    const choice = {
      from: form.elements.from.value,
      to: form.elements.to.value,
      fromVersion: form.elements.from_version?.value || current,
      toVersion: form.elements.to_version?.value || current,
    };
    const params = new URLSearchParams({ from: choice.from, to: choice.to });
    if (choice.fromVersion !== current) params.set("from_version", choice.fromVersion);
    if (choice.toVersion !== current) params.set("to_version", choice.toVersion);
    const item = new URLSearchParams(location.search).get("item");
    if (item) params.set("item", item);
    history.replaceState(null, "", `?${params}${location.hash}`);
    show(choice).catch(failed);
  }

  function failed(error) {
    caption.textContent = `This comparison could not be loaded (${error.message}). Reload the page to try again.`;
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    update();
  });
  form.addEventListener("change", update);
  show(chosen()).catch(failed);
})();
