// tuquan's own scripts: small progressive enhancements, no inline JS (CSP).
document.addEventListener("DOMContentLoaded", () => {
  // Buttons with data-confirm ask before submitting.
  document.body.addEventListener("click", (event) => {
    const button = event.target.closest("[data-confirm]");
    if (button && !window.confirm(button.dataset.confirm)) {
      event.preventDefault();
    }
  });
  // Selects with data-autosubmit submit their form on change.
  document.body.addEventListener("change", (event) => {
    if (event.target.matches("[data-autosubmit]")) {
      event.target.form.requestSubmit();
    }
  });
});
