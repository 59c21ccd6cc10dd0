// Search boxes for choices with thousands of options (units of a whole country, the kind catalogue,
// the schemes of a country), in filters and in forms (tuquan/core/search_choices.py).
// A <select data-autocomplete="URL"> holds only the empty and the chosen option; this puts a search
// box before it and fills the <select> with the matches the server returns as JSON
// ({"results": [{"id", "text", "group"}]}, already limited to the user's jurisdiction).
// Choosing an option fires "change" on the <select>, which the filter form already listens to.
// No inline script (CSP); the options are built with the DOM, never from HTML strings.
(() => {
  const DELAY_MS = 250;

  function fill(select, results) {
    const keep = Array.from(select.options).filter((o) => o.value === "" || o.selected);
    select.replaceChildren(...keep);
    const groups = new Map();
    for (const row of results) {
      if (keep.some((o) => o.value === String(row.id))) continue;
      const option = new Option(row.text, row.id);
      if (!row.group) {
        select.append(option);
        continue;
      }
      if (!groups.has(row.group)) {
        const group = document.createElement("optgroup");
        group.label = row.group;
        groups.set(row.group, group);
        select.append(group);
      }
      groups.get(row.group).append(option);
    }
  }

  function attach(select) {
    if (select.dataset.autocompleteReady) return;
    select.dataset.autocompleteReady = "1";
    const box = document.createElement("input");
    box.type = "search";
    box.className = "form-control form-control-sm mb-1";
    box.placeholder = "Gõ vài chữ để tìm (không cần dấu)…";
    box.autocomplete = "off";
    box.setAttribute("aria-label", "Tìm trong danh sách " + (select.labels[0]?.textContent || ""));
    box.dataset.testid = "search-" + select.name;
    select.before(box);
    let timer = null;
    let controller = null;
    // Typing must not submit the filter form: the box has no name and its events stop here.
    for (const type of ["change", "input", "keyup", "search"]) {
      box.addEventListener(type, (event) => event.stopPropagation());
    }
    box.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const term = box.value.trim();
        if (controller) controller.abort();
        if (!term) return fill(select, []);
        controller = new AbortController();
        const url = new URL(select.dataset.autocomplete, window.location.origin);
        url.searchParams.set("q", term);
        try {
          const response = await fetch(url, { signal: controller.signal, headers: { Accept: "application/json" } });
          if (!response.ok) return;
          fill(select, (await response.json()).results || []);
          const lines = select.options.length + select.querySelectorAll("optgroup").length;
          if (select.options.length > 1) select.size = Math.min(10, lines);
        } catch (error) {
          if (error.name !== "AbortError") throw error;
        }
      }, DELAY_MS);
    });
    select.addEventListener("change", () => {
      select.size = 0;
    });
  }

  function attachAll(root) {
    root.querySelectorAll("select[data-autocomplete]").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", () => attachAll(document));
  document.addEventListener("htmx:afterSwap", (event) => attachAll(event.detail.target));
})();
