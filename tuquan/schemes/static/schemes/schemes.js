// Scheme registry: small helpers for the inline (HTMX) forms. No inline JS (CSP).
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
});
