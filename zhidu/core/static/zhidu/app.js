// Small behaviours wired by data-* attributes (no framework; works on older Chromium-based browsers).
(function () {
  "use strict";
  // data-confirm="…" on a form: ask before an irreversible submit (e.g. closing a meeting).
  document.addEventListener("submit", function (event) {
    var message = event.target.getAttribute("data-confirm");
    if (message && !window.confirm(message)) event.preventDefault();
  });
  // data-set-all="present" on a button: tick that value in every radio group of its form.
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-set-all]");
    if (!button) return;
    var value = button.getAttribute("data-set-all");
    button.form.querySelectorAll('input[type=radio][value="' + value + '"]').forEach(function (radio) {
      radio.checked = true;
    });
  });
  // data-vote-method on the method select: show the per-member ballots for a named ballot and the
  // counts otherwise, so the clerk never types counts that would be recomputed.
  function syncVote() {
    var select = document.querySelector("[data-vote-method]");
    if (!select) return;
    var named = select.value === "named_ballot";
    document.querySelectorAll("[data-counts]").forEach(function (el) { el.hidden = named; });
    document.querySelectorAll("[data-ballot]").forEach(function (el) { el.hidden = !named; });
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches("[data-vote-method]")) syncVote();
  });
  document.addEventListener("DOMContentLoaded", syncVote);
  // data-print on a button: print the page (the Content-Security-Policy allows no inline handler).
  document.addEventListener("click", function (event) {
    if (event.target.closest("[data-print]")) window.print();
  });
  // data-menu on the main menu (a <details>, open in the page): closed on a phone, where its button
  // opens it; always open on a wider screen, where the button is hidden. Without script it stays open.
  var narrow = window.matchMedia("(max-width: 600px)");
  function syncMenu() {
    document.querySelectorAll("details[data-menu]").forEach(function (menu) { menu.open = !narrow.matches; });
  }
  document.addEventListener("DOMContentLoaded", syncMenu);
  if (narrow.addEventListener) narrow.addEventListener("change", syncMenu);
  else narrow.addListener(syncMenu); // Chromium before 80's MediaQueryList.addEventListener
  // data-autosubmit on a select: submit its form when the choice changes (the township switch).
  document.addEventListener("change", function (event) {
    if (event.target.matches("select[data-autosubmit]")) event.target.form.submit();
  });
})();
