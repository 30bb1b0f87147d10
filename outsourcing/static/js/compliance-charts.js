// The risk register's chart (RSK-1): live risks as bubbles by impact (x) and likelihood (y), inherent and
// residual, the bubble's size the number of risks in the cell. Data from the page's json_script (no inline script).
(function () {
  var source = document.getElementById("risk-heat");
  var canvas = document.getElementById("risk-chart");
  if (!source || !canvas || typeof Chart === "undefined") { return; }
  var heat = JSON.parse(source.textContent);
  function points(list) {
    return list.map(function (c) { return { x: c.x, y: c.y, r: 4 + 3 * c.count, count: c.count }; });
  }
  new Chart(canvas, {
    type: "bubble",
    data: { datasets: [
      { label: canvas.dataset.inherentLabel, data: points(heat.inherent), backgroundColor: "rgba(220, 53, 69, 0.45)" },
      { label: canvas.dataset.residualLabel, data: points(heat.residual), backgroundColor: "rgba(13, 110, 253, 0.45)" }
    ] },
    options: { animation: false,
      scales: { x: { min: 0, max: 6, ticks: { stepSize: 1 }, title: { display: true, text: canvas.dataset.xLabel } },
                y: { min: 0, max: 6, ticks: { stepSize: 1 }, title: { display: true, text: canvas.dataset.yLabel } } } }
  });
})();
