/* Puts today's date into the references of the cite box and of the section buttons, in
   the page's language, so that what is copied says when the page was consulted. Material's
   clipboard integration does the copying ([data-clipboard-target], [data-clipboard-text]). */
(function () {
  "use strict";

  function today() {
    var lang = document.documentElement.lang === "nl" ? "nl-BE" : "fr-BE";
    return new Date().toLocaleDateString(lang, { day: "numeric", month: "long", year: "numeric" });
  }

  function fillDates() {
    var date = today();
    document.querySelectorAll(".cite-date").forEach(function (span) {
      span.textContent = date;
    });
    document.querySelectorAll("button.cite-section[data-cite-reference]").forEach(function (button) {
      button.setAttribute(
        "data-clipboard-text",
        button.getAttribute("data-cite-reference").replace("{date}", date)
      );
    });
  }

  fillDates();
  // A page left open overnight still copies the right date.
  document.addEventListener("pointerdown", fillDates, true);
  document.addEventListener("keydown", fillDates, true);
})();
