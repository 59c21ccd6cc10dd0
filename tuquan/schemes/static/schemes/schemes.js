// Scheme registry: small helpers for the filters and inline (HTMX) forms. No inline JS (CSP).
document.addEventListener("DOMContentLoaded", () => {
  // "Đóng" buttons of an inline form empty the slot that holds it.
  document.body.addEventListener("click", (event) => {
    const button = event.target.closest("[data-close-slot]");
    if (!button) return;
    event.preventDefault();
    const slot = document.querySelector(button.dataset.closeSlot);
    if (slot) slot.replaceChildren();
  });
  // Focus the first field of an inline form when it arrives.
  document.body.addEventListener("htmx:afterSwap", (event) => {
    const field = event.detail.target.querySelector(".inline-form input:not([type=hidden]), .inline-form select");
    if (field) field.focus();
  });
  // Filters: leave empty fields out of the request, so the address stays short and shareable.
  document.body.addEventListener("htmx:configRequest", (event) => {
    if (event.detail.elt.id !== "scheme-filters") return;
    const params = event.detail.formData || event.detail.parameters;
    for (const key of Array.from(params.keys ? params.keys() : Object.keys(params))) {
      const value = params.get ? params.get(key) : params[key];
      if (value === "" || value === null) {
        params.delete ? params.delete(key) : delete params[key];
      }
    }
  });
  // The column chooser comes back to the list as it is now (filters changed without reload).
  document.body.addEventListener("submit", (event) => {
    const next = event.target.querySelector("input[name=next][data-current-location]");
    if (next) next.value = window.location.pathname + window.location.search;
  });
});
