// Small behaviours without inline scripts: a select marked data-autosubmit submits its form.
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-autosubmit]")) {
    event.target.form.submit();
  }
});

// A button marked data-print prints the page (the report has an A4 print stylesheet).
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});

// A refused form: focus goes to its error summary (templates/_error_summary.html), whose links lead to the fields.
(function () {
  var summary = document.querySelector("[data-error-summary]");
  if (summary) {
    summary.focus();
  }
})();
