// Year page: picking a year in the select opens that year's page (no inline script: CSP).
document.addEventListener("change", (event) => {
  const select = event.target.closest("[data-year-select]");
  if (select && select.value) window.location.assign(select.value);
});
