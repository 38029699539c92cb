// Finds elements as a person does, for engines driven over WebDriver
// (harness/ui/webdriver_backend.py) and for Playwright's engines set to
// « lookup: dom » (browsers.yaml: Firefox, where each element handle of a
// Playwright locator costs ≈ 100 ms over WebDriver BiDi; prepare() below,
// then the real keyboard and mouse). It mirrors what Playwright's
// get_by_label / get_by_role / get_by_text(exact=True) do on the other
// engines, so that one page object behaves alike everywhere:
//   - texts are compared exactly after white space is folded;
//   - label: <label for> or a <label> around the control, aria-labelledby,
//     aria-label;
//   - role: explicit role="…" or the element's implicit role, and its
//     accessible name (aria-labelledby, aria-label, labels, value, alt,
//     content, title — a subset of the W3C accname computation);
//   - text: the innermost elements whose text is exactly the text.
// Runs in the page under test, which here is always a modern WebKit.
var harness = (function () {
  "use strict";

  function fold(s) {
    return (s || "").replace(/\u200b/g, "").replace(/\s+/g, " ").trim();
  }

  function isVisible(el) {
    if (!el.isConnected) return false;
    if (getComputedStyle(el).visibility !== "visible") return false;
    var box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  }

  function isAriaHidden(el) {
    for (var e = el; e; e = e.parentElement) {
      if (e.getAttribute("aria-hidden") === "true" || e.hidden) return true;
    }
    return false;
  }

  function type(el) {
    return (el.getAttribute("type") || "").toLowerCase();
  }

  var BUTTON_INPUTS = ["submit", "button", "reset", "image"];
  var TEXT_INPUTS = ["", "text", "email", "tel", "url", "password"];
  var ROLE_BY_TAG = {
    button: "button", textarea: "textbox", option: "option", nav: "navigation",
    main: "main", form: "form", table: "table", ul: "list", ol: "list",
    li: "listitem", dialog: "dialog", h1: "heading", h2: "heading",
    h3: "heading", h4: "heading", h5: "heading", h6: "heading"
  };

  function roleOf(el) {
    var explicit = fold(el.getAttribute("role"));
    if (explicit) return explicit.split(" ")[0];
    var tag = el.localName;
    if (tag === "a" || tag === "area") return el.hasAttribute("href") ? "link" : null;
    if (tag === "img") return el.getAttribute("alt") === "" ? "presentation" : "img";
    if (tag === "select") return el.multiple || el.size > 1 ? "listbox" : "combobox";
    if (tag === "input") {
      var t = type(el);
      if (BUTTON_INPUTS.indexOf(t) >= 0) return "button";
      if (t === "checkbox" || t === "radio") return t;
      if (t === "number") return "spinbutton";
      if (t === "range") return "slider";
      if (t === "search") return el.hasAttribute("list") ? "combobox" : "searchbox";
      if (TEXT_INPUTS.indexOf(t) >= 0) return el.hasAttribute("list") ? "combobox" : "textbox";
      return null;
    }
    return ROLE_BY_TAG[tag] || null;
  }

  var NAME_FROM_CONTENT = ["button", "link", "heading", "checkbox", "radio",
    "option", "cell", "columnheader", "rowheader", "tab", "menuitem",
    "menuitemcheckbox", "menuitemradio", "switch", "tooltip", "treeitem"];
  var NO_TEXT = ["script", "style", "template", "noscript"];

  // The text an element gives to a name or a label: its content, with the
  // alt of images and the aria-label of children, without hidden parts and
  // without the labelled control itself.
  function textOf(node, skip) {
    if (node.nodeType === 3) return node.data;
    if (node.nodeType !== 1 || node === skip) return "";
    var tag = node.localName;
    if (NO_TEXT.indexOf(tag) >= 0) return "";
    if (getComputedStyle(node).display === "none" || node.getAttribute("aria-hidden") === "true") return "";
    if (tag === "input" || tag === "select" || tag === "textarea") return "";
    var aria = fold(node.getAttribute("aria-label"));
    if (aria) return " " + aria + " ";
    if (tag === "img") return " " + (node.getAttribute("alt") || "") + " ";
    var text = "";
    for (var c = node.firstChild; c; c = c.nextSibling) text += textOf(c, skip);
    var inline = getComputedStyle(node).display.indexOf("inline") === 0;
    return inline ? text : " " + text + " ";
  }

  function byIds(ids) {
    return fold(ids).split(" ").map(function (id) {
      var e = document.getElementById(id);
      return e ? textOf(e) : "";
    }).join(" ");
  }

  function nameOf(el) {
    var named = fold(byIds(el.getAttribute("aria-labelledby")));
    if (named) return named;
    named = fold(el.getAttribute("aria-label"));
    if (named) return named;
    var tag = el.localName, t = type(el);
    if (tag === "input" && (t === "submit" || t === "reset" || t === "button")) {
      return fold(el.value || { submit: "Submit", reset: "Reset" }[t]);
    }
    if (tag === "img" || tag === "area" || (tag === "input" && t === "image")) {
      named = fold(el.getAttribute("alt"));
      if (named) return named;
    }
    if (el.labels && el.labels.length) {
      named = fold(Array.prototype.map.call(el.labels, function (l) { return textOf(l, el); }).join(" "));
      if (named) return named;
    }
    if (NAME_FROM_CONTENT.indexOf(roleOf(el)) >= 0) {
      named = fold(textOf(el));
      if (named) return named;
    }
    return fold(el.getAttribute("title") || el.getAttribute("placeholder"));
  }

  function labelsOf(el) {
    var found = [];
    if (el.labels) {
      Array.prototype.forEach.call(el.labels, function (l) { found.push(fold(textOf(l, el))); });
    }
    if (el.hasAttribute("aria-labelledby")) found.push(fold(byIds(el.getAttribute("aria-labelledby"))));
    if (el.hasAttribute("aria-label")) found.push(fold(el.getAttribute("aria-label")));
    return found;
  }

  function all() {
    return Array.prototype.slice.call(document.querySelectorAll("body *"));
  }

  function byLabel(label) {
    return all().filter(function (el) { return labelsOf(el).indexOf(label) >= 0; });
  }

  function byRole(role, name) {
    return all().filter(function (el) {
      return roleOf(el) === role && !isAriaHidden(el) && (name === null || nameOf(el) === name);
    });
  }

  function ownText(el) {
    if (el.localName === "input" && BUTTON_INPUTS.indexOf(type(el)) >= 0) return fold(el.value);
    return fold(el.textContent);
  }

  function byText(text) {
    var matches = all().filter(function (el) {
      return NO_TEXT.indexOf(el.localName) < 0 && ownText(el) === text;
    });
    return matches.filter(function (el) {
      return !matches.some(function (other) { return other !== el && el.contains(other); });
    });
  }

  // locator: {label, role, name, text} as in harness/ui/base.py.
  // Returns {element: the first visible match or null, hidden: how many
  // matches are not visible}.
  function find(locator) {
    var matches;
    if (locator.label != null) matches = byLabel(fold(locator.label));
    else if (locator.role != null) matches = byRole(locator.role, locator.name == null ? null : fold(locator.name));
    else matches = byText(fold(locator.text));
    var visible = matches.filter(isVisible);
    return { element: visible[0] || null, hidden: matches.length - visible.length };
  }

  function isEditable(el) {
    return !el.matches(":disabled") && !el.readOnly && el.getAttribute("aria-readonly") !== "true";
  }

  // Input types a person does not type into: Playwright's fill sets their
  // value and fires input and change; so does prepare("saisir").
  var SET_VALUE_INPUTS = ["date", "time", "datetime-local", "month", "week", "color", "range"];

  function read(el, what) {
    if (what === "value") return el.value;
    if (what === "text") return el.innerText;
    if (what === "options") return Array.prototype.map.call(el.options || [], function (o) { return o.text; });
    if (what === "editable") return isEditable(el);
    if (what === "checked") return !!el.checked;
    if (what && what.indexOf("attribute:") === 0) return el.getAttribute(what.slice(10));
    return true;
  }

  // For a backend that finds elements here and acts with the real keyboard
  // and mouse (Playwright's « lookup: dom », Firefox over WebDriver BiDi):
  // the element found and made ready for the action, in one call.
  //   "lire"     {etat: "ok", valeur}: detail says what (read() above);
  //   "saisir"   focused, its content selected (or, for a date…, detail set
  //              as its value): {etat: "ok"} or {etat: "fait"};
  //   "pointer"  scrolled into view, disabled or covered refused: {etat:
  //              "ok", x, y} the centre of its first box, in the viewport;
  //              detail true: the navigation watch installed (click);
  //   "choisir"  the <option> whose text is detail selected, input and
  //              change fired: {etat: "ok"}, or {etat: "sans_option", options}.
  // {etat: "absent", hidden} when no visible element matches, {etat:
  // "inutilisable", raison} when it cannot take the action yet.
  function prepare(locator, action, detail) {
    var found = find(locator), el = found.element;
    if (!el) return { etat: "absent", hidden: found.hidden };
    if (action === "lire") return { etat: "ok", valeur: read(el, detail) };
    if (action === "choisir") {
      if (el.matches(":disabled")) return { etat: "inutilisable", raison: "liste désactivée" };
      var texts = read(el, "options");
      var index = texts.map(fold).indexOf(fold(detail));
      if (index < 0) return { etat: "sans_option", options: texts };
      el.selectedIndex = index;
      el.dispatchEvent(new Event("input", { bubbles: true }));
      el.dispatchEvent(new Event("change", { bubbles: true }));
      return { etat: "ok" };
    }
    if (action === "saisir") {
      if (!isEditable(el)) return { etat: "inutilisable", raison: "champ non modifiable" };
      if (el.localName === "input" && SET_VALUE_INPUTS.indexOf(type(el)) >= 0) {
        el.focus();
        el.value = detail;
        el.dispatchEvent(new Event("input", { bubbles: true }));
        el.dispatchEvent(new Event("change", { bubbles: true }));
        return { etat: "fait" };
      }
      el.focus();
      if (document.activeElement !== el) return { etat: "inutilisable", raison: "ne prend pas le focus" };
      if (typeof el.select === "function") el.select();
      else window.getSelection().selectAllChildren(el);
      return { etat: "ok" };
    }
    if (el.matches(":disabled")) return { etat: "inutilisable", raison: "désactivé" };
    el.scrollIntoView({ block: "center", inline: "center" });
    var box = el.getClientRects()[0];
    var x = box.left + box.width / 2, y = box.top + box.height / 2;
    var there = document.elementFromPoint(x, y);
    if (!there || (there !== el && !el.contains(there) && !(el.labels && Array.prototype.some.call(
        el.labels, function (l) { return l === there || l.contains(there); })))) {
      return { etat: "inutilisable", raison: "recouvert par <" + (there ? there.localName : "rien") + ">" };
    }
    if (detail) watchNavigation();
    return { etat: "ok", x: x, y: y };
  }

  // click(): Playwright waits for the navigation a click starts; a click
  // made with the mouse or over WebDriver returns at once while the old
  // page stays on screen until the server answers, so the next step would
  // read the old page. The page notes the form submissions and link
  // clicks (not prevented) it sees; navigationState() then says 'pending'
  // while the old page waits for its successor, 'loading' / 'done' for the
  // new document (no watch on it).
  function watchNavigation() {
    if (window.__harnessNavigation) return;
    var watch = window.__harnessNavigation = { event: null };
    window.addEventListener("submit", function (e) {
      // a form sent into another window (target) leaves this page as it is
      var target = e.target.getAttribute("target");
      if (!target || target === "_self") watch.event = e;
    }, true);
    window.addEventListener("click", function (e) {
      var link = e.target.closest && e.target.closest("a[href]");
      if (link && link.getAttribute("href").indexOf("#") !== 0
          && (!link.target || link.target === "_self")) watch.event = e;
    }, true);
  }

  function navigationState() {
    var watch = window.__harnessNavigation;
    if (!watch) return document.readyState === "complete" ? "done" : "loading";
    return watch.event && !watch.event.defaultPrevented ? "pending" : "done";
  }

  return { find: find, isVisible: isVisible, isEditable: isEditable, fold: fold, prepare: prepare,
           watchNavigation: watchNavigation, navigationState: navigationState };
})();
