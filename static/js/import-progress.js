// Poll an import's status until its claims appear (or it fails), then reload.
(function () {
  "use strict";
  var box = document.getElementById("import-progress");
  if (!box || box.dataset.finished === "1") return;
  var url = box.dataset.statusUrl;
  var text = box.querySelector("[data-status-text]");
  var started = Date.now();
  var LIMIT_MS = 10 * 60 * 1000;  // stop polling after ten minutes
  var delay = 500;

  function poll() {
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error("status " + response.status);
        return response.json();
      })
      .then(function (status) {
        if (status.finished) {
          window.location.reload();
          return;
        }
        text.textContent = status.state_display + "…" +
          (status.state === "done" ? " finding the claims" : "");
        schedule();
      })
      .catch(function () {
        text.textContent = "Lost contact with the server; retrying…";
        schedule();
      });
  }

  function schedule() {
    if (Date.now() - started > LIMIT_MS) {
      text.textContent = "Still not finished; reload the page to check again.";
      return;
    }
    delay = Math.min(delay * 1.5, 5000);
    window.setTimeout(poll, delay);
  }

  window.setTimeout(poll, delay);
})();
