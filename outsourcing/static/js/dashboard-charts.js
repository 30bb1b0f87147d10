// The dashboard's charts: each canvas draws its breakdown from the page's json_script (no inline script);
// a click on a bar or a slice opens the list behind it, as the table's link beside the chart does.
(function () {
  var source = document.getElementById("dashboard-charts");
  if (!source || typeof Chart === "undefined") { return; }
  var colours = ["#0d6efd", "#198754", "#ffc107", "#dc3545", "#6f42c1", "#20c997", "#fd7e14", "#6c757d"];
  JSON.parse(source.textContent).forEach(function (chart) {
    var canvas = document.querySelector('canvas[data-chart="' + chart.id + '"]');
    if (!canvas || chart.values.length === 0) { if (canvas) { canvas.hidden = true; } return; }
    new Chart(canvas, {
      type: chart.type,
      data: { labels: chart.labels, datasets: [{ data: chart.values.map(Number), backgroundColor: colours }] },
      options: {
        animation: false, maintainAspectRatio: true,
        indexAxis: chart.type === "bar" && chart.labels.length > 6 ? "y" : "x",
        plugins: { legend: { display: chart.type !== "bar" } },
        onClick: function (event, elements) {
          if (elements.length && chart.urls[elements[0].index]) { window.location.href = chart.urls[elements[0].index]; }
        }
      }
    });
  });
})();
