// A calendar on every date field (<input data-datepicker>, tuquan/core/widgets.py DateInput):
// vanillajs-datepicker with its Vietnamese names, weeks from Monday, dd/mm/yyyy whatever the
// browser's language (docs/adr/0013-date-picker.md). The box stays a text box: typing is the way in,
// the calendar only fills it, and the server judges the value. What an officer typed is never
// replaced by something else: a text the calendar cannot read (31/02/2026, abc) or a date it does
// not offer stays as typed, so the server's message next to the field says what is wrong.
// Keyboard (the library's): ↓ opens, arrows move, Enter picks, Esc closes, Ctrl+←/→ month.
// No inline script (CSP); fields that htmx swaps in get their calendar too.
(() => {
  const DAY_FIRST = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/;
  const DIGITS = /^\s*(\d{2})(\d{2})(\d{4})\s*$/;
  const ISO = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})\s*$/;

  // The shapes DateInput accepts; a day that does not exist (31/02) is no date. NaN when unreadable.
  function parse(text) {
    let day, month, year;
    let match = DAY_FIRST.exec(text) || DIGITS.exec(text);
    if (match) {
      [day, month, year] = match.slice(1).map(Number);
    } else if ((match = ISO.exec(text))) {
      [year, month, day] = match.slice(1).map(Number);
    } else {
      return NaN;
    }
    const date = new Date(0);
    date.setFullYear(year, month - 1, day);
    date.setHours(0, 0, 0, 0);
    if (date.getFullYear() !== year || date.getMonth() !== month - 1 || date.getDate() !== day) return NaN;
    return date;
  }

  function show(date) {
    const pad = (number) => String(number).padStart(2, "0");
    return `${pad(date.getDate())}/${pad(date.getMonth() + 1)}/${String(date.getFullYear()).padStart(4, "0")}`;
  }

  const FORMAT = { toValue: parse, toDisplay: show };
  if (typeof Datepicker !== "undefined" && Datepicker.locales.vi) {
    Datepicker.locales.vi.titleFormat = "MM/y"; // "Tháng 9/2026" (the library's default: "Tháng 9 2026")
  }
  const LABELS = {
    ".prev-button": "Tháng trước",
    ".next-button": "Tháng sau",
    ".view-switch": "Chọn tháng, năm",
  };

  function attach(input) {
    if (input.datepicker || typeof Datepicker === "undefined") return;
    // A page restored from htmx's history cache holds the markup of a calendar without its script.
    const stale = input.nextElementSibling;
    if (stale && stale.classList.contains("datepicker")) stale.remove();

    const shown = input.value;
    const options = {
      language: "vi",
      weekStart: 1,
      format: FORMAT,
      buttonClass: "btn",
      autohide: true,
      todayHighlight: true,
      todayButton: true,
      todayButtonMode: 1,
      clearButton: !input.required,
      prevArrow: '<i class="bi bi-chevron-left" aria-hidden="true"></i>',
      nextArrow: '<i class="bi bi-chevron-right" aria-hidden="true"></i>',
    };
    const min = parse(input.dataset.minDate || "");
    const max = parse(input.dataset.maxDate || "");
    if (!isNaN(min)) options.minDate = min;
    if (!isNaN(max)) options.maxDate = max;
    const picker = new Datepicker(input, options);
    input.value = shown; // the library rewrites the box on start; a re-shown wrong value must stay
    for (const [selector, label] of Object.entries(LABELS)) {
      picker.pickerElement.querySelector(selector)?.setAttribute("aria-label", label);
    }

    // What the officer typed since the calendar last filled the box (null: nothing typed).
    let typed = null;
    input.addEventListener("input", () => {
      typed = input.value;
      const date = parse(typed);
      if (!isNaN(date)) picker.setFocusedDate(date); // the calendar follows the typing
    });
    input.addEventListener("changeDate", () => {
      typed = null;
    });
    // On leaving the box the library reads it; where it could not (or the date is outside what it
    // offers) it puts back the previous date. focusout comes after the library's blur handler.
    input.addEventListener("focusout", () => {
      if (typed === null || !typed.trim()) return;
      const date = parse(typed);
      if (isNaN(date) || input.value !== show(date)) input.value = typed;
    });
  }

  function attachAll(root) {
    if (root.matches?.("input[data-datepicker]")) attach(root);
    root.querySelectorAll?.("input[data-datepicker]").forEach(attach);
  }

  document.addEventListener("DOMContentLoaded", () => attachAll(document));
  document.addEventListener("htmx:load", (event) => attachAll(event.detail.elt));
  // htmx removes a swapped-out form: its calendars' document listeners go with it.
  document.addEventListener("htmx:beforeCleanupElement", (event) => {
    event.target.datepicker?.destroy();
  });
})();
