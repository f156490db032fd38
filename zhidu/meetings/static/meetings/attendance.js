// The attendance form (meetings/record.html). data-all-present on a button: mark every member present
// except the rows that carry a registered absence (data-registered-absence: the member's own request,
// a reported leave, or an absence already saved), which "everyone present" must never overwrite.
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest("[data-all-present]");
    if (!button) return;
    button.form.querySelectorAll("tr[data-member]").forEach(function (row) {
      if (row.hasAttribute("data-registered-absence")) return;
      var radio = row.querySelector('input[type=radio][value="present"]');
      if (radio) radio.checked = true;
    });
    // Let the live rule check (and the draft) follow what the button ticked.
    button.form.dispatchEvent(new Event("change", { bubbles: true }));
  });
})();
