// Searchable pickers: a select marked data-picker (core/choice_fields.py) becomes a Tom Select, from the static
// files of the django-tomselect package (tfi/settings.py, STATICFILES_DIRS): type to filter, arrows and Enter to
// choose, Backspace to remove the last chosen, each chosen one with a remove button named in the page's language.
// Without JavaScript the select stays a plain select. The texts and addresses come from #picker-texts
// (templates/base.html), so they follow the language.
//
// A requester picker (data-picker="requester"), for those who may add requesters, offers "add a new
// requester" for a name that matches none: a dialog first shows the existing names nearest it
// (registrations/requesters.py), so that a duplicate is not made; the new one is then chosen in the picker.
(function () {
  var texts = document.getElementById("picker-texts");
  if (!window.TomSelect || !texts) {
    return;
  }
  var t = texts.dataset;

  function element(tag, attributes, text) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      node.setAttribute(name, attributes[name]);
    });
    if (text) {
      node.textContent = text;
    }
    return node;
  }

  function format(template, name) {
    return template.replace("{navn}", name);
  }

  function nameRemoveButtons(picker) {
    picker.control.querySelectorAll("[data-value]").forEach(function (item) {
      var button = item.querySelector("button.remove");
      if (button) {
        var label = format(t.remove, (item.firstChild.textContent || "").trim());
        button.setAttribute("aria-label", label);
        button.setAttribute("title", label);
      }
    });
  }

  // What was chosen or removed is said aloud by a screen reader (a polite live region per picker): the picker
  // itself only shows it.
  function announce(picker, template, value) {
    var option = picker.options[value];
    if (picker.announcer && option) {
      picker.announcer.textContent = format(template, option.text);
    }
  }

  // The dialog of a new requester: the nearest existing names, each to choose instead; "add" makes it.
  function askNewRequester(picker, name, done) {
    var form = picker.input.form;
    var dialog = element("dialog", {"class": "picker-dialog", "aria-labelledby": "picker-dialog-heading"});
    dialog.appendChild(element("h2", {"id": "picker-dialog-heading", "class": "h5"}, format(t.newHeading, name)));
    var status = element("p", {"role": "status"}, t.looking);
    dialog.appendChild(status);
    var list = element("ul", {"class": "list-unstyled"});
    dialog.appendChild(list);
    var error = element("p", {"class": "text-danger", "role": "alert"});
    dialog.appendChild(error);
    var buttons = element("div", {"class": "d-flex flex-wrap gap-2"});
    var add = element("button", {"type": "button", "class": "btn btn-primary"}, format(t.add, name));
    var cancel = element("button", {"type": "button", "class": "btn btn-outline-secondary"}, t.cancel);
    buttons.appendChild(add);
    buttons.appendChild(cancel);
    dialog.appendChild(buttons);
    document.body.appendChild(dialog);

    var settled = false;
    function close(result) {
      if (!settled) {
        settled = true;
        done(result);
      }
      dialog.close();
      dialog.remove();
      picker.focus();
    }
    cancel.addEventListener("click", function () { close(); });
    dialog.addEventListener("cancel", function (event) { event.preventDefault(); close(); });
    add.addEventListener("click", function () {
      add.disabled = true;
      var body = new FormData();
      body.append("name", name);
      body.append("csrfmiddlewaretoken", form.querySelector("[name=csrfmiddlewaretoken]").value);
      fetch(t.addUrl, {method: "POST", body: body, credentials: "same-origin", headers: {"Accept": "application/json"}})
        .then(function (response) {
          return response.json().then(function (data) { return {ok: response.ok, data: data}; });
        })
        .then(function (result) {
          if (result.ok) {
            close({value: String(result.data.id), text: result.data.name});
          } else {
            error.textContent = (result.data.errors || [t.failed]).join(" ");
            add.disabled = false;
          }
        })
        .catch(function () {
          error.textContent = t.failed;
          add.disabled = false;
        });
    });
    dialog.showModal();

    fetch(t.similarUrl + "?navn=" + encodeURIComponent(name), {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var similar = (data.similar || []).filter(function (existing) { return picker.options[String(existing.id)]; });
        status.textContent = similar.length ? t.similar : t.noneSimilar;
        similar.forEach(function (existing) {
          var choose = element("button", {"type": "button", "class": "btn btn-link p-0 text-start"},
                               format(t.choose, existing.name));
          choose.addEventListener("click", function () {
            close();
            picker.addItem(String(existing.id));
          });
          list.appendChild(element("li", {"class": "mb-1"})).appendChild(choose);
        });
        (similar.length ? list.querySelector("button") : add).focus();
      })
      .catch(function () {
        status.textContent = t.noneSimilar;
        add.focus();
      });
  }

  document.querySelectorAll("select[data-picker]").forEach(function (select) {
    var mayAdd = select.dataset.picker === "requester" && t.addUrl;
    var settings = {
      plugins: select.multiple ? ["remove_button"] : [],
      maxOptions: null,
      refreshThrottle: 0,
      diacritics: false,
      clearAfterSelect: true,
      // A name may hold a comma ("Projekt Matchning, Center for …"): only a line break separates names.
      delimiter: "\n",
      allowEmptyOption: !select.multiple,
      hidePlaceholder: true,
      onItemAdd: function (value) {
        nameRemoveButtons(this);
        announce(this, t.chosen, value);
      },
      onItemRemove: function (value) { announce(this, t.removed, value); },
      render: {
        // Where a new requester may be added, the offer to add it stands in for "none found".
        no_results: function () {
          return mayAdd ? null : "<div class=\"no-results\">" + t.noResults + "</div>";
        },
        option_create: function (data, escape) {
          return "<div class=\"create\" role=\"option\">" +
            format(t.offerAdd, "<strong>" + escape(data.input) + "</strong>") + "</div>";
        }
      }
    };
    if (mayAdd) {
      settings.create = function (input, done) {
        askNewRequester(this, input.trim(), done);
      };
    }
    var describedBy = select.getAttribute("aria-describedby");
    var picker = new window.TomSelect(select, settings);
    if (describedBy) {
      picker.control_input.setAttribute("aria-describedby", describedBy);
    }
    // The select stays in the page for the form, out of sight and out of the tab order: out of the
    // accessibility tree too, so that a screen reader meets the field once, as the picker.
    select.setAttribute("aria-hidden", "true");
    nameRemoveButtons(picker);
    picker.announcer = element("div", {"class": "visually-hidden", "aria-live": "polite"});
    picker.wrapper.appendChild(picker.announcer);
  });

  // An error summary's link to a picker's field focuses the picker (the select itself is hidden).
  document.addEventListener("click", function (event) {
    var link = event.target.closest("[data-error-summary] a[href^='#']");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (target && target.tomselect) {
      event.preventDefault();
      target.tomselect.focus();
    }
  });
})();
