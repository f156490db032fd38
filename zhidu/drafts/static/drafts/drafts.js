// Drafts (issue 11, "never lose what was typed"): a form marked data-draft="<key>" keeps what is typed
// on the server (zhidu.drafts), per user and record, and gets it back on reload, on the back button
// and after the log-in that follows an expired session. Sending the form names its draft in the
// hidden field zhidu_draft: the server forgets it when the form is accepted (zhidu.drafts.middleware).
// When the server cannot keep it (the session has expired: the save answers with the log-in page, a
// 401 or a 403; or the network is down), the browser keeps it in localStorage, per user, page and
// form, with the same fields left out; once the user is back (logged in again), it is restored, sent
// to the server and forgotten here. A form sent to an expired session keeps it too.
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
  var LOCAL = "zhidu-draft:"; // localStorage: LOCAL + user + ":" + path + ":" + form key
  var SENT = "zhidu-draft-sent"; // sessionStorage: the local draft of a form being sent
  var KEEP_DAYS = 14; // a local draft older than this is forgotten
  if (!url) {
    // Not logged in. A form sent just now met an expired session (the log-in page answered it):
    // what it held is kept in this browser until the user is back.
    var sent = storage("sessionStorage");
    var pending = sent && sent.getItem(SENT);
    if (pending) {
      sent.removeItem(SENT);
      try {
        var parked = JSON.parse(pending);
        storage("localStorage").setItem(parked.name, JSON.stringify(parked.entry));
      } catch (e) {}
    }
    return;
  }
  var user = body.getAttribute("data-drafts-user") || "";

  function storage(kind) {
    try { return window[kind]; } catch (e) { return null; } // storage switched off
  }

  function localName(key) {
    return LOCAL + user + ":" + window.location.pathname + ":" + key;
  }

  function keepLocally(key, data) {
    var store = storage("localStorage");
    if (!store) return;
    try { store.setItem(localName(key), JSON.stringify({ data: data, at: Date.now() })); } catch (e) {}
  }

  function localDraft(key) {
    var store = storage("localStorage");
    var raw = store && store.getItem(localName(key));
    if (!raw) return null;
    try {
      var entry = JSON.parse(raw);
      if (entry && entry.data && Date.now() - entry.at < KEEP_DAYS * 86400000) return entry;
    } catch (e) {}
    store.removeItem(localName(key));
    return null;
  }

  function forgetLocally(key) {
    var store = storage("localStorage");
    if (store) store.removeItem(localName(key));
  }

  // The session is gone (the log-in page, 401, 403), or nothing answered: the server kept nothing.
  function refused(response) {
    return response.type === "opaqueredirect" || response.status === 401 || response.status === 403 ||
      response.redirected;
  }

  // The previous page was sent with a local draft and the server answered (logged in): accepted,
  // or refused with the typed values shown again; either way the local copy has done its work.
  (function () {
    var sent = storage("sessionStorage");
    var pending = sent && sent.getItem(SENT);
    if (!pending) return;
    sent.removeItem(SENT);
    try {
      var store = storage("localStorage");
      if (store) store.removeItem(JSON.parse(pending).name);
    } catch (e) {}
  })();

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

  function localNotice(form, key) {
    if (form.querySelector('[data-draft-local="' + key + '"]')) return;
    var p = document.createElement("p");
    p.className = "notice draft-notice";
    p.setAttribute("role", "status");
    p.setAttribute("data-draft-local", key);
    p.textContent = body.getAttribute("data-draft-local");
    form.insertBefore(p, form.firstChild);
  }

  function clearLocalNotice(form, key) {
    var old = form.querySelector('[data-draft-local="' + key + '"]');
    if (old) old.remove();
  }

  function notice(form, key, saved) {
    var old = form.querySelector('[data-draft-notice="' + key + '"]');
    if (old) old.remove();
    var p = document.createElement("p");
    p.className = "notice draft-notice";
    p.setAttribute("role", "status");
    p.setAttribute("data-draft-notice", key);
    p.appendChild(document.createTextNode(body.getAttribute("data-draft-restored") + (saved ? "（" + saved + "）" : "") + " · "));
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "link";
    discard.textContent = body.getAttribute("data-draft-discard");
    discard.addEventListener("click", function () {
      form.zhiduDraftOff = true;
      forgetLocally(key);
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
          if (response.ok) {
            last = data;
            forgetLocally(key);
            clearLocalNotice(form, key);
          } else if (refused(response)) {
            keepLocally(key, data); // the session has expired: kept here until the user is back
            localNotice(form, key);
          }
        })
        .catch(function () { keepLocally(key, data); }) // offline: kept here; the next keystroke tries again
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
      // What is sent is parked for the next page: the log-in page (the session had expired) keeps
      // it in this browser; any page of a logged-in user drops it (see the top).
      var sent = storage("sessionStorage");
      if (sent) {
        var entry = { data: collect(form), at: Date.now() };
        try { sent.setItem(SENT, JSON.stringify({ name: localName(key), entry: entry })); } catch (e) {}
      }
    });

    // Typed after the session had expired (kept in this browser): back on the screen, then to the
    // server, then forgotten here.
    function restoreLocal(serverDraft) {
      var local = localDraft(key);
      if (!local) return false;
      if (serverDraft && Date.parse(serverDraft.saved_at) > local.at) {
        forgetLocally(key); // the server has a newer one (typed elsewhere since)
        return false;
      }
      if (!same(collect(form), rendered)) return false; // typed already: the screen wins
      apply(form, local.data);
      notice(form, key, "");
      var data = collect(form);
      post(url, form, { key: key, typed: JSON.stringify(data) })
        .then(function (response) {
          if (response.ok) { last = data; forgetLocally(key); }
        })
        .catch(function () {});
      return true;
    }

    fetch(url + "?key=" + encodeURIComponent(key), { credentials: "same-origin", redirect: "manual" })
      .then(function (response) { return response.ok ? response.json() : { draft: null }; })
      .then(function (answer) {
        var draft = answer.draft;
        if (restoreLocal(draft)) return;
        // Typed already while the draft was on its way: what is on the screen wins.
        if (!draft || same(draft.data, rendered) || !same(collect(form), rendered)) return;
        apply(form, draft.data);
        last = collect(form);
        notice(form, key, draft.saved);
      })
      .catch(function () { restoreLocal(null); });
  }

  function start() {
    document.querySelectorAll("form[data-draft]").forEach(wire);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
