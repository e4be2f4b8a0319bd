/* Mesh Studio event portal: filters the catalogue of index.html.
 *
 * The page lists every entry without this script; the script only hides rows. It reads the
 * entries (row id, kind, brokers, protocols, search text) from the JSON block
 * #catalogue-data, never builds markup from them (textContent only), and keeps the query in
 * the URL hash (index.html#q=orders&kind=topic) so a search can be linked and bookmarked.
 */
(function () {
  "use strict";

  var data = document.getElementById("catalogue-data");
  var form = document.getElementById("filters");
  if (!data || !form) { return; }

  var entries;
  try {
    entries = JSON.parse(data.textContent).entries || [];
  } catch (error) {
    return; /* without data the full list stays, as without JavaScript */
  }

  var controls = {
    q: document.getElementById("q"),
    kind: document.getElementById("kind"),
    broker: document.getElementById("broker"),
    protocol: document.getElementById("protocol")
  };
  var count = document.getElementById("result-count");
  var sections = Array.prototype.slice.call(document.querySelectorAll(".kind-section"));
  var rows = {};
  entries.forEach(function (entry) { rows[entry.row] = document.getElementById(entry.row); });

  function readHash() {
    var params = new URLSearchParams(window.location.hash.replace(/^#/, ""));
    Object.keys(controls).forEach(function (name) {
      var value = params.get(name) || "";
      var control = controls[name];
      if (control.tagName === "SELECT" &&
          !Array.prototype.some.call(control.options, function (o) { return o.value === value; })) {
        value = "";
      }
      control.value = value;
    });
  }

  function writeHash() {
    var params = new URLSearchParams();
    Object.keys(controls).forEach(function (name) {
      var value = controls[name].value.trim();
      if (value) { params.set(name, value); }
    });
    var hash = params.toString();
    var url = window.location.pathname + window.location.search + (hash ? "#" + hash : "");
    try {
      window.history.replaceState(null, "", url);
    } catch (error) {
      /* some browsers refuse history changes on file:// pages; filtering still works */
    }
  }

  function matches(entry, words, kind, broker, protocol) {
    if (kind && entry.kind !== kind) { return false; }
    if (broker && entry.brokers.indexOf(broker) < 0) { return false; }
    if (protocol && entry.protocols.indexOf(protocol) < 0) { return false; }
    return words.every(function (word) { return entry.text.indexOf(word) >= 0; });
  }

  function apply() {
    var query = controls.q.value.trim().toLowerCase();
    var words = query ? query.split(/\s+/) : [];
    var kind = controls.kind.value;
    var broker = controls.broker.value;
    var protocol = controls.protocol.value;
    var shown = 0;
    var perKind = {};
    entries.forEach(function (entry) {
      var visible = matches(entry, words, kind, broker, protocol);
      var row = rows[entry.row];
      if (row) { row.hidden = !visible; }
      if (visible) {
        shown += 1;
        perKind[entry.kind] = (perKind[entry.kind] || 0) + 1;
      }
    });
    sections.forEach(function (section) {
      section.hidden = !perKind[section.getAttribute("data-kind")];
    });
    var filtered = words.length || kind || broker || protocol;
    if (!filtered) {
      count.textContent = entries.length + " entries.";
    } else if (shown === 0) {
      count.textContent = "Nothing matches" + (query ? " \u201c" + query + "\u201d" : "") +
        ". Try fewer words or clear the filters.";
    } else {
      count.textContent = shown + " of " + entries.length + " entries match" +
        (query ? " \u201c" + query + "\u201d" : "") + ".";
    }
  }

  function update() {
    apply();
    writeHash();
  }

  form.hidden = false;
  form.addEventListener("submit", function (event) { event.preventDefault(); });
  form.addEventListener("reset", function () { window.setTimeout(update, 0); });
  controls.q.addEventListener("input", update);
  ["kind", "broker", "protocol"].forEach(function (name) {
    controls[name].addEventListener("change", update);
  });
  window.addEventListener("hashchange", function () { readHash(); apply(); });
  /* "/" jumps to the search box, as on many catalogue sites */
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    var typing = target && (target.tagName === "INPUT" || target.tagName === "SELECT" ||
                            target.tagName === "TEXTAREA" || target.isContentEditable);
    if (event.key === "/" && !typing && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      controls.q.focus();
    }
  });

  readHash();
  apply();
  /* a linked search (index.html#q=orders) opens with the diagram folded, so its results
     are on the first screen without scrolling (which also keeps it screenshot-able) */
  var fold = document.getElementById("diagram-fold");
  if (fold && window.location.hash.indexOf("=") >= 0) {
    fold.open = false;
  }
}());
