// The queue's selection: a select-all box and a count of the selected claims.
(function () {
  "use strict";
  var form = document.getElementById("bulk");
  if (!form) return;
  var all = form.querySelector("[data-select-all]");
  var count = form.querySelector("[data-selected-count]");
  function boxes() {
    return Array.prototype.slice.call(form.querySelectorAll("input[name=claims]"));
  }
  function update() {
    var n = boxes().filter(function (b) { return b.checked; }).length;
    if (count) count.textContent = n ? n + " selected" : "";
    if (all) all.checked = n > 0 && n === boxes().length;
  }
  if (all) {
    all.addEventListener("change", function () {
      boxes().forEach(function (b) { b.checked = all.checked; });
      update();
    });
  }
  form.addEventListener("change", update);
  form.addEventListener("submit", function (event) {
    var n = boxes().filter(function (b) { return b.checked; }).length;
    if (!n) {
      event.preventDefault();
      if (count) count.textContent = "Select at least one claim first.";
      return;
    }
    var submitter = event.submitter;
    if (submitter && submitter.value === "dismiss" &&
        !window.confirm("Dismiss " + n + " claim(s)?")) {
      event.preventDefault();
    }
  });
})();
