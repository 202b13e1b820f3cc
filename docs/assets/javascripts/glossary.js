/* The definition of a glossary term, as a tooltip, on hover, keyboard focus and tap
   (scripts/hooks/glossary.py marks the terms). One set of listeners on the document and one
   tooltip, made the first time it is needed: the cost does not grow with the number of
   terms on a page. Screen readers read the definition through the term's
   aria-describedby (a hidden element at the end of the text), so the tooltip itself is
   only seen. WCAG 1.4.13: the pointer can move onto the tooltip, it stays until the term
   loses hover or focus, and Escape hides it. */
(function () {
  "use strict";

  var TERM = ".glossary-term[aria-describedby]";
  var MARGIN = 8; // px kept free between the tooltip and the edges of the screen
  var tip = null;
  var shown = null; // the term whose definition is shown
  var timer = 0;

  function termOf(node) {
    return node && node.closest ? node.closest(TERM) : null;
  }

  function inTip(node) {
    return tip !== null && node instanceof Node && tip.contains(node);
  }

  function tooltip() {
    if (tip === null) {
      tip = document.createElement("div");
      tip.className = "glossary-tooltip";
      tip.setAttribute("role", "tooltip");
      tip.setAttribute("aria-hidden", "true"); // read already as the term's description
      tip.hidden = true;
      document.body.appendChild(tip);
    }
    return tip;
  }

  function show(term) {
    clearTimeout(timer);
    var source = document.getElementById(term.getAttribute("aria-describedby"));
    if (source === null) return;
    var box = tooltip();
    box.textContent = source.textContent; // text, never markup
    var marked = source.closest("[lang]");
    box.lang = marked ? marked.lang : "";
    box.hidden = false;
    box.style.left = "0px";
    box.style.top = "0px";
    // Under the term (above it when there is no room below), inside the screen's width.
    var rects = term.getClientRects();
    var rect = rects.length ? rects[0] : term.getBoundingClientRect();
    var width = box.offsetWidth;
    var height = box.offsetHeight;
    var screenWidth = document.documentElement.clientWidth;
    var left = Math.max(MARGIN, Math.min(rect.left + rect.width / 2 - width / 2, screenWidth - width - MARGIN));
    var top = rect.bottom + 6;
    if (top + height > window.innerHeight - MARGIN && rect.top - height - 6 >= MARGIN) {
      top = rect.top - height - 6;
    }
    var origin = box.getBoundingClientRect(); // where left: 0, top: 0 put it
    box.style.left = left - origin.left + "px";
    box.style.top = top - origin.top + "px";
    shown = term;
  }

  function hide() {
    clearTimeout(timer);
    if (tip !== null) tip.hidden = true;
    shown = null;
  }

  // Leaving a term: a moment to reach the tooltip; then the focused term's, if any, again.
  function hideSoon() {
    clearTimeout(timer);
    timer = setTimeout(function () {
      var focused = termOf(document.activeElement);
      if (focused) show(focused); else hide();
    }, 300);
  }

  document.addEventListener("mouseover", function (event) {
    var term = termOf(event.target);
    if (term) {
      if (term !== shown) show(term); else clearTimeout(timer);
    } else if (inTip(event.target)) {
      clearTimeout(timer);
    }
  });

  document.addEventListener("mouseout", function (event) {
    var from = termOf(event.target) || (inTip(event.target) ? tip : null);
    if (from && shown && !from.contains(event.relatedTarget) && !inTip(event.relatedTarget)) hideSoon();
  });

  document.addEventListener("focusin", function (event) {
    var term = termOf(event.target);
    if (term) show(term); else if (shown) hide();
  });

  document.addEventListener("focusout", function (event) {
    if (termOf(event.target) === shown) hide();
  });

  // A tap (or a click) on a term shows its definition; anywhere else, on the tooltip too
  // (it may cover the next line on a phone), hides it.
  document.addEventListener("click", function (event) {
    var term = termOf(event.target);
    if (term) show(term); else if (shown) hide();
  });

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && shown) hide();
  });
})();
