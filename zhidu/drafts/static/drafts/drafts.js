// Drafts (issue 11, "never lose what was typed"): a form marked data-draft="<key>" keeps what is typed
// on the server (zhidu.drafts), per user and record, and gets it back on reload, on the back button
// and after the log-in that follows an expired session. Sending the form names its draft in the
// hidden field zhidu_draft: the server forgets it when the form is accepted (zhidu.drafts.middleware).
// No framework and no arrow functions: it runs on the older Chromium of township offices.
(function () {
  "use strict";
  var DELAY = 800; // ms after the last keystroke
  // Never kept: secrets, one-time codes, files, and the hidden fields (the meeting's version, the
  // CSRF token) that belong to the page as rendered, not to what was typed.
  var SECRET = /password|passwd|totp|otp|secret|token|csrf/i;
  var SKIPPED = { password: 1, file: 1, hidden: 1, submit: 1, button: 1, reset: 1, image: 1 };
  var body = document.body;
  var url = body && body.getAttribute("data-drafts-url");
  if (!url) return; // not logged in: nothing is kept

  function csrf(form) {
    var input = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (input) return input.value;
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function kept(el) {
    if (!el.name || el.disabled || SKIPPED[el.type] || SECRET.test(el.name)) return false;
    if (el.getAttribute("autocomplete") === "one-time-code") return false;
    return !el.closest("[data-draft-skip]");
  }

  function fields(form) {
    return Array.prototype.filter.call(form.elements, kept);
  }

  // {name: value, or [values] for checkboxes and multiple selects}
  function collect(form) {
    var data = {};
    fields(form).forEach(function (el) {
      if (el.type === "checkbox") {
        if (!data[el.name]) data[el.name] = [];
        if (el.checked) data[el.name].push(el.value);
      } else if (el.type === "radio") {
        if (!(el.name in data)) data[el.name] = "";
        if (el.checked) data[el.name] = el.value;
      } else if (el.type === "select-multiple") {
        data[el.name] = Array.prototype.filter.call(el.options, function (o) { return o.selected; })
          .map(function (o) { return o.value; });
      } else {
        data[el.name] = el.value;
      }
    });
    return data;
  }

  function apply(form, data) {
    fields(form).forEach(function (el) {
      if (!(el.name in data)) return;
      var value = data[el.name];
      if (el.type === "checkbox") {
        el.checked = Array.isArray(value) && value.indexOf(el.value) >= 0;
      } else if (el.type === "radio") {
        el.checked = el.value === value;
      } else if (el.type === "select-multiple") {
        Array.prototype.forEach.call(el.options, function (o) {
          o.selected = Array.isArray(value) && value.indexOf(o.value) >= 0;
        });
      } else if (typeof value === "string") {
        el.value = value;
      }
    });
    // Let the page's own behaviours (the vote method's counts or ballots) follow the restored values.
    fields(form).forEach(function (el) {
      if (el.tagName === "SELECT" && !el.matches("[data-autosubmit]")) el.dispatchEvent(new Event("change", { bubbles: true }));
    });
  }

  function same(a, b) {
    return JSON.stringify(a) === JSON.stringify(b);
  }

  function post(path, form, params) {
    var data = new URLSearchParams(params);
    return fetch(path, {
      method: "POST",
      credentials: "same-origin",
      redirect: "manual", // an expired session answers with the log-in page: not a saved draft
      headers: { "X-CSRFToken": csrf(form), "Content-Type": "application/x-www-form-urlencoded" },
      body: data.toString(),
    });
  }

  function notice(form, key, saved) {
    var old = form.querySelector('[data-draft-notice="' + key + '"]');
    if (old) old.remove();
    var p = document.createElement("p");
    p.className = "notice draft-notice";
    p.setAttribute("role", "status");
    p.setAttribute("data-draft-notice", key);
    p.appendChild(document.createTextNode(body.getAttribute("data-draft-restored") + "（" + saved + "）· "));
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "link";
    discard.textContent = body.getAttribute("data-draft-discard");
    discard.addEventListener("click", function () {
      form.zhiduDraftOff = true;
      post(url + "discard/", form, { key: key }).then(function () { window.location.reload(); });
    });
    p.appendChild(discard);
    form.insertBefore(p, form.firstChild); // inside the form: the page's layout stays as it is
  }

  function wire(form) {
    var key = form.getAttribute("data-draft");
    var timer = null;
    var inFlight = null;
    var last = collect(form); // as rendered: nothing typed yet
    var rendered = last;

    function save() {
      timer = null;
      if (form.zhiduDraftOff) return;
      var data = collect(form);
      if (same(data, last)) return;
      var sending = post(url, form, { key: key, typed: JSON.stringify(data) })
        .then(function (response) {
          if (response.ok) last = data;
        })
        .catch(function () {}) // offline: the next keystroke tries again
        .then(function () { if (inFlight === sending) inFlight = null; });
      inFlight = sending;
    }

    function later() {
      if (timer) clearTimeout(timer);
      timer = setTimeout(save, DELAY);
    }
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    // Buttons that set fields from a script ("everyone present") fire neither event.
    form.addEventListener("click", later);

    form.addEventListener("submit", function (event) {
      if (event.defaultPrevented) return; // e.g. a data-confirm answered "no"
      if (timer) { clearTimeout(timer); timer = null; }
      // A save still on its way could arrive after the sent form and bring the draft back: send
      // the form once it has arrived.
      if (inFlight) {
        event.preventDefault();
        var submitter = event.submitter || null;
        inFlight.then(function () {
          inFlight = null;
          if (form.requestSubmit) form.requestSubmit(submitter); else form.submit();
        });
        return;
      }
      var marker = form.querySelector("input[name=zhidu_draft]");
      if (!marker) {
        marker = document.createElement("input");
        marker.type = "hidden";
        marker.name = "zhidu_draft";
        form.appendChild(marker);
      }
      marker.value = key;
    });

    fetch(url + "?key=" + encodeURIComponent(key), { credentials: "same-origin", redirect: "manual" })
      .then(function (response) { return response.ok ? response.json() : { draft: null }; })
      .then(function (answer) {
        var draft = answer.draft;
        // Typed already while the draft was on its way: what is on the screen wins.
        if (!draft || same(draft.data, rendered) || !same(collect(form), rendered)) return;
        apply(form, draft.data);
        last = collect(form);
        notice(form, key, draft.saved);
      })
      .catch(function () {});
  }

  function start() {
    document.querySelectorAll("form[data-draft]").forEach(wire);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
