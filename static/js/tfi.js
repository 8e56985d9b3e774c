// Small behaviours without inline scripts. A select marked data-submit-on-enter (the year, the language)
// submits its form on Enter; choosing with the arrow keys changes nothing until then, or until its button.
document.addEventListener("keydown", function (event) {
  if (event.key === "Enter" && event.target.matches("select[data-submit-on-enter]")) {
    event.preventDefault();
    event.target.form.requestSubmit();
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
