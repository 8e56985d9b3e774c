// Small behaviours without inline scripts: a select marked data-autosubmit submits its form.
document.addEventListener("change", function (event) {
  if (event.target.matches("select[data-autosubmit]")) {
    event.target.form.submit();
  }
});
