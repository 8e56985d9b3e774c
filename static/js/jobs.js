// A job's page: the bar (a <progress>) follows the job's progress, asked each second; when the job has
// ended the page is loaded again to show its result. Without JavaScript the page reloads itself (a
// refresh in <noscript>), and the bar shows where the job was when the page was made.
(function () {
  var box = document.querySelector("[data-job-status-url]");
  var bar = box && box.querySelector("[data-job-bar]");
  if (!bar) {
    return;
  }
  function ask() {
    fetch(box.getAttribute("data-job-status-url"), {headers: {"Accept": "application/json"}, credentials: "same-origin"})
      .then(function (response) { return response.json(); })
      .then(function (state) {
        if (state.finished) {
          window.location.reload();
          return;
        }
        box.querySelector("[data-job-label]").textContent = state.step || state.label;
        var count = box.querySelector("[data-job-count]");
        if (count && state.total) {
          count.textContent = " – " + state.done.toLocaleString("da-DK") + " / " + state.total.toLocaleString("da-DK");
        }
        if (state.percent === null) {
          bar.removeAttribute("value");
        } else {
          bar.value = state.percent;
          bar.textContent = state.percent + " %";
        }
        window.setTimeout(ask, 1000);
      })
      .catch(function () { window.setTimeout(ask, 3000); });
  }
  window.setTimeout(ask, 1000);
})();
