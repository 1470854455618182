/* The location form's map: a pin the editor drags to the entrance; the latitude and
   longitude inputs follow it, and typing into them moves the pin (keyboard users type).
   No inline script: the Content-Security-Policy allows only files of this app. */
(function () {
  "use strict";
  var box = document.getElementById("location-map");
  if (!box || typeof L === "undefined") { return; }
  var latInput = document.getElementById("lat");
  var lonInput = document.getElementById("lon");
  function parse(input) {
    var value = parseFloat(String(input && input.value || "").replace(",", "."));
    return isFinite(value) ? value : null;
  }
  var lat = parse(latInput), lon = parse(lonInput);
  var placed = lat !== null && lon !== null;
  var start = placed ? [lat, lon] : [51.9, 6.0];
  var map = L.map(box, { scrollWheelZoom: false }).setView(start, placed ? 16 : 7);
  if (box.dataset.tiles) {
    L.tileLayer(box.dataset.tiles, { attribution: box.dataset.attribution || "", maxZoom: 19 }).addTo(map);
  }
  var marker = L.marker(start, { draggable: true, keyboard: false, title: box.getAttribute("aria-label") || "" });
  marker.addTo(map);
  function round(value) { return Math.round(value * 1e6) / 1e6; }
  marker.on("dragend", function () {
    var point = marker.getLatLng();
    if (latInput) { latInput.value = String(round(point.lat)); }
    if (lonInput) { lonInput.value = String(round(point.lng)); }
  });
  map.on("click", function (event) {
    marker.setLatLng(event.latlng);
    marker.fire("dragend");
  });
  function follow() {
    var a = parse(latInput), b = parse(lonInput);
    if (a !== null && b !== null && Math.abs(a) <= 90 && Math.abs(b) <= 180) {
      marker.setLatLng([a, b]);
      map.panTo([a, b]);
    }
  }
  if (latInput) { latInput.addEventListener("change", follow); }
  if (lonInput) { lonInput.addEventListener("change", follow); }
})();
