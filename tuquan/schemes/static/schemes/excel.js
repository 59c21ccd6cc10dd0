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

// Refuse a file over 10 MB before sending it (the server refuses it too).
document.addEventListener("change", (event) => {
  const input = event.target;
  if (!input.matches("[data-upload-progress] input[type=file]") || !input.files.length) return;
  const tooBig = input.files[0].size > 10 * 1024 * 1024;
  input.setCustomValidity(tooBig ? "Tệp quá lớn: chỉ nhận tệp tối đa 10 MB." : "");
  input.reportValidity();
});
