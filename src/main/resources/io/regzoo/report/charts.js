/* regzoo interactive charts. Each script element of type application/json, class rz-chart-data, data-target ID,
   holds one ChartModel (io.regzoo.report.ChartScript); this draws it with uPlot into the element ID, replacing
   the PNG fallback there. Hover: values at the cursor (legend and tooltip); click a legend entry: hide or show
   that variant; drag: zoom (x, or a box); double-click: reset. The drawn charts are window.regzooCharts[id]. */
(function () {
  'use strict';
  var charts = window.regzooCharts = {};

  function num(v) {
    if (v === null || v === undefined || !isFinite(v)) {
      return '\u2014';
    }
    var a = Math.abs(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e6)) {
      return v.toExponential(2);
    }
    return String(parseFloat(v.toPrecision(4))).replace('-', '\u2212');
  }

  function rgba(hex, alpha) {
    var n = parseInt(hex.slice(1), 16);
    return 'rgba(' + ((n >> 16) & 255) + ',' + ((n >> 8) & 255) + ',' + (n & 255) + ',' + alpha + ')';
  }

  function placeable(v, log) {
    return v !== null && v !== undefined && isFinite(v) && (!log || v > 0);
  }

  /* uPlot wants one x array shared by all series: the union of every series' x, nulls where a series has none. */
  function align(spec) {
    var seen = new Map();
    spec.series.forEach(function (s) {
      s.x.forEach(function (x) {
        if (placeable(x, spec.x.log)) {
          seen.set(x, true);
        }
      });
    });
    var xs = Array.from(seen.keys()).sort(function (a, b) { return a - b; });
    var at = new Map();
    xs.forEach(function (x, i) { at.set(x, i); });
    var out = {data: [xs], lo: [null], hi: [null]};
    spec.series.forEach(function (s) {
      var y = xs.map(function () { return null; });
      var lo = s.lo ? y.slice() : null;
      var hi = s.lo ? y.slice() : null;
      s.x.forEach(function (x, i) {
        if (!at.has(x) || !placeable(s.y[i], spec.y.log)) {
          return;
        }
        var j = at.get(x);
        y[j] = s.y[i];
        if (lo && placeable(s.lo[i], spec.y.log) && placeable(s.hi[i], spec.y.log)) {
          lo[j] = s.lo[i];
          hi[j] = s.hi[i];
        }
      });
      out.data.push(y);
      out.lo.push(lo);
      out.hi.push(hi);
    });
    return out;
  }

  function valueText(al, si, idx, v) {
    if (v === null || v === undefined) {
      return '\u2014';
    }
    var t = num(v);
    var lo = al.lo[si];
    if (lo && idx !== null && idx !== undefined && lo[idx] !== null) {
      t += ' [' + num(lo[idx]) + ', ' + num(al.hi[si][idx]) + ']';
    }
    return t;
  }

  /* Bands and error bars, under the series (drawAxes runs before the series are drawn). */
  function drawIntervals(u, spec, al) {
    var ctx = u.ctx;
    var b = u.bbox;
    var px = uPlot.pxRatio;
    ctx.save();
    ctx.beginPath();
    ctx.rect(b.left, b.top, b.width, b.height);
    ctx.clip();
    spec.series.forEach(function (s, k) {
      var si = k + 1;
      var lo = al.lo[si];
      var hi = al.hi[si];
      if (!lo || !u.series[si].show) {
        return;
      }
      var xs = al.data[0];
      if (s.interval === 'band') {
        var top = [];
        var bottom = [];
        for (var i = 0; i < xs.length; i++) {
          if (lo[i] !== null) {
            var x = u.valToPos(xs[i], 'x', true);
            top.push([x, u.valToPos(hi[i], 'y', true)]);
            bottom.push([x, u.valToPos(lo[i], 'y', true)]);
          }
        }
        if (top.length < 2) {
          return;
        }
        ctx.beginPath();
        top.forEach(function (p, j) {
          if (j === 0) {
            ctx.moveTo(p[0], p[1]);
          } else {
            ctx.lineTo(p[0], p[1]);
          }
        });
        for (var j = bottom.length - 1; j >= 0; j--) {
          ctx.lineTo(bottom[j][0], bottom[j][1]);
        }
        ctx.closePath();
        ctx.fillStyle = rgba(s.color, 0.18 * s.alpha);
        ctx.fill();
      } else if (s.interval === 'bars') {
        ctx.strokeStyle = rgba(s.color, s.alpha);
        ctx.lineWidth = 2 * px;
        ctx.beginPath();
        for (var n = 0; n < xs.length; n++) {
          if (lo[n] !== null) {
            var cx = u.valToPos(xs[n], 'x', true);
            var y0 = u.valToPos(lo[n], 'y', true);
            var y1 = u.valToPos(hi[n], 'y', true);
            ctx.moveTo(cx, y0);
            ctx.lineTo(cx, y1);
            ctx.moveTo(cx - 5 * px, y0);
            ctx.lineTo(cx + 5 * px, y0);
            ctx.moveTo(cx - 5 * px, y1);
            ctx.lineTo(cx + 5 * px, y1);
          }
        }
        ctx.stroke();
      }
    });
    ctx.restore();
  }

  /* The y range: every shown series' values and bounds inside the x window, padded; a clipped end stays put. */
  function yRange(spec, al) {
    return function (u) {
      var lo = Infinity;
      var hi = -Infinity;
      var ix = u.series[0].idxs || [0, al.data[0].length - 1];
      for (var si = 1; si < al.data.length; si++) {
        if (!u.series[si].show) {
          continue;
        }
        for (var i = Math.max(0, ix[0]); i <= Math.min(al.data[0].length - 1, ix[1]); i++) {
          [al.data[si][i], al.lo[si] && al.lo[si][i], al.hi[si] && al.hi[si][i]].forEach(function (v) {
            if (placeable(v, spec.y.log)) {
              lo = Math.min(lo, v);
              hi = Math.max(hi, v);
            }
          });
        }
      }
      if (!isFinite(lo)) {
        return spec.y.log ? [1, 10] : [0, 1];
      }
      if (spec.y.log) {
        // uPlot's log ticks need the ends on their decade's grid (0.09 and 0.3, not 0.0962 and 0.268)
        var a = Math.pow(10, Math.floor(Math.log10(lo)));
        var b = Math.pow(10, Math.floor(Math.log10(hi)));
        return [spec.y.min !== null ? spec.y.min : parseFloat((Math.floor(lo / a) * a).toPrecision(12)),
          spec.y.max !== null ? spec.y.max : parseFloat((Math.ceil(hi / b) * b).toPrecision(12))];
      }
      var pad = (hi - lo) * 0.06 || Math.abs(hi) * 0.05 || 1;
      return [spec.y.min !== null ? spec.y.min : lo - pad, spec.y.max !== null ? spec.y.max : hi + pad];
    };
  }

  function xRange(spec) {
    return function (u, min, max) {
      if (spec.x.min !== null && spec.x.max !== null) {
        return [spec.x.min, spec.x.max];
      }
      if (min === null || min === max) {
        return spec.x.log ? [(min || 1) / 2, (min || 1) * 2] : [(min || 0) - 1, (min || 0) + 1];
      }
      if (spec.x.log) {
        return [min / 1.3, max * 1.3];
      }
      var pad = (max - min) * 0.03;
      return [spec.x.min !== null ? spec.x.min : min - pad, spec.x.max !== null ? spec.x.max : max + pad];
    };
  }

  var measure = document.createElement('canvas').getContext('2d');

  function xAxis(spec, width) {
    var a = {label: spec.x.label, stroke: '#333', font: '12px system-ui, sans-serif',
      labelFont: '13px system-ui, sans-serif', grid: {stroke: '#e6e6e6', width: 1}, ticks: {stroke: '#ccc'}};
    var cats = spec.x.categories;
    if (cats.length) {
      a.splits = function () { return cats.map(function (c, i) { return i + 1; }); };
      a.values = function (u, splits) { return splits.map(function (v) { return cats[Math.round(v) - 1] || ''; }); };
      a.grid = {show: false};
      measure.font = a.font;
      var widest = Math.max.apply(null, cats.map(function (c) { return measure.measureText(c).width; }));
      var room = (width - 90) / cats.length;
      if (widest > room * 0.92) {
        var deg = widest * 0.5 > room ? 60 : 35;
        a.rotate = -deg;
        a.align = 2;
        a.size = Math.ceil(widest * Math.sin(deg * Math.PI / 180) + 24);
      }
    } else if (spec.x.integers) {
      a.incrs = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000];
      a.values = function (u, splits) { return splits.map(function (v) { return String(Math.round(v)); }); };
    }
    return a;
  }

  function tooltip(u, spec, al, tip) {
    var idx = u.cursor.idx;
    if (idx === null || idx === undefined || u.cursor.left < 0) {
      tip.style.display = 'none';
      return;
    }
    var x = al.data[0][idx];
    var cats = spec.x.categories;
    tip.textContent = '';
    var head = document.createElement('div');
    head.className = 'rz-tip-head';
    head.textContent = cats.length ? (cats[Math.round(x) - 1] || num(x)) : (spec.x.label || 'x') + ' ' + num(x);
    tip.appendChild(head);
    var rows = 0;
    for (var si = 1; si < al.data.length; si++) {
      var v = al.data[si][idx];
      if (!u.series[si].show || v === null) {
        continue;
      }
      var row = document.createElement('div');
      row.className = 'rz-tip-row';
      var sw = document.createElement('span');
      sw.className = 'rz-tip-swatch';
      sw.style.background = spec.series[si - 1].color;
      row.appendChild(sw);
      row.appendChild(document.createTextNode(spec.series[si - 1].name + ': ' + valueText(al, si, idx, v)));
      tip.appendChild(row);
      rows++;
    }
    if (!rows) {
      tip.style.display = 'none';
      return;
    }
    tip.style.display = 'block';
    var left = u.cursor.left + 14;
    if (left + tip.offsetWidth > u.over.clientWidth) {
      left = Math.max(0, u.cursor.left - 14 - tip.offsetWidth);
    }
    tip.style.left = left + 'px';
    tip.style.top = Math.max(0, Math.min(u.cursor.top + 14, u.over.clientHeight - tip.offsetHeight)) + 'px';
  }

  function draw(spec, target) {
    var al = align(spec);
    var width = Math.max(320, Math.min(target.clientWidth || 900, 1100));
    var syncing = false;
    var series = [{label: spec.x.label || (spec.x.categories.length ? 'variant' : 'x'), value: function (u, v) {
      return v === null ? '\u2014' : (spec.x.categories.length ? (spec.x.categories[Math.round(v) - 1] || num(v)) : num(v));
    }}];
    spec.series.forEach(function (s, k) {
      var color = rgba(s.color, s.alpha);
      var o = {label: s.name, stroke: color, width: s.style === 'points' ? 0 : (s.style === 'dashed' ? 1.5 : 2.5),
        spanGaps: true, value: function (u, v, si, idx) { return valueText(al, si, idx, v); }};
      if (!s.legend) {
        o['class'] = 'rz-aux';
      }
      if (s.style === 'dashed') {
        o.dash = [8, 5];
      } else if (s.style === 'step') {
        o.paths = uPlot.paths.stepped({align: 1});
      } else if (s.style === 'points') {
        o.paths = function () { return null; };
      }
      o.points = s.marker === 'none' ? {show: false}
        : {show: true, size: s.marker === 'diamond' ? 7 : 9, fill: color, stroke: color, width: 1};
      series.push(o);
    });
    var tip = document.createElement('div');
    tip.className = 'rz-tip';
    var opts = {
      title: spec.title,
      width: width,
      height: 420,
      series: series,
      scales: {
        x: {time: false, distr: spec.x.log ? 3 : 1, log: 10, range: xRange(spec)},
        y: {distr: spec.y.log ? 3 : 1, log: 10, range: yRange(spec, al)}
      },
      axes: [xAxis(spec, width), {label: spec.y.label, stroke: '#333', font: '12px system-ui, sans-serif',
        labelFont: '13px system-ui, sans-serif', grid: {stroke: '#e6e6e6', width: 1}, ticks: {stroke: '#ccc'},
        size: 60}],
      cursor: {drag: {x: true, y: true, uni: 40}, points: {size: 8}},
      legend: {live: true},
      hooks: {
        drawAxes: [function (u) { drawIntervals(u, spec, al); }],
        setCursor: [function (u) { tooltip(u, spec, al, tip); }],
        setSeries: [function (u, si, o) {
          if (syncing || si === null || !o || o.show === undefined) {
            return;
          }
          syncing = true;
          var group = spec.series[si - 1].group;
          spec.series.forEach(function (s, k) {
            if (k + 1 !== si && s.group === group && u.series[k + 1].show !== o.show) {
              u.setSeries(k + 1, {show: o.show});
            }
          });
          syncing = false;
        }],
        ready: [function (u) { u.over.appendChild(tip); }]
      }
    };
    var holder = document.createElement('div');
    holder.className = 'rz-live';
    target.appendChild(holder);
    var u;
    try {
      u = new uPlot(opts, al.data, holder);
    } catch (e) {
      target.removeChild(holder);
      throw e;
    }
    target.querySelectorAll('.rz-fallback').forEach(function (img) { img.parentNode.removeChild(img); });
    target.classList.add('rz-drawn');
    charts[spec.id] = u;
    return u;
  }

  function drawAll() {
    document.querySelectorAll('script.rz-chart-data').forEach(function (el) {
      var target = document.getElementById(el.getAttribute('data-target'));
      if (!target) {
        return;
      }
      try {
        draw(JSON.parse(el.textContent), target);
      } catch (e) {
        target.classList.add('rz-failed');
        if (window.console) {
          console.warn('regzoo: chart ' + el.getAttribute('data-target') + ' kept as an image: ' + e);
        }
      }
    });
  }

  var resizeTimer = null;
  window.addEventListener('resize', function () {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(function () {
      Object.keys(charts).forEach(function (id) {
        var u = charts[id];
        var w = Math.max(320, Math.min(u.root.parentNode.clientWidth || 900, 1100));
        if (Math.abs(w - u.width) > 4) {
          u.setSize({width: w, height: u.height});
        }
      });
    }, 150);
  });

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', drawAll);
  } else {
    drawAll();
  }
}());
