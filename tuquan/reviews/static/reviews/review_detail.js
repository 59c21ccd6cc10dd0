// PDF export takes a few seconds (LibreOffice converts the .docx on the server): say so on the button.
document.addEventListener("DOMContentLoaded", () => {
  const button = document.querySelector("[data-testid=download-pdf]");
  if (!button) return;
  const label = button.innerHTML;
  button.addEventListener("click", () => {
    button.classList.add("disabled");
    button.setAttribute("aria-busy", "true");
    button.textContent = "Đang tạo PDF (vài giây)…";
    setTimeout(() => {
      button.classList.remove("disabled");
      button.removeAttribute("aria-busy");
      button.innerHTML = label;
    }, 8000);
  });
});
