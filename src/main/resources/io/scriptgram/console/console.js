// Scriptgram console: a little progressive JavaScript over server-rendered pages (no build, no CDN).
(function () {
  "use strict";
  var csrfMeta = document.querySelector('meta[name="csrf"]');
  var csrf = csrfMeta ? csrfMeta.content : "";

  // Live sections: <div data-refresh="/scripts?fragment=1"> is replaced every second with what the server renders.
  document.querySelectorAll("[data-refresh]").forEach(function (el) {
    var url = el.getAttribute("data-refresh");
    setInterval(function () {
      fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "console" } })
        .then(function (r) { return r.ok ? r.text() : null; })
        .then(function (html) {
          if (html === null || html === el.innerHTML) return;
          el.innerHTML = html;
          // a section whose job is over (a QR login that moved on) sends the browser to the next page
          var next = el.querySelector("[data-reload]");
          if (next) location.assign(next.getAttribute("data-reload"));
        })
        .catch(function () {});
    }, 1000);
  });

  // Buttons in live sections post with fetch so the page stays where it is.
  document.addEventListener("submit", function (ev) {
    var f = ev.target;
    if (!f.closest("[data-refresh]") || f.method.toLowerCase() !== "post") return;
    ev.preventDefault();
    fetch(f.action, { method: "POST", credentials: "same-origin", body: new URLSearchParams(new FormData(f)),
                      headers: { "X-CSRF-Token": csrf } });
  });

  // Live log: server-sent events, filtered by script and level, paused, searched.
  var log = document.getElementById("log");
  if (log) {
    var paused = false, held = [];
    var script = document.getElementById("log-script"), level = document.getElementById("log-level");
    var search = document.getElementById("log-search"), pause = document.getElementById("log-pause");
    var rank = { debug: 0, info: 1, warn: 2, error: 3 };
    function visible(d) {
      if (script.value && d.script !== script.value) return false;
      if (rank[d.level] < rank[level.value]) return false;
      var q = search.value.toLowerCase();
      return !q || (d.logger + " " + d.message).toLowerCase().indexOf(q) >= 0;
    }
    function show(d) {
      var line = document.createElement("div");
      line.className = "line l-" + d.level;
      line.dataset.script = d.script; line.dataset.level = d.level;
      line.textContent = d.at.substring(11, 19) + " " + d.level.toUpperCase() + " " + d.logger + ": " + d.message;
      line._d = d;
      line.hidden = !visible(d);
      log.appendChild(line);
      while (log.childNodes.length > 2000) log.removeChild(log.firstChild);
      if (!line.hidden) log.scrollTop = log.scrollHeight;
    }
    function refilter() { log.childNodes.forEach(function (n) { if (n._d) n.hidden = !visible(n._d); }); }
    [script, level, search].forEach(function (el) { el.addEventListener("input", refilter); });
    pause.addEventListener("click", function () {
      paused = !paused;
      pause.textContent = paused ? "Resume" : "Pause";
      if (!paused) { held.forEach(show); held = []; }
    });
    var es = new EventSource("/logs/stream");
    es.onmessage = function (m) {
      var d = JSON.parse(m.data);
      if (paused) held.push(d); else show(d);
    };
  }

  // Reference search: suggestions while typing (live console), or the index filtered in place (static site).
  var box = document.getElementById("ref-search");
  if (box) {
    var hits = document.getElementById("ref-hits"), names = null;
    var q0 = new URLSearchParams(location.search).get("q");
    function filterIndex(q) {
      document.querySelectorAll("ul.columns li").forEach(function (li) {
        li.hidden = q && li.textContent.toLowerCase().indexOf(q) < 0;
      });
    }
    if (location.protocol === "file:") {
      if (q0) { box.value = q0; filterIndex(q0.toLowerCase()); }
      box.addEventListener("input", function () { filterIndex(box.value.toLowerCase()); });
    } else {
      box.addEventListener("input", function () {
        var q = box.value.toLowerCase();
        function render() {
          hits.innerHTML = "";
          if (q.length < 2) return;
          names.filter(function (n) { return n[0].toLowerCase().indexOf(q) >= 0; }).slice(0, 15).forEach(function (n) {
            var li = document.createElement("li"), a = document.createElement("a");
            a.href = box.dataset.link + n[0] + box.dataset.suffix; a.textContent = n[0];
            li.appendChild(a); hits.appendChild(li);
          });
        }
        if (names) render();
        else fetch(box.dataset.names, { credentials: "same-origin" }).then(function (r) { return r.json(); })
          .then(function (j) { names = j; render(); }).catch(function () {});
      });
    }
  }
})();
