// The atlas's maps (Leaflet from the django-leaflet package). No inline scripts: every setting comes
// from data attributes. Without a tile server the markers still show; the list beside the map
// always holds the same actors.
(function () {
  "use strict";
  var COPENHAGEN = [55.6761, 12.5683];
  // The words the maps show, translated by the page: data attributes of this script's own tag.
  var TEXTS = (document.currentScript && document.currentScript.dataset) || {};

  function baseMap(element) {
    L.Icon.Default.imagePath = element.dataset.images;
    var map = L.map(element, { scrollWheelZoom: false, zoomControl: false });
    L.control.zoom({ zoomInTitle: TEXTS.zoomIn || "+", zoomOutTitle: TEXTS.zoomOut || "-" }).addTo(map);
    if (element.dataset.tiles) {
      L.tileLayer(element.dataset.tiles, { maxZoom: 19, attribution: element.dataset.attribution }).addTo(map);
    }
    return map;
  }

  function text(tag, value, className) {
    var node = document.createElement(tag);
    node.textContent = value;
    if (className) { node.className = className; }
    return node;
  }

  // "12 aktører", from the script tag's data-actors-one/-other ("%(count)s aktør", "%(count)s aktører").
  function actorCount(count) {
    var pattern = (count === 1 ? TEXTS.actorsOne : TEXTS.actorsOther) || "%(count)s";
    return pattern.replace("%(count)s", String(count));
  }

  function popup(properties) {
    var box = document.createElement("div");
    var title = document.createElement("a");
    title.href = properties.url;
    title.textContent = properties.name;
    var heading = document.createElement("strong");
    heading.appendChild(title);
    box.appendChild(heading);
    box.appendChild(text("div", properties.kind_label || properties.district || "", "small text-muted"));
    if (properties.address) { box.appendChild(text("div", properties.address)); }
    if (properties.activities) { box.appendChild(text("div", properties.activities, "small")); }
    if (properties.actor_count !== undefined) { box.appendChild(text("div", actorCount(properties.actor_count))); }
    return box;
  }

  function showFeatures(element) {
    var map = baseMap(element);
    var centre = element.dataset.lat ? [parseFloat(element.dataset.lat), parseFloat(element.dataset.lng)] : COPENHAGEN;
    map.setView(centre, parseInt(element.dataset.zoom || "15", 10));
    var layers = {};
    fetch(element.dataset.geojson, { credentials: "same-origin" })
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var all = L.featureGroup();
        L.geoJSON(data, {
          filter: function (feature) { return feature.geometry.type === "Point"; },
          onEachFeature: function (feature, layer) {
            layer.bindPopup(popup(feature.properties));
            var kind = feature.properties.kind || "area";
            (layers[kind] = layers[kind] || L.layerGroup().addTo(map)).addLayer(layer);
            all.addLayer(layer);
          }
        });
        L.geoJSON(data, {
          filter: function (feature) { return feature.geometry.type !== "Point"; },
          style: { weight: 2, fillOpacity: 0.1 }
        }).addTo(map);
        element.dataset.markers = all.getLayers().length;
        function fit() {
          map.invalidateSize(false);
          if (all.getLayers().length > 1) { map.fitBounds(all.getBounds().pad(0.2), { animate: false }); }
        }
        fit();
        // The printed map is narrower and lower than the screen's: fitted again to its size, so that no
        // actor falls outside it; and again on screen afterwards.
        window.matchMedia("print").addEventListener("change", fit);
        window.addEventListener("beforeprint", fit);
        window.addEventListener("afterprint", fit);
      });
    document.querySelectorAll("[data-kind-filter]").forEach(function (box) {
      box.addEventListener("change", function () {
        var layer = layers[box.value];
        if (!layer) { return; }
        if (box.checked) { layer.addTo(map); } else { map.removeLayer(layer); }
        document.querySelectorAll("[data-kind-group='" + box.value + "']").forEach(function (group) {
          group.hidden = !box.checked;
        });
      });
    });
  }

  function pickPosition(element) {
    var form = element.closest("form");
    var lat = form.querySelector("[data-latitude]");
    var lng = form.querySelector("[data-longitude]");
    var map = baseMap(element);
    var marker = null;
    function place(latlng) {
      if (marker) { marker.setLatLng(latlng); } else { marker = L.marker(latlng).addTo(map); }
    }
    if (lat.value && lng.value) {
      place([parseFloat(lat.value), parseFloat(lng.value)]);
      map.setView([parseFloat(lat.value), parseFloat(lng.value)], 16);
    } else {
      map.setView(COPENHAGEN, 12);
    }
    map.on("click", function (event) {
      lat.value = event.latlng.lat.toFixed(6);
      lng.value = event.latlng.lng.toFixed(6);
      place(event.latlng);
    });
    [lat, lng].forEach(function (input) {
      input.addEventListener("change", function () {
        if (lat.value && lng.value) { place([parseFloat(lat.value), parseFloat(lng.value)]); }
      });
    });
  }

  document.querySelectorAll(".atlas-map[data-geojson]").forEach(showFeatures);
  document.querySelectorAll(".atlas-map[data-pick]").forEach(pickPosition);
}());
