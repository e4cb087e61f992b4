/*
 * Municipality picker: progressive enhancement of the plain <select> on the registration form into an
 * accessible combobox (WAI-ARIA 1.2 combobox pattern, list autocomplete with manual selection).
 *
 * Without JavaScript the <select> with all municipalities works as is. With JavaScript the <select> stays
 * in the form (hidden) and holds the chosen value; a text input with role="combobox" takes over its id and
 * label, so the label, hint, error and the error summary link all point at the input.
 *
 * Keyboard: type to search; Down/Up move through the suggestions; Enter or Tab picks the highlighted one;
 * Escape closes the list (or clears the input when it is closed). The number of suggestions is announced
 * in a polite live region. Suggestions come from /api/v1/municipalities?q=... ("Den Haag" finds
 * 's-Gravenhage); if that fails, the options of the <select> are searched locally.
 *
 * Also: a failed form moves focus to its error summary, so screen-reader users hear what went wrong.
 */
(function () {
  "use strict";

  var DEBOUNCE_MS = 150;

  function normalise(text) {
    return (text || "")
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, " ")
      .trim();
  }

  function focusErrorSummary() {
    var summary = document.querySelector("[data-error-summary]");
    if (summary) {
      summary.focus();
    }
  }

  function enhance(field) {
    var select = field.querySelector("select[data-autocomplete-url]");
    if (!select) {
      return;
    }
    var url = select.getAttribute("data-autocomplete-url");
    var id = select.id;
    var label = field.querySelector("label[for='" + id + "']");

    var input = document.createElement("input");
    input.type = "text";
    input.className = "autocomplete__input";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", id + "_listbox");
    input.setAttribute("autocomplete", "off");
    input.setAttribute("autocapitalize", "none");
    input.setAttribute("spellcheck", "false");
    ["aria-describedby", "aria-invalid", "required"].forEach(function (name) {
      if (select.hasAttribute(name)) {
        input.setAttribute(name, select.getAttribute(name));
      }
    });

    var listbox = document.createElement("ul");
    listbox.id = id + "_listbox";
    listbox.className = "autocomplete__listbox";
    listbox.setAttribute("role", "listbox");
    if (label) {
      label.id = label.id || id + "_label";
      listbox.setAttribute("aria-labelledby", label.id);
    }
    listbox.hidden = true;

    var status = document.createElement("div");
    status.className = "visually-hidden";
    status.setAttribute("role", "status");
    status.setAttribute("aria-live", "polite");

    var wrapper = document.createElement("div");
    wrapper.className = "autocomplete";

    // The input takes over the select's id, so <label for>, hints and error links reach it.
    select.id = id + "_select";
    select.hidden = true;
    select.setAttribute("aria-hidden", "true");
    select.tabIndex = -1;
    select.removeAttribute("required");
    input.id = id;

    if (select.selectedIndex > 0) {
      input.value = select.options[select.selectedIndex].text;
    }

    select.parentNode.insertBefore(wrapper, select);
    wrapper.appendChild(input);
    wrapper.appendChild(listbox);
    wrapper.appendChild(status);

    var results = [];
    var active = -1;
    var timer = null;
    var requestId = 0;

    function optionId(index) {
      return id + "_option_" + index;
    }

    function close() {
      listbox.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }

    function setActive(index) {
      var items = listbox.children;
      if (active >= 0 && items[active]) {
        items[active].setAttribute("aria-selected", "false");
        items[active].classList.remove("autocomplete__option--active");
      }
      active = index;
      if (active >= 0 && items[active]) {
        items[active].setAttribute("aria-selected", "true");
        items[active].classList.add("autocomplete__option--active");
        input.setAttribute("aria-activedescendant", optionId(active));
        items[active].scrollIntoView({ block: "nearest" });
      } else {
        input.removeAttribute("aria-activedescendant");
      }
    }

    function choose(index) {
      var result = results[index];
      if (!result) {
        return;
      }
      select.value = result.code;
      input.value = result.name;
      close();
      status.textContent = result.name + " " + (field.getAttribute("data-chosen-text") || "");
      select.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function render(items) {
      results = items;
      listbox.textContent = "";
      active = -1;
      items.forEach(function (item, index) {
        var option = document.createElement("li");
        option.id = optionId(index);
        option.className = "autocomplete__option";
        option.setAttribute("role", "option");
        option.setAttribute("aria-selected", "false");
        option.textContent = item.name;
        if (item.population_display) {
          var detail = document.createElement("span");
          detail.className = "autocomplete__detail";
          detail.textContent = " (" + item.population_display + " " + (field.getAttribute("data-inhabitants-text") || "") + ")";
          option.appendChild(detail);
        }
        option.addEventListener("mousedown", function (event) {
          event.preventDefault(); // keep focus in the input
          choose(index);
        });
        listbox.appendChild(option);
      });
      var count = items.length;
      if (count) {
        listbox.hidden = false;
        input.setAttribute("aria-expanded", "true");
      } else {
        close();
      }
      var template = count === 1 ? field.getAttribute("data-one-result-text") : field.getAttribute("data-results-text");
      status.textContent = count ? (template || "{count}").replace("{count}", count) : (field.getAttribute("data-no-results-text") || "");
    }

    function localSearch(query) {
      var needle = normalise(query);
      var compact = needle.replace(/ /g, "");
      var found = [];
      Array.prototype.forEach.call(select.options, function (option) {
        if (!option.value) {
          return;
        }
        var name = normalise(option.text);
        if (name.indexOf(needle) !== -1 || name.replace(/ /g, "").indexOf(compact) !== -1) {
          found.push({ code: option.value, name: option.text });
        }
      });
      return found.slice(0, 10);
    }

    function search(query) {
      var mine = ++requestId;
      if (!normalise(query)) {
        render([]);
        return;
      }
      fetch(url + "?q=" + encodeURIComponent(query), { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("HTTP " + response.status);
          }
          return response.json();
        })
        .then(function (data) {
          if (mine === requestId) {
            render(data.results || []);
          }
        })
        .catch(function () {
          if (mine === requestId) {
            render(localSearch(query));
          }
        });
    }

    function syncSelectWithText() {
      // Keep the select in step with what is typed: an exact name picks it, anything else clears it.
      var typed = normalise(input.value);
      if (!typed) {
        select.value = "";
        return;
      }
      var current = select.options[select.selectedIndex];
      if (current && current.value && normalise(current.text) === typed) {
        return;
      }
      var match = Array.prototype.find.call(select.options, function (option) {
        return option.value && normalise(option.text) === typed;
      });
      select.value = match ? match.value : "";
    }

    input.addEventListener("input", function () {
      select.value = "";
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        search(input.value);
      }, DEBOUNCE_MS);
    });

    input.addEventListener("keydown", function (event) {
      var open = !listbox.hidden;
      switch (event.key) {
        case "ArrowDown":
          event.preventDefault();
          if (!open) {
            if (results.length) {
              listbox.hidden = false;
              input.setAttribute("aria-expanded", "true");
              setActive(0);
            } else {
              search(input.value);
            }
          } else {
            setActive(active + 1 >= results.length ? 0 : active + 1);
          }
          break;
        case "ArrowUp":
          if (open) {
            event.preventDefault();
            setActive(active - 1 < 0 ? results.length - 1 : active - 1);
          }
          break;
        case "Enter":
          if (open && active >= 0) {
            event.preventDefault(); // pick the suggestion, do not send the form
            choose(active);
          }
          break;
        case "Tab":
          if (open && active >= 0) {
            choose(active);
          } else {
            close();
          }
          break;
        case "Escape":
          if (open) {
            event.preventDefault();
            close();
          } else if (input.value) {
            event.preventDefault();
            input.value = "";
            select.value = "";
          }
          break;
        default:
          break;
      }
    });

    input.addEventListener("blur", function () {
      window.setTimeout(function () {
        close();
        syncSelectWithText();
      }, 150);
    });
  }

  function init() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-municipality-field]"), enhance);
    focusErrorSummary();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
