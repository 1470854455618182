/* The residents' offer page on a phone: a list/map switch and "use my location".
 *
 * Without JavaScript the page still works: the switch links jump to the list or
 * the map, and the postcode box sorts by distance.  The location is put into
 * the search form (near=lat,lon) and sent with it; it is not stored.
 */
(function () {
  "use strict";

  var results = document.getElementById("results");
  var views = document.querySelectorAll(".view-switch [data-view]");

  function show(view) {
    if (!results) return;
    results.setAttribute("data-view", view);
    views.forEach(function (link) {
      link.setAttribute("aria-current", link.getAttribute("data-view") === view ? "true" : "false");
    });
    if (view === "map") {
      // Leaflet measures its box when shown: tell the map its size changed.
      window.dispatchEvent(new Event("resize"));
    }
  }

  views.forEach(function (link) {
    link.addEventListener("click", function (event) {
      event.preventDefault();
      show(link.getAttribute("data-view"));
      var heading = document.getElementById(link.getAttribute("href").slice(1));
      if (heading) {
        heading.setAttribute("tabindex", "-1");
        heading.focus();
      }
    });
  });
  show("list");

  var more = document.querySelector(".more-filters");
  if (more && window.matchMedia && window.matchMedia("(min-width: 60rem)").matches) {
    more.open = true;
  }

  var locate = document.getElementById("locate");
  var near = document.getElementById("near");
  if (locate && near && navigator.geolocation) {
    locate.hidden = false;
    locate.addEventListener("click", function () {
      navigator.geolocation.getCurrentPosition(
        function (position) {
          near.value =
            position.coords.latitude.toFixed(4) + "," + position.coords.longitude.toFixed(4);
          near.disabled = false;
          var postcode = document.getElementById("postcode");
          if (postcode) postcode.value = "";
          locate.form.submit();
        },
        function () {
          var note = document.createElement("p");
          note.className = "error";
          note.setAttribute("role", "alert");
          note.textContent = locate.getAttribute("data-near-error");
          locate.parentNode.insertBefore(note, locate.nextSibling);
        },
        { timeout: 10000, maximumAge: 600000 }
      );
    });
  }
})();
