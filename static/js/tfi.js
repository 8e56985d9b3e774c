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

// A table wider than the screen scrolls inside its .table-responsive box: that box becomes a region a keyboard
// can reach (and so scroll) and a screen reader names, by the table's caption or the heading before it
// (WCAG 2.1.1 and 1.4.10). A box a template has named already is left as it is.
(function () {
  function headingBefore(element) {
    for (var node = element; node; node = node.parentElement) {
      for (var previous = node.previousElementSibling; previous; previous = previous.previousElementSibling) {
        if (/^H[1-6]$/.test(previous.tagName)) {
          return previous;
        }
      }
    }
    return null;
  }

  function markScrollingTables() {
    document.querySelectorAll(".table-responsive:not([tabindex])").forEach(function (box) {
      if (box.scrollWidth <= box.clientWidth) {
        return;
      }
      var name = box.querySelector("caption") || headingBefore(box);
      box.setAttribute("tabindex", "0");
      box.setAttribute("role", "region");
      if (!box.hasAttribute("aria-label") && !box.hasAttribute("aria-labelledby")) {
        box.setAttribute("aria-label", name ? name.textContent.trim() : document.title);
      }
    });
  }

  markScrollingTables();
  window.addEventListener("resize", markScrollingTables);
})();
