// Class distribution chart on the campaign results page (data from a json_script block).
(function () {
  "use strict";
  document.addEventListener("DOMContentLoaded", function () {
    var canvas = document.getElementById("results-chart");
    var source = document.getElementById("results-data");
    if (!canvas || !source || typeof Chart === "undefined") return;
    var data = JSON.parse(source.textContent);
    var colours = { tot: "#198754", kha: "#0d6efd", trung_binh: "#ffc107", yeu: "#dc3545", chua_danh_gia: "#6c757d" };
    new Chart(canvas, {
      type: "bar",
      data: {
        labels: data.rows.map(function (r) { return r.name; }),
        datasets: data.columns.map(function (c, i) {
          return { label: c[1], data: data.rows.map(function (r) { return r.counts[i]; }), backgroundColor: colours[c[0]] };
        })
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        indexAxis: "y",
        scales: { x: { stacked: true, ticks: { precision: 0 } }, y: { stacked: true } },
        plugins: { legend: { position: "bottom" } }
      }
    });
  });
})();
