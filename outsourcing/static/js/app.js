// Small behaviours shared by the pages; no page depends on them to submit a form.

// A header checkbox with data-tick-column="key" ticks or clears every checkbox of its table whose name
// is "key" or ends with "-key", and shows itself ticked while the whole column is.
(function () {
  function boxesOf(header) {
    const table = header.closest("table");
    const key = header.dataset.tickColumn;
    return table.querySelectorAll(
      'tbody input[type="checkbox"][name$="-' + key + '"], tbody input[type="checkbox"][name="' + key + '"]'
    );
  }
  function refresh(header) {
    const boxes = Array.from(boxesOf(header));
    header.checked = boxes.length > 0 && boxes.every(function (box) { return box.checked; });
  }
  document.addEventListener("change", function (event) {
    const target = event.target;
    if (target.matches("input[data-tick-column]")) {
      boxesOf(target).forEach(function (box) { box.checked = target.checked; });
      return;
    }
    const table = target.closest("table");
    if (table && target.matches('input[type="checkbox"]')) {
      table.querySelectorAll("input[data-tick-column]").forEach(refresh);
    }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-tick-column]").forEach(refresh);
  });
})();
