/* socialmap's map helpers, called from the scripts Folium writes (see web/maps.py).
 *
 * Every text from the data is put into the page with textContent or as an
 * element, never as HTML: names and descriptions may contain markup.
 */
(function () {
  "use strict";

  var socialmap = (window.socialmap = window.socialmap || {});

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function markLoaded(map, count) {
    var container = map.getContainer();
    container.setAttribute("data-markers", String(count));
    container.classList.add("sm-loaded");
  }

  socialmap.attribution = function (map, escapedText) {
    // Leaflet inserts attribution as HTML; the server already escaped this text.
    map.attributionControl.addAttribution(escapedText);
  };

  socialmap.neighbourhoodFeature = function (feature, layer) {
    layer.bindTooltip(el("span", feature.properties.name), { sticky: true });
  };

  function offerPopup(props, prefix) {
    var box = el("div", null, "sm-popup");
    var title = el("p", null, "sm-popup-title");
    var link = el("a", props.name);
    link.href = prefix + encodeURIComponent(props.id);
    title.appendChild(link);
    box.appendChild(title);
    box.appendChild(el("p", props.organisation));
    if (props.category_label) box.appendChild(el("p", props.category_label));
    return box;
  }

  function offerMarker(feature, prefix, colours) {
    var props = feature.properties;
    var coords = feature.geometry.coordinates;
    var marker = L.circleMarker([coords[1], coords[0]], {
      radius: 8,
      color: "#1b1b1b",
      weight: 1.5,
      fillColor: colours[String(props.leads_to)] || "#555555",
      fillOpacity: 0.9,
      className: "sm-offer-marker",
    });
    marker.bindTooltip(el("span", props.name));
    marker.bindPopup(function () {
      return offerPopup(props, prefix);
    });
    return marker;
  }

  function cellMarker(map, feature) {
    // A grid cell of a view with too many offers to draw: its count; a click zooms in.
    var props = feature.properties;
    var coords = feature.geometry.coordinates;
    var size = props.count < 100 ? "small" : props.count < 1000 ? "medium" : "large";
    var label = el("div");
    label.appendChild(el("span", props.count));
    var marker = L.marker([coords[1], coords[0]], {
      icon: L.divIcon({
        html: label,
        className: "marker-cluster marker-cluster-" + size + " sm-cell",
        iconSize: L.point(40, 40),
      }),
      keyboard: true,
    });
    marker.on("click", function () {
      var b = props.bounds;
      map.fitBounds([
        [b[0], b[1]],
        [b[2], b[3]],
      ]);
    });
    return marker;
  }

  function viewBox(map) {
    var b = map.getBounds();
    var clamp = function (value, low, high) {
      return Math.min(high, Math.max(low, value));
    };
    var west = clamp(b.getWest(), -180, 180);
    var east = clamp(b.getEast(), -180, 180);
    var south = clamp(b.getSouth(), -90, 90);
    var north = clamp(b.getNorth(), -90, 90);
    if (!(west < east && south < north)) return null;
    return [west, south, east, north]
      .map(function (value) {
        return value.toFixed(5);
      })
      .join(",");
  }

  // The offers of the view: loaded again whenever the view moves, so a whole Land
  // never sends every location at once (the server counts grid cells instead).
  socialmap.loadOffers = function (map, cluster, url, prefix, colours) {
    var status = document.getElementById("map-status");
    var cells = L.layerGroup().addTo(map);
    var pending = null;
    var asked = null;
    function load() {
      var box = viewBox(map);
      var viewUrl = box ? url + (url.indexOf("?") < 0 ? "?" : "&") + "bbox=" + box : url;
      if (viewUrl === asked) return; // this view is loaded or on its way
      asked = viewUrl;
      if (pending) pending.abort();
      pending = new AbortController();
      fetch(viewUrl, {
        credentials: "same-origin",
        headers: { Accept: "application/geo+json" },
        signal: pending.signal,
      })
        .then(function (response) {
          if (!response.ok) throw new Error("HTTP " + response.status);
          return response.json();
        })
        .then(function (data) {
          var points = data.features.filter(function (f) {
            return !f.properties.cluster;
          });
          cluster.clearLayers();
          cells.clearLayers();
          cluster.addLayers(
            points.map(function (feature) {
              return offerMarker(feature, prefix, colours);
            })
          );
          data.features.forEach(function (feature) {
            if (feature.properties.cluster) cells.addLayer(cellMarker(map, feature));
          });
          if (status) status.hidden = true;
          markLoaded(map, typeof data.total === "number" ? data.total : points.length);
        })
        .catch(function (error) {
          if (error && error.name === "AbortError") return;
          asked = null;
          if (status) status.hidden = false;
          markLoaded(map, 0);
        });
    }
    map.on("moveend", load);
    // After the page's script has set the first view (fitBounds), not before it.
    window.setTimeout(load, 0);
  };

  function legendSwatch(item) {
    var swatch = el("span", null, "sm-swatch sm-swatch-" + item.shape);
    swatch.style.backgroundColor = item.colour;
    swatch.setAttribute("aria-hidden", "true");
    return swatch;
  }

  socialmap.legend = function (map, title, items) {
    var control = L.control({ position: "bottomright" });
    control.onAdd = function () {
      // A disclosure, folded on narrow maps so it does not hide the markers.
      var box = el("details", null, "sm-legend leaflet-control");
      box.open = map.getContainer().clientWidth >= 560;
      box.appendChild(el("summary", title, "sm-legend-title"));
      var list = el("ul");
      items.forEach(function (item) {
        var entry = el("li");
        entry.appendChild(legendSwatch(item));
        entry.appendChild(el("span", item.label));
        list.appendChild(entry);
      });
      box.appendChild(list);
      L.DomEvent.disableClickPropagation(box);
      return box;
    };
    control.addTo(map);
  };

  function stepIcon(number, colour) {
    var badge = el("span", number, "sm-step-number");
    badge.style.backgroundColor = colour;
    return L.divIcon({ html: badge, className: "sm-step", iconSize: [28, 28], iconAnchor: [14, 14] });
  }

  socialmap.drawPath = function (map, steps, colour, home) {
    var points = [];
    steps.forEach(function (step) {
      var latlng = [step.lat, step.lon];
      points.push(latlng);
      var marker = L.marker(latlng, {
        icon: stepIcon(step.number, colour),
        title: step.number + ". " + step.name,
        zIndexOffset: 1000 - step.number,
      });
      marker.bindTooltip(el("span", step.number + ". " + step.name));
      marker.addTo(map);
    });
    if (points.length > 1) {
      L.polyline(points, { color: colour, weight: 4, opacity: 0.85, className: "sm-path" }).addTo(map);
    }
    if (home) {
      var homeIcon = L.divIcon({ html: el("span", "⌂", "sm-home-icon"), className: "sm-home", iconSize: [26, 26] });
      L.marker([home.lat, home.lon], { icon: homeIcon, title: home.label, keyboard: false })
        .bindTooltip(el("span", home.label))
        .addTo(map);
    }
    markLoaded(map, steps.length);
  };
})();
