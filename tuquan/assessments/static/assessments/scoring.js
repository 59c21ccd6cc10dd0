// Live total and suggested class on the scoring form (the server recomputes both on save).
(function () {
  "use strict";
  function ready(fn) {
    if (document.readyState !== "loading") fn(); else document.addEventListener("DOMContentLoaded", fn);
  }
  ready(function () {
    var form = document.querySelector("form[data-scoring]");
    if (!form) return;
    var totalEl = document.querySelector("[data-live-total]");
    var classEl = document.querySelector("[data-live-class]");
    var d = form.dataset;
    var good = parseFloat(d.good), fair = parseFloat(d.fair), average = parseFloat(d.average);
    var labels = { tot: "Tốt", kha: "Khá", trung_binh: "Trung bình", yeu: "Yếu (cần thanh loại)",
      chua_danh_gia: "Chưa đánh giá, phân loại (mới thành lập)" };
    var rank = { tot: 4, kha: 3, trung_binh: 2, yeu: 1 };
    function classify(total) {
      if (d.newlyFounded === "1") return "chua_danh_gia";
      var r = total >= good ? "tot" : total >= fair ? "kha" : total >= average ? "trung_binh" : "yeu";
      var cap = d.cap || "";
      if (cap && rank[cap] && rank[r] > rank[cap]) r = cap;
      return r;
    }
    function format(n) {
      return n.toLocaleString("vi-VN", { maximumFractionDigits: 2 });
    }
    function update() {
      var total = 0;
      form.querySelectorAll("input[data-score]").forEach(function (input) {
        var v = parseFloat(String(input.value).replace(",", "."));
        var max = parseFloat(input.max);
        var bad = input.value !== "" && (isNaN(v) || v < 0 || v > max);
        input.classList.toggle("is-invalid", bad);
        if (!isNaN(v) && !bad) total += v;
      });
      total = Math.round(total * 100) / 100;
      var r = classify(total);
      if (totalEl) totalEl.textContent = format(total);
      if (classEl) {
        classEl.textContent = labels[r];
        classEl.className = "badge rating-badge rating-" + r;
        classEl.dataset.rating = r;
      }
    }
    form.addEventListener("input", update);
    update();
  });
})();
