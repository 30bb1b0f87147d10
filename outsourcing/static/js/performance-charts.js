// The performance dashboard (PRF-4): one Chart.js line per KPI — the actual per period against the target, over
// the red, amber and green bands. The figures come from the page's json_script element (no inline script).
(function () {
  var source = document.getElementById("kpi-charts");
  if (!source || typeof Chart === "undefined") { return; }
  var charts = JSON.parse(source.textContent);
  var colours = { green: "rgba(25, 135, 84, 0.12)", amber: "rgba(255, 193, 7, 0.18)", red: "rgba(220, 53, 69, 0.12)" };
  var bandsPlugin = {
    id: "bands",
    beforeDraw: function (chart, _args, options) {
      var area = chart.chartArea, y = chart.scales.y, ctx = chart.ctx;
      (options.bands || []).forEach(function (band) {
        var top = y.getPixelForValue(band.to), bottom = y.getPixelForValue(band.from);
        ctx.save();
        ctx.fillStyle = colours[band.rating] || "transparent";
        ctx.fillRect(area.left, Math.max(top, area.top), area.right - area.left,
          Math.min(bottom, area.bottom) - Math.max(top, area.top));
        ctx.restore();
      });
    }
  };
  document.querySelectorAll("canvas.kpi-chart").forEach(function (canvas) {
    var data = charts.find(function (c) { return c.id === canvas.dataset.chart; });
    if (!data) { return; }
    new Chart(canvas, {
      type: "line",
      data: {
        labels: data.points.map(function (p) { return p.period; }),
        datasets: [
          { label: canvas.dataset.actualLabel, data: data.points.map(function (p) { return p.actual; }),
            borderColor: "#0d6efd", spanGaps: false,
            pointBackgroundColor: data.points.map(function (p) { return p.rating === "red" ? "#dc3545" : "#0d6efd"; }) },
          { label: canvas.dataset.targetLabel, data: data.points.map(function () { return data.target; }),
            borderColor: "#198754", borderDash: [6, 4], pointRadius: 0 }
        ]
      },
      options: { animation: false, scales: { y: { min: data.min, max: data.max } },
        plugins: { bands: { bands: data.bands } } },
      plugins: [bandsPlugin]
    });
  });
})();
