// Progressive enhancement only: every page works without this script.
(function () {
  "use strict";
  // A checkbox with data-reveal="ID" shows the element ID while checked (e.g. the
  // written justification a Pasal 84 data element needs).
  function sync(box) {
    var target = document.getElementById(box.getAttribute("data-reveal"));
    if (target) { target.hidden = !box.checked; }
  }
  document.addEventListener("change", function (e) {
    if (e.target.matches && e.target.matches("input[data-reveal]")) { sync(e.target); }
  });
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-reveal]").forEach(sync);
    // Buttons with data-confirm ask before submitting an irreversible action.
    document.querySelectorAll("[data-confirm]").forEach(function (el) {
      el.addEventListener("click", function (e) {
        if (!window.confirm(el.getAttribute("data-confirm"))) { e.preventDefault(); }
      });
    });
  });
})();
// A refused form's error summary takes the focus, so it is read first; its links
// move the focus to the field they name.
document.addEventListener("DOMContentLoaded", function () {
  var sum = document.querySelector("[data-error-summary]");
  if (sum) { sum.focus(); }
});
// On a phone the navigation folds behind the "Menu" button (without the script
// it simply stays open).
(function () {
  "use strict";
  document.documentElement.classList.add("js");
  document.addEventListener("click", function (e) {
    var b = e.target.closest && e.target.closest(".menu-toggle");
    if (!b) { return; }
    var open = b.getAttribute("aria-expanded") !== "true";
    b.setAttribute("aria-expanded", open ? "true" : "false");
    document.querySelector(".top").classList.toggle("menu-open", open);
  });
})();
// The PKS editor opens one pasal at a time; a link to a field inside a closed
// pasal (the error summary's) opens it first.
(function () {
  "use strict";
  document.addEventListener("toggle", function (e) {
    var d = e.target;
    if (!d.matches || !d.matches("details.pasal") || !d.open) { return; }
    var set = d.parentElement.querySelectorAll("details.pasal[open]");
    set.forEach(function (o) { if (o !== d) { o.open = false; } });
  }, true);
  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var el = id && document.getElementById(id);
    for (var d = el && el.closest("details"); d; d = d.parentElement.closest("details")) { d.open = true; }
    if (el) { el.focus(); }
  }
  window.addEventListener("hashchange", openTarget);
  document.addEventListener("DOMContentLoaded", function () { if (location.hash) { openTarget(); } });
})();
