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

// A registration's challenge follows its dates: a select marked data-year-of (core/forms.py) names the date
// fields whose years it may be of; only those years' work plans are offered (an <optgroup> per year,
// core/choice_fields.py), and a line below the list says which plan is used. Without a date, or for a year
// without a work plan, every year is offered, and the line says so.
(function () {
  document.querySelectorAll("select[data-year-of]").forEach(function (select) {
    var inputs = select.dataset.yearOf.split(" ").map(function (id) { return document.getElementById(id); })
      .filter(Boolean);
    var line = document.createElement("div");
    line.className = "form-text";
    line.id = select.id + "_year";
    line.setAttribute("aria-live", "polite");
    select.insertAdjacentElement("afterend", line);
    select.setAttribute("aria-describedby", ((select.getAttribute("aria-describedby") || "") + " " + line.id).trim());
    var groups = Array.prototype.slice.call(select.querySelectorAll("optgroup"));

    function follow() {
      var years = [];
      inputs.forEach(function (input) {
        var year = (input.value || "").slice(0, 4);
        if (/^\d{4}$/.test(year) && years.indexOf(year) < 0) {
          years.push(year);
        }
      });
      var planned = years.filter(function (year) {
        return groups.some(function (group) { return group.label === year; });
      });
      groups.forEach(function (group) {
        var offered = !planned.length || planned.indexOf(group.label) >= 0;
        group.hidden = !offered;
        group.disabled = !offered && !group.querySelector("option:checked");
      });
      if (planned.length) {
        line.textContent = select.dataset.yearPlan.replace("{år}", planned.join(", "));
      } else {
        line.textContent = years.length ? select.dataset.yearNone.replace("{år}", years[0]) : "";
      }
    }

    inputs.forEach(function (input) {
      input.addEventListener("change", follow);
      input.addEventListener("input", follow);
    });
    follow();
  });
})();
