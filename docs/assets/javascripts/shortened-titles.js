/* Material gives a title that its menu or header shortens ("…") a tooltip made of the
   title's text, and puts tooltips into the page as HTML: a title that reads
   `<img src=x onerror=…>` would become an image that runs code. The text is escaped when
   Material sets it. Added by scripts/hooks/safe_text.py only to pages where a shortened
   title holds a `<`. Runs before Material's own code, which waits for the page to load. */
(function () {
  "use strict";

  function escaped(text) {
    var holder = document.createElement("div");
    holder.textContent = text;
    return holder.innerHTML;
  }

  document.querySelectorAll(".md-ellipsis").forEach(function (span) {
    var element = span.closest("a") || span; // where Material puts the title
    Object.defineProperty(element, "title", {
      configurable: true,
      get: function () { return this.getAttribute("title") || ""; },
      set: function (text) { this.setAttribute("title", escaped(text)); }
    });
  });
})();
