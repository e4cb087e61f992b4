/*
 * Search suggestions for /zoeken/: progressive enhancement of the plain search field.
 *
 * The field is an <input type="text" inputmode="search"> (the form has role="search"): the combobox role
 * this script adds is not allowed on <input type="search">, which HTML checkers reject.
 *
 * Without JavaScript the form simply submits. With it, typing two or more characters fetches
 * /zoeken/suggesties/?q=... (JSON: {"suggestions": [{"title", "url", "kind"}]}) and shows them in an
 * ARIA 1.2 combobox listbox: Arrow Down/Up move through the options (aria-activedescendant), Enter opens
 * the chosen page, Escape closes the list, and a polite live region announces how many suggestions
 * there are. Titles are inserted as text (never as HTML). No framework, no cookies.
 */
(function () {
  "use strict";

  // A text input: ARIA 1.2 allows role=combobox on input type=text, not on type=search.
  var input = document.querySelector("input[type=text][data-suggest-url]");
  if (!input || !window.fetch) {
    return;
  }
  var endpoint = input.getAttribute("data-suggest-url");
  var lang = (document.documentElement.lang || "nl").slice(0, 2);
  var words = lang === "nl"
    ? { one: "1 suggestie beschikbaar.", many: " suggesties beschikbaar.", none: "",
        programme: "Aanbod", "case": "Casus", page: "Pagina" }
    : { one: "1 suggestion available.", many: " suggestions available.", none: "",
        programme: "Offering", "case": "Case", page: "Page" };

  var listId = input.id + "-suggestions";
  var list = document.createElement("ul");
  list.id = listId;
  list.className = "search-suggest";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", input.labels && input.labels[0] ? input.labels[0].textContent : "");
  list.hidden = true;
  input.parentNode.appendChild(list);

  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  status.setAttribute("aria-live", "polite");
  input.parentNode.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listId);

  var items = [];
  var active = -1;
  var timer = null;
  var controller = null;

  function close() {
    list.hidden = true;
    list.textContent = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function setActive(index) {
    if (!items.length) {
      return;
    }
    active = (index + items.length) % items.length;
    items.forEach(function (item, i) {
      item.el.setAttribute("aria-selected", i === active ? "true" : "false");
    });
    input.setAttribute("aria-activedescendant", items[active].el.id);
    items[active].el.scrollIntoView({ block: "nearest" });
  }

  function render(suggestions) {
    close();
    if (!suggestions.length) {
      status.textContent = words.none;
      return;
    }
    suggestions.forEach(function (s, i) {
      var li = document.createElement("li");
      li.id = listId + "-" + i;
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", "false");
      li.appendChild(document.createTextNode(s.title));
      var kind = document.createElement("span");
      kind.className = "search-suggest__kind";
      kind.textContent = words[s.kind] || "";
      li.appendChild(kind);
      li.addEventListener("mousedown", function (event) {
        event.preventDefault();  // keep focus in the field
        go(s.url);
      });
      list.appendChild(li);
      items.push({ el: li, url: s.url });
    });
    list.hidden = false;
    input.setAttribute("aria-expanded", "true");
    status.textContent = suggestions.length === 1 ? words.one : suggestions.length + words.many;
  }

  function go(url) {
    if (url && url.charAt(0) === "/" && url.charAt(1) !== "/") {
      window.location.assign(url);
    }
  }

  function fetchSuggestions() {
    var q = input.value.trim();
    if (q.length < 2) {
      close();
      return;
    }
    if (controller) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    fetch(endpoint + "?q=" + encodeURIComponent(q.slice(0, 200)), {
      headers: { Accept: "application/json" },
      credentials: "omit",
      signal: controller ? controller.signal : undefined
    })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) {
        if (input.value.trim() === q) {
          render(Array.isArray(data.suggestions) ? data.suggestions : []);
        }
      })
      .catch(function () { /* offline or aborted: the plain form still works */ });
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 200);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown") {
      if (items.length) {
        event.preventDefault();
        setActive(active + 1);
      }
    } else if (event.key === "ArrowUp") {
      if (items.length) {
        event.preventDefault();
        setActive(active - 1);
      }
    } else if (event.key === "Escape") {
      if (!list.hidden) {
        event.preventDefault();
        close();
      }
    } else if (event.key === "Enter") {
      if (active >= 0 && items[active]) {
        event.preventDefault();
        go(items[active].url);
      }
    }
  });

  input.addEventListener("blur", function () {
    window.setTimeout(close, 150);
  });
})();
