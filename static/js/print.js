// The print pages' "Udskriv" button, without an inline script: any [data-print] opens the print dialog.
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
