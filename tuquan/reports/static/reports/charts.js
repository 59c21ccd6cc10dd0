// Dashboard charts (Chart.js). Data come from <script type="application/json"> blocks
// written by Django's json_script; no inline scripts (CSP).
(function () {
  "use strict";
  const palette = ["#1f7a3a", "#2f6fb0", "#d4a017", "#c0392b", "#7f8c8d", "#8e44ad", "#16a085", "#e67e22"];

  function readData(id) {
    const element = document.getElementById(id);
    return element ? JSON.parse(element.textContent) : null;
  }

  const common = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale: "vi-VN",
    plugins: {},
  };

  const builders = {
    doughnut(rows) {
      return {
        type: "doughnut",
        data: {
          labels: rows.map((row) => row.label),
          datasets: [{ data: rows.map((row) => row.count), backgroundColor: palette }],
        },
        options: { ...common, plugins: { legend: { position: window.innerWidth < 576 ? "bottom" : "right" } } },
      };
    },
    bar(rows) {
      return {
        type: "bar",
        data: {
          labels: rows.map((row) => row.label),
          datasets: [{ label: "Số mô hình", data: rows.map((row) => row.count), backgroundColor: palette[1] }],
        },
        options: { ...common, plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      };
    },
    "bar-horizontal"(rows) {
      const config = builders.bar(rows.slice(0, 12));
      config.options.indexAxis = "y";
      config.options.scales = { x: { beginAtZero: true, ticks: { precision: 0 } } };
      return config;
    },
    trend(rows) {
      return {
        type: "line",
        data: {
          labels: rows.map((row) => String(row.year)),
          datasets: [
            { label: "Có trong sổ cuối năm", data: rows.map((row) => row.registered), borderColor: palette[1], backgroundColor: palette[1], tension: 0.2 },
            { label: "Thành lập mới", data: rows.map((row) => row.new), borderColor: palette[0], backgroundColor: palette[0], tension: 0.2 },
            { label: "Thanh loại, sáp nhập", data: rows.map((row) => row.ended), borderColor: palette[3], backgroundColor: palette[3], tension: 0.2 },
          ],
        },
        options: { ...common, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } },
      };
    },
  };

  function draw(root) {
    if (typeof window.Chart === "undefined") {
      return;
    }
    root.querySelectorAll("canvas[data-chart]").forEach((canvas) => {
      const rows = readData(canvas.dataset.source);
      const build = builders[canvas.dataset.chart];
      if (!rows || !build || canvas.dataset.drawn) {
        return;
      }
      canvas.dataset.drawn = "1";
      new window.Chart(canvas, build(rows));
    });
  }

  document.addEventListener("DOMContentLoaded", () => draw(document));
  document.addEventListener("htmx:afterSwap", (event) => draw(event.target));
})();
