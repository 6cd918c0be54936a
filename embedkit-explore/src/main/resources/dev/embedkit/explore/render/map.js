// embedkit interactive map.
// Hand-written plain JavaScript on a <canvas>, with no library: the page loads nothing from the network and
// bundles no third-party code, so there is no licence to ship with it.
// 100,000 points stay usable: every frame fills one small square per point (no DOM node per point), and hover
// looks points up in a uniform grid over the data instead of scanning them all.
//
// One script for two pages: the standalone map (its data in a script element, mounted at once) and the server's web
// page, which calls EmbedkitMap.mount(data, {root, onSelect}) on a view holding the same element ids (looked up inside
// root) and destroy()s it when the view changes.
(function (global) {
  'use strict';

  function mount(data, options) {
    options = options || {};
    // The map's elements are looked up inside options.root (the web page's view), else in the whole document.
    var root = options.root || document;
    function el(id) { return root.querySelector('#' + id); }
    var n = data.x.length;
    var xs = Float32Array.from(data.x);
    var ys = Float32Array.from(data.y);
    var clusterOf = Int32Array.from(data.cluster);
    var lowerTexts = data.text.map(function (t) { return t.toLowerCase(); });
    var MISSING = '#cccccc';
    var HOVER_RADIUS_PX = 8;
    var DIMMED_ALPHA = 0.07;

    var canvas = el('map');
    var ctx = canvas.getContext('2d');
    var tooltip = el('tooltip');
    var tooltipImage = el('tooltip-image');
    var tooltipText = el('tooltip-text');
    var tooltipMeta = el('tooltip-meta');
    var legendBox = el('legend');
    var search = el('search');
    var matchCount = el('match-count');
    var colourSelect = el('colour-by');

    var clusterInfo = {};
    data.clusters.forEach(function (c) { clusterInfo[c.id] = c; });

    // ---- Extent and view: view.cx, view.cy are the data coordinates at the canvas centre; view.scale is pixels per unit.
    var extent = (function () {
      var minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
      for (var i = 0; i < n; i++) {
        if (xs[i] < minX) minX = xs[i];
        if (xs[i] > maxX) maxX = xs[i];
        if (ys[i] < minY) minY = ys[i];
        if (ys[i] > maxY) maxY = ys[i];
      }
      var span = Math.max(maxX - minX, maxY - minY) || 1; // all points at one spot: any unit span centres them
      return { minX: minX, maxX: maxX, minY: minY, maxY: maxY, span: span };
    })();
    var view = { cx: 0, cy: 0, scale: 1 };
    var fitScale = 1;
    var width = 0, height = 0;

    function resetView() {
      var w = Math.max(1, width - 40), h = Math.max(1, height - 40);
      var rx = Math.max(extent.maxX - extent.minX, extent.span * 1e-3);
      var ry = Math.max(extent.maxY - extent.minY, extent.span * 1e-3);
      fitScale = Math.min(w / rx, h / ry);
      view = { cx: (extent.minX + extent.maxX) / 2, cy: (extent.minY + extent.maxY) / 2, scale: fitScale };
    }

    function toScreenX(x) { return (x - view.cx) * view.scale + width / 2; }
    function toScreenY(y) { return height / 2 - (y - view.cy) * view.scale; }
    function toDataX(sx) { return (sx - width / 2) / view.scale + view.cx; }
    function toDataY(sy) { return view.cy - (sy - height / 2) / view.scale; }

    // ---- Spatial index: a uniform grid over the data's extent, about two points per cell on average.
    var grid = (function () {
      var side = Math.max(1, Math.ceil(Math.sqrt(n / 2)));
      var cellW = Math.max(extent.maxX - extent.minX, 1e-12) / side;
      var cellH = Math.max(extent.maxY - extent.minY, 1e-12) / side;
      var cellOf = new Int32Array(n);
      var start = new Int32Array(side * side + 1);
      for (var i = 0; i < n; i++) {
        var c = cellIndex(Math.floor((xs[i] - extent.minX) / cellW), Math.floor((ys[i] - extent.minY) / cellH));
        cellOf[i] = c;
        start[c + 1]++;
      }
      for (var k = 1; k < start.length; k++) start[k] += start[k - 1];
      var fill = start.slice(0, side * side);
      var items = new Int32Array(n);
      for (var j = 0; j < n; j++) items[fill[cellOf[j]]++] = j;
      function clamp(v) { return v < 0 ? 0 : v >= side ? side - 1 : v; }
      function cellIndex(gx, gy) { return clamp(gx) + clamp(gy) * side; }
      return {
        // The visible point nearest to (x, y) within r data units, or -1.
        nearest: function (x, y, r) {
          var gx0 = clamp(Math.floor((x - r - extent.minX) / cellW)), gx1 = clamp(Math.floor((x + r - extent.minX) / cellW));
          var gy0 = clamp(Math.floor((y - r - extent.minY) / cellH)), gy1 = clamp(Math.floor((y + r - extent.minY) / cellH));
          var best = -1, bestD = r * r;
          for (var gy = gy0; gy <= gy1; gy++) {
            for (var gx = gx0; gx <= gx1; gx++) {
              var c = gx + gy * side;
              for (var s = start[c]; s < start[c + 1]; s++) {
                var p = items[s];
                if (!visible(p)) continue;
                var dx = xs[p] - x, dy = ys[p] - y, d = dx * dx + dy * dy;
                if (d <= bestD) { bestD = d; best = p; }
              }
            }
          }
          return best;
        }
      };
    })();

    // ---- Colouring: each point gets an index into a table of colours; points are bucketed by that index.
    var hiddenClusters = {};
    var highlightedCluster = null;
    var colourBy = 'cluster';
    var colourIndex = new Int32Array(n);
    var colourTable = [];
    var legendItems = [];

    function categorical(k) {
      var base = data.palette[k % data.palette.length];
      var round = Math.floor(k / data.palette.length);
      return round === 0 ? base : lighten(base, Math.min(0.6, 0.3 * round));
    }

    function lighten(hex, t) {
      var v = parseInt(hex.slice(1), 16);
      var r = (v >> 16) & 255, g = (v >> 8) & 255, b = v & 255;
      function m(c) { return Math.round(c + (255 - c) * t); }
      return 'rgb(' + m(r) + ',' + m(g) + ',' + m(b) + ')';
    }

    function gradient(t) {
      var stops = data.gradient, s = Math.max(0, Math.min(1, t)) * (stops.length - 1);
      var i = Math.min(Math.floor(s), stops.length - 2), f = s - i;
      var a = parseInt(stops[i].slice(1), 16), b = parseInt(stops[i + 1].slice(1), 16);
      function ch(shift) { var x = (a >> shift) & 255, y = (b >> shift) & 255; return Math.round(x + (y - x) * f); }
      return 'rgb(' + ch(16) + ',' + ch(8) + ',' + ch(0) + ')';
    }

    // Numbers are coloured in this many steps, so points can still be drawn in a few batches of one colour.
    var GRADIENT_STEPS = 64;

    function setColourBy(key) {
      colourBy = key;
      colourTable = [];
      legendItems = [];
      if (key === 'cluster') {
        var slot = {};
        data.clusters.forEach(function (c, k) {
          slot[c.id] = k;
          colourTable.push(c.colour);
          legendItems.push({ kind: 'cluster', id: c.id, name: c.name, size: c.size, colour: c.colour });
        });
        for (var i = 0; i < n; i++) colourIndex[i] = slot[clusterOf[i]];
      } else {
        var field = data.fields[key];
        if (!field) throw new Error('no metadata field ' + key);
        var values = field.values;
        if (field.type === 'number') {
          var min = Infinity, max = -Infinity;
          values.forEach(function (v) { if (v !== null) { if (v < min) min = v; if (v > max) max = v; } });
          for (var s = 0; s < GRADIENT_STEPS; s++) colourTable.push(gradient(s / (GRADIENT_STEPS - 1)));
          colourTable.push(MISSING);
          var range = max - min || 1;
          for (var j = 0; j < n; j++) {
            colourIndex[j] = values[j] === null ? GRADIENT_STEPS : Math.round((values[j] - min) / range * (GRADIENT_STEPS - 1));
          }
          legendItems.push({ kind: 'gradient', min: min, max: max });
        } else {
          var counts = {};
          values.forEach(function (v) { if (v !== null) counts[v] = (counts[v] || 0) + 1; });
          var byCount = Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : a > b ? 1 : 0); });
          var index = {};
          byCount.forEach(function (v, k) {
            index[v] = k;
            colourTable.push(categorical(k));
            legendItems.push({ kind: 'value', name: v, size: counts[v], colour: categorical(k) });
          });
          colourTable.push(MISSING);
          var missing = 0;
          for (var q = 0; q < n; q++) {
            if (values[q] === null) missing++;
            colourIndex[q] = values[q] === null ? byCount.length : index[values[q]];
          }
          if (missing > 0) legendItems.push({ kind: 'value', name: '(none)', size: missing, colour: MISSING });
        }
      }
      buildBuckets();
      renderLegend();
      requestDraw();
    }

    // Points of one colour drawn together; the missing-value / unclustered colour first, under the others.
    var buckets = [];
    function buildBuckets() {
      var counts = new Int32Array(colourTable.length);
      for (var i = 0; i < n; i++) counts[colourIndex[i]]++;
      buckets = colourTable.map(function (colour, k) { return { colour: colour, items: new Int32Array(counts[k]), size: 0 }; });
      for (var j = 0; j < n; j++) { var b = buckets[colourIndex[j]]; b.items[b.size++] = j; }
      buckets.sort(function (a, b) { return (a.colour === data.unclustered || a.colour === MISSING ? 0 : 1) - (b.colour === data.unclustered || b.colour === MISSING ? 0 : 1); });
    }

    function visible(i) { return !hiddenClusters[clusterOf[i]]; }

    // ---- Search: case-insensitive substring of the point's text.
    var matches = null, matchTotal = 0;
    function setQuery(q) {
      var query = q.trim().toLowerCase();
      if (!query) {
        matches = null;
        matchTotal = 0;
        matchCount.textContent = '';
      } else {
        matches = new Uint8Array(n);
        matchTotal = 0;
        for (var i = 0; i < n; i++) {
          if (lowerTexts[i].indexOf(query) >= 0) { matches[i] = 1; matchTotal++; }
        }
        matchCount.textContent = matchTotal.toLocaleString('en') + (matchTotal === 1 ? ' match' : ' matches');
      }
      requestDraw();
    }

    // ---- Drawing.
    var pending = false;
    function requestDraw() {
      if (!pending) { pending = true; window.requestAnimationFrame(draw); }
    }

    function pointSize() {
      var base = Math.max(1.2, Math.min(5, 0.12 * Math.sqrt(width * height / n)));
      return base * Math.min(4, Math.sqrt(view.scale / fitScale));
    }

    function baseAlpha() { return Math.max(0.25, Math.min(0.9, 0.9 * Math.sqrt(2000 / n))); }

    function draw() {
      pending = false;
      var ratio = window.devicePixelRatio || 1;
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      ctx.clearRect(0, 0, width, height);
      var r = pointSize(), d = 2 * r;
      var dimAll = matches !== null || highlightedCluster !== null;
      var alpha = baseAlpha();
      for (var b = 0; b < buckets.length; b++) {
        var bucket = buckets[b];
        ctx.fillStyle = bucket.colour;
        ctx.globalAlpha = dimAll ? DIMMED_ALPHA : alpha;
        for (var s = 0; s < bucket.size; s++) {
          var i = bucket.items[s];
          if (!visible(i)) continue;
          var sx = (xs[i] - view.cx) * view.scale + width / 2;
          var sy = height / 2 - (ys[i] - view.cy) * view.scale;
          if (sx < -d || sy < -d || sx > width + d || sy > height + d) continue;
          ctx.fillRect(sx - r, sy - r, d, d);
        }
      }
      if (dimAll) { // the highlighted points again, on top and opaque
        ctx.globalAlpha = 1;
        var big = Math.max(r * 1.6, 3);
        for (var b2 = 0; b2 < buckets.length; b2++) {
          ctx.fillStyle = buckets[b2].colour;
          for (var t = 0; t < buckets[b2].size; t++) {
            var p = buckets[b2].items[t];
            if (!visible(p) || !highlighted(p)) continue;
            ctx.fillRect(toScreenX(xs[p]) - big / 2, toScreenY(ys[p]) - big / 2, big, big);
          }
        }
      }
      if (hovered >= 0) {
        ctx.globalAlpha = 1;
        ctx.strokeStyle = '#000';
        ctx.lineWidth = 2;
        ctx.beginPath();
        ctx.arc(toScreenX(xs[hovered]), toScreenY(ys[hovered]), Math.max(r + 3, 6), 0, 2 * Math.PI);
        ctx.stroke();
      }
      ctx.globalAlpha = 1;
    }

    function highlighted(i) {
      return (matches === null || matches[i] === 1) && (highlightedCluster === null || clusterOf[i] === highlightedCluster);
    }

    // ---- Legend.
    function renderLegend() {
      legendBox.textContent = '';
      legendItems.forEach(function (item) {
        if (item.kind === 'gradient') {
          var bar = document.createElement('div');
          bar.className = 'gradient';
          bar.style.background = 'linear-gradient(to right, ' + data.gradient.join(', ') + ')';
          var range = document.createElement('div');
          range.className = 'range';
          range.appendChild(span('', formatNumber(item.min)));
          range.appendChild(span('', formatNumber(item.max)));
          legendBox.appendChild(span('name', colourBy));
          legendBox.appendChild(bar);
          legendBox.appendChild(range);
          return;
        }
        var entry = document.createElement('div');
        entry.className = 'entry' + (item.kind === 'cluster' && hiddenClusters[item.id] ? ' off' : '');
        var swatch = span('swatch', '');
        swatch.style.background = item.colour;
        entry.appendChild(swatch);
        var name = span('name', item.name);
        name.title = item.name;
        entry.appendChild(name);
        entry.appendChild(span('size', item.size.toLocaleString('en')));
        if (item.kind === 'cluster') {
          entry.dataset.cluster = item.id;
          // A button for the keyboard too: Tab reaches it, Enter or Space toggles it.
          entry.tabIndex = 0;
          entry.setAttribute('role', 'button');
          entry.setAttribute('aria-pressed', String(!hiddenClusters[item.id]));
          var toggle = function () {
            hiddenClusters[item.id] = !hiddenClusters[item.id];
            entry.classList.toggle('off', !!hiddenClusters[item.id]);
            entry.setAttribute('aria-pressed', String(!hiddenClusters[item.id]));
            requestDraw();
          };
          entry.addEventListener('click', toggle);
          entry.addEventListener('keydown', function (e) {
            if (e.key === 'Enter' || e.key === ' ') { e.preventDefault(); toggle(); }
          });
          entry.addEventListener('focus', function () { highlightedCluster = item.id; requestDraw(); });
          entry.addEventListener('blur', function () { highlightedCluster = null; requestDraw(); });
          entry.addEventListener('mouseenter', function () { highlightedCluster = item.id; requestDraw(); });
          entry.addEventListener('mouseleave', function () { highlightedCluster = null; requestDraw(); });
        }
        legendBox.appendChild(entry);
      });
      if (colourBy === 'cluster' && legendItems.length > 0) {
        legendBox.appendChild(span('hint', 'Click a cluster to hide or show it; point at it to highlight it.'));
      }
    }

    function span(cls, text) {
      var s = document.createElement(cls === 'hint' ? 'div' : 'span');
      if (cls) s.className = cls;
      s.textContent = text;
      return s;
    }

    function formatNumber(v) {
      return Math.abs(v) >= 1e4 || (v !== 0 && Math.abs(v) < 1e-2) ? v.toExponential(2) : String(Math.round(v * 1000) / 1000);
    }

    // ---- Hover.
    var hovered = -1;
    function hoverAt(clientX, clientY) {
      var rect = canvas.getBoundingClientRect();
      var sx = clientX - rect.left, sy = clientY - rect.top;
      var found = -1;
      if (sx >= 0 && sy >= 0 && sx <= rect.width && sy <= rect.height) {
        var radius = Math.max(HOVER_RADIUS_PX, pointSize() + 3) / view.scale;
        found = grid.nearest(toDataX(sx), toDataY(sy), radius);
      }
      if (found !== hovered) { hovered = found; requestDraw(); }
      showTooltip(found, clientX, clientY);
      return found;
    }

    function showTooltip(i, clientX, clientY) {
      if (i < 0) { tooltip.hidden = true; return; }
      tooltipText.textContent = data.text[i] || data.id[i];
      var meta = [];
      if (data.id[i]) meta.push(data.id[i]);
      var c = clusterInfo[clusterOf[i]];
      if (c) meta.push(c.name);
      if (colourBy !== 'cluster') {
        var v = data.fields[colourBy].values[i];
        meta.push(colourBy + ': ' + (v === null ? '(none)' : v));
      }
      tooltipMeta.textContent = meta.join(' \u00b7 ');
      var thumb = data.thumbnails[String(i)];
      if (thumb) { tooltipImage.src = 'data:image/png;base64,' + thumb; tooltipImage.hidden = false; }
      else { tooltipImage.hidden = true; tooltipImage.removeAttribute('src'); }
      tooltip.hidden = false;
      var x = clientX + 14, y = clientY + 14;
      var w = tooltip.offsetWidth, h = tooltip.offsetHeight;
      if (x + w > window.innerWidth) x = Math.max(0, clientX - w - 14);
      if (y + h > window.innerHeight) y = Math.max(0, clientY - h - 14);
      tooltip.style.left = x + 'px';
      tooltip.style.top = y + 'px';
    }

    // ---- Zoom and pan.
    var MIN_ZOOM = 0.2, MAX_ZOOM = 2000;
    function zoomAt(factor, sx, sy) {
      var target = Math.max(fitScale * MIN_ZOOM, Math.min(fitScale * MAX_ZOOM, view.scale * factor));
      var dx = toDataX(sx), dy = toDataY(sy);
      view.scale = target;
      // Keep the data point under (sx, sy) where it was.
      view.cx = dx - (sx - width / 2) / view.scale;
      view.cy = dy + (sy - height / 2) / view.scale;
      requestDraw();
    }

    canvas.addEventListener('wheel', function (e) {
      e.preventDefault();
      var rect = canvas.getBoundingClientRect();
      zoomAt(Math.pow(1.0015, -e.deltaY), e.clientX - rect.left, e.clientY - rect.top);
    }, { passive: false });
    el('zoom-in').addEventListener('click', function () { zoomAt(1.5, width / 2, height / 2); });
    el('zoom-out').addEventListener('click', function () { zoomAt(1 / 1.5, width / 2, height / 2); });
    el('zoom-reset').addEventListener('click', function () { resetView(); requestDraw(); });

    var drag = null;
    canvas.addEventListener('pointerdown', function (e) {
      drag = { x: e.clientX, y: e.clientY, cx: view.cx, cy: view.cy };
      canvas.setPointerCapture(e.pointerId);
      canvas.classList.add('dragging');
    });
    canvas.addEventListener('pointermove', function (e) {
      if (drag) {
        view.cx = drag.cx - (e.clientX - drag.x) / view.scale;
        view.cy = drag.cy + (e.clientY - drag.y) / view.scale;
        tooltip.hidden = true;
        requestDraw();
      } else {
        hoverAt(e.clientX, e.clientY);
      }
    });
    function endDrag() { drag = null; canvas.classList.remove('dragging'); }
    canvas.addEventListener('pointerup', function (e) {
      var click = drag && Math.abs(e.clientX - drag.x) + Math.abs(e.clientY - drag.y) < 4;
      endDrag();
      if (click && options.onSelect) {
        var found = hoverAt(e.clientX, e.clientY);
        if (found >= 0) options.onSelect(found, data.id[found]);
      }
    });
    canvas.addEventListener('pointercancel', endDrag);
    canvas.addEventListener('pointerleave', function () {
      if (!drag) { tooltip.hidden = true; if (hovered >= 0) { hovered = -1; requestDraw(); } }
    });

    // ---- Size: the canvas backing store follows its CSS size and the screen's pixel ratio.
    function resize() {
      var rect = canvas.getBoundingClientRect();
      var first = width === 0;
      var oldW = width, oldH = height;
      width = Math.max(1, rect.width);
      height = Math.max(1, rect.height);
      var ratio = window.devicePixelRatio || 1;
      canvas.width = Math.round(width * ratio);
      canvas.height = Math.round(height * ratio);
      if (first) resetView(); else fitScale *= Math.min(width / oldW, height / oldH) || 1;
      requestDraw();
    }
    window.addEventListener('resize', resize);

    // ---- Controls.
    var option = document.createElement('option');
    option.value = 'cluster';
    option.textContent = 'cluster';
    colourSelect.appendChild(option);
    Object.keys(data.fields).forEach(function (key) {
      var o = document.createElement('option');
      o.value = key;
      o.textContent = key;
      colourSelect.appendChild(o);
    });
    colourSelect.addEventListener('change', function () { setColourBy(colourSelect.value); });
    search.addEventListener('input', function () { setQuery(search.value); });
    el('caption').textContent = data.caption;

    resize();
    setColourBy('cluster');

    // The map's state, for tests and for scripting from the console.
    return {
      points: n,
      /** Stops listening to the window (the view that held the map is gone). */
      destroy: function () { window.removeEventListener('resize', resize); tooltip.hidden = true; },
      /** Selects point i as a click on it would. */
      select: function (i) { if (options.onSelect && i >= 0 && i < n) options.onSelect(i, data.id[i]); },
      get hovered() { return hovered; },
      get matches() { return matches === null ? null : matchTotal; },
      get colourBy() { return colourBy; },
      get view() { return { cx: view.cx, cy: view.cy, scale: view.scale }; },
      get hiddenClusters() { return Object.keys(hiddenClusters).filter(function (k) { return hiddenClusters[k]; }).map(Number); },
      /** Hovers as the mouse at these client coordinates would; returns the hovered point's index or -1. */
      hoverAt: hoverAt,
      /** Where point i is drawn, in client coordinates (what mouse events carry). */
      screenPosition: function (i) {
        var rect = canvas.getBoundingClientRect();
        return { x: rect.left + toScreenX(xs[i]), y: rect.top + toScreenY(ys[i]) };
      },
      /** The indices of the points the search matches. */
      matchingPoints: function () {
        var out = [];
        if (matches) for (var i = 0; i < n; i++) if (matches[i]) out.push(i);
        return out;
      },
      /** The colour point i is drawn in. */
      colourOf: function (i) { return colourTable[colourIndex[i]]; },
      setColourBy: function (key) { colourSelect.value = key; setColourBy(key); },
      drawn: function () { return !pending; }
    };
  }

  global.EmbedkitMap = { mount: mount };
  var own = document.getElementById('embedkit-data');
  if (own) global.embedkitMap = mount(JSON.parse(own.textContent));
})(window);
