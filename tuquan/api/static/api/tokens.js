// The token page: copy the new secret to the clipboard (no inline JS: CSP).
document.addEventListener("DOMContentLoaded", () => {
  document.body.addEventListener("click", async (event) => {
    const button = event.target.closest("[data-copy-target]");
    if (!button) {
      return;
    }
    const input = document.getElementById(button.dataset.copyTarget);
    input.select();
    try {
      await navigator.clipboard.writeText(input.value);
      button.textContent = "Đã sao chép";
    } catch {
      document.execCommand("copy");
    }
  });
});
