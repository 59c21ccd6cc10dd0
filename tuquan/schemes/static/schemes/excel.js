// Excel import: an upload progress bar for HTMX uploads (no inline JS: CSP).
document.addEventListener("htmx:xhr:progress", (event) => {
  const form = event.target.closest("[data-upload-progress]");
  if (!form || !event.detail.lengthComputable) return;
  const percent = Math.round((event.detail.loaded / event.detail.total) * 100);
  const bar = form.querySelector("progress");
  const label = form.querySelector("[data-progress-label]");
  if (bar) bar.value = percent;
  if (label) label.textContent = percent < 100 ? `Đang tải tệp lên… ${percent}%` : "Đã tải lên, đang kiểm tra tệp…";
});
