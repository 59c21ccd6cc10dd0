// Fill the award fields from the chosen preset ("Hình thức thường dùng"); show scheme or person fields.
(function () {
  "use strict";
  const form = document.querySelector("[data-commendation-form]");
  if (!form) return;
  const presets = JSON.parse(document.getElementById("commendation-presets").textContent);
  const field = (name) => form.querySelector(`[name="${name}"]`);
  const preset = field("preset");
  preset && preset.addEventListener("change", () => {
    const value = presets[preset.value];
    if (!value) return;
    field("title").value = value.title;
    field("award_form").value = value.form;
    field("level").value = value.level;
    field("issuer").value = value.issuer;
  });
  const kind = field("recipient_kind");
  const toggle = () => {
    const isScheme = kind.value === "scheme";
    form.querySelectorAll("[data-person]").forEach((el) => el.classList.toggle("d-none", isScheme));
    form.querySelectorAll("[data-scheme]").forEach((el) => el.classList.toggle("d-none", !isScheme));
  };
  kind.addEventListener("change", toggle);
  toggle();
})();
