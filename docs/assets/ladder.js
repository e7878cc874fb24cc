// Copy-link and cite controls for every heading and ladder item, and the landing highlight for
// deep links. Links are built from the page's canonical URL, so a copied link never points at a
// preview server or a mirror.
(() => {
  "use strict";

  const SELECTOR = [
    ".md-content h1[id]", ".md-content h2[id]", ".md-content h3[id]", ".md-content h4[id]",
    ".ladder-expectation[id]", ".ladder-level[id]",
  ].join(", ");

  const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content || "";
  const canonical = (document.querySelector('link[rel="canonical"]')?.href || location.href).split("#")[0];
  const permalink = (id) => `${canonical}#${id}`;

  function headingText(heading) {
    const copy = heading.cloneNode(true);
    copy.querySelectorAll(".headerlink, .ladder-share").forEach((node) => node.remove());
    return copy.textContent.trim();
  }

  // "Statistics — Senior ML Engineer": the item, and the level when the anchor is one expectation.
  function titleOf(element) {
    if (element.dataset.copyTitle) return element.dataset.copyTitle;
    const title = headingText(element);
    const level = element.id.includes("--") && document.querySelector(".md-content h1");
    return level && level !== element ? `${title} — ${headingText(level)}` : title;
  }

  function citation(element) {
    const ladder = meta("ladder-name");
    const version = meta("ladder-version");
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

  function button(label, text, action) {
    const control = document.createElement("button");
    control.type = "button";
    control.className = "ladder-share__button";
    control.textContent = text;
    control.setAttribute("aria-label", label);
    control.addEventListener("click", action);
    return control;
  }

  function addControls(element) {
    const title = titleOf(element);
    const share = document.createElement("span");
    share.className = "ladder-share";
    share.append(
      button(`Copy link to ${title}`, "Copy link", async () => {
        await copy(permalink(element.id));
        announce(`Link to ${title} copied`);
      }),
      button(`Cite ${title}`, "Cite", async () => {
        await copy(citation(element));
        announce(`Citation for ${title} copied`);
      }),
    );
    const slot = element.matches(".ladder-expectation") ? element.querySelector("dt")
      : element.matches(".ladder-level") ? element.querySelector("th") : element;
    slot.append(share);
  }

  // Moved anchors: `extra.moved_anchors` in mkdocs.yml maps "/page/#old" to "/other/page/#new".
  function followMovedAnchor(id) {
    const moves = JSON.parse(document.getElementById("ladder-moved-anchors")?.textContent || "{}");
    const sitePath = "/" + new URL(canonical).pathname.slice(new URL(meta("ladder-root")).pathname.length);
    const destination = moves[`${sitePath}#${id}`];
    if (!destination) return;
    // Stay on the host the reader is on (a preview server, a mirror): swap only the site path.
    const localRoot = location.pathname.slice(0, location.pathname.length - sitePath.length + 1);
    location.replace(localRoot + destination.replace(/^\/+/, ""));
  }

  function land() {
    const id = decodeURIComponent(location.hash.slice(1));
    document.querySelectorAll(".ladder-target").forEach((node) => node.classList.remove("ladder-target"));
    if (!id) return;
    let target = document.getElementById(id);
    if (!target) {
      followMovedAnchor(id);
      return;
    }
    if (target.dataset.aliasOf) target = document.getElementById(target.dataset.aliasOf) || target;
    target.classList.add("ladder-target");
    target.scrollIntoView({ block: "start" });
  }

  document.querySelectorAll(SELECTOR).forEach(addControls);
  window.addEventListener("hashchange", land);
  land();
})();
