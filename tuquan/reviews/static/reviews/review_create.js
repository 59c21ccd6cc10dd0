// Show only the period fields that apply to the chosen kind (6 tháng / năm / nhiều năm).
document.addEventListener("DOMContentLoaded", () => {
  const kind = document.getElementById("id_period_kind");
  if (!kind) return;
  const wrap = (id) => document.getElementById(id)?.closest(".mb-3");
  const half = wrap("id_half");
  const startYear = wrap("id_start_year");
  const update = () => {
    if (half) half.hidden = kind.value !== "half_year";
    if (startYear) startYear.hidden = kind.value !== "multi_year";
  };
  kind.addEventListener("change", update);
  update();
});
