// Drawing helpers shared by the schedtune pages (the study report and the PBT report): SVG and HTML
// elements made with textContent and setAttribute only (never HTML parsing), scales, axes, chart frames,
// legends and the tooltip. Each page's own script opens with: const { svg, html, ... } = schedtuneCharts;
const schedtuneCharts = (function () {
  'use strict';

  const NS = 'http://www.w3.org/2000/svg';
  const PALETTE = ['#4e79a7', '#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#edc948', '#b07aa1', '#ff9da7',
    '#9c755f', '#bab0ac'];

  // ---- small helpers ----------------------------------------------------------------------------

  function svg(tag, attrs, parent) {
    const e = document.createElementNS(NS, tag);
    for (const k in attrs) {
      if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    }
    if (parent) parent.appendChild(e);
    return e;
  }

  function html(tag, attrs, parent, text) {
    const e = document.createElement(tag);
    for (const k in attrs || {}) {
      if (attrs[k] !== undefined && attrs[k] !== null) e.setAttribute(k, attrs[k]);
    }
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }

  function svgText(parent, x, y, text, attrs) {
    const t = svg('text', Object.assign({ x: x, y: y }, attrs || {}), parent);
    t.textContent = String(text);
    return t;
  }

  function clear(e) {
    while (e.firstChild) e.removeChild(e.firstChild);
    return e;
  }

  function isNum(v) {
    return typeof v === 'number' && isFinite(v);
  }

  function fmt(v, digits) {
    if (v === null || v === undefined) return '–';
    if (typeof v !== 'number') return String(v);
    if (!isFinite(v)) return String(v);
    const a = Math.abs(v);
    if (v === Math.round(v) && a < 1e6) return String(v);
    if (a !== 0 && (a < 1e-3 || a >= 1e5)) return v.toExponential(Math.max(1, (digits || 4) - 2));
    return String(Number(v.toPrecision(digits || 4)));
  }

  // ---- scales and axes --------------------------------------------------------------------------

  function niceStep(span, count) {
    const raw = span / Math.max(1, count);
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const m = raw / p;
    return (m >= 5 ? 10 : m >= 2 ? 5 : m >= 1 ? 2 : 1) * p;
  }

  function linearScale(d0, d1, r0, r1) {
    if (!(d1 > d0)) { const c = isNum(d0) ? d0 : 0; const pad = Math.abs(c) * 0.05 || 1; d0 = c - pad; d1 = c + pad; }
    const f = v => r0 + (v - d0) / (d1 - d0) * (r1 - r0);
    f.domain = [d0, d1];
    f.ticks = function (n) {
      const step = niceStep(d1 - d0, n || 5);
      const out = [];
      for (let v = Math.ceil(d0 / step) * step; v <= d1 + step * 1e-9; v += step) out.push(Number(v.toPrecision(12)));
      return out;
    };
    f.log = false;
    return f;
  }

  function logScale(d0, d1, r0, r1) {
    if (!(d0 > 0)) d0 = 1e-12;
    if (!(d1 > d0)) d1 = d0 * 10;
    const l0 = Math.log10(d0), l1 = Math.log10(d1);
    const f = v => r0 + (Math.log10(Math.max(v, 1e-300)) - l0) / (l1 - l0) * (r1 - r0);
    f.domain = [d0, d1];
    f.ticks = function () {
      const out = [];
      const decades = Math.ceil(l1) - Math.floor(l0);
      const mults = decades <= 2 ? [1, 2, 5] : [1];
      const every = Math.max(1, Math.ceil(decades / 6));
      for (let e = Math.floor(l0); e <= Math.ceil(l1); e += every) {
        mults.forEach(m => { const v = m * Math.pow(10, e); if (v >= d0 * 0.999 && v <= d1 * 1.001) out.push(v); });
      }
      if (out.length < 2) return linearScale(d0, d1, 0, 1).ticks(4).filter(v => v > 0);
      return out;
    };
    f.log = true;
    return f;
  }

  function extent(values, log) {
    const vs = values.filter(v => isNum(v) && (!log || v > 0));
    if (!vs.length) return log ? [1e-3, 1] : [0, 1];
    let lo = Math.min.apply(null, vs), hi = Math.max.apply(null, vs);
    if (log) {
      if (hi <= lo) { lo /= 2; hi *= 2; }
      const pad = Math.pow(hi / lo, 0.05);
      return [lo / pad, hi * pad];
    }
    if (hi <= lo) { const p = Math.abs(lo) * 0.1 || 1; return [lo - p, hi + p]; }
    const pad = (hi - lo) * 0.05;
    return [lo - pad, hi + pad];
  }

  function wantsLog(values) {
    const vs = values.filter(v => isNum(v) && v > 0);
    if (vs.length < 2 || values.some(v => isNum(v) && v <= 0)) return false;
    return Math.max.apply(null, vs) / Math.min.apply(null, vs) > 30;
  }

  // A chart frame: scales, grid, tick labels and axis titles. opts.x/opts.y: {domain, log, label, format}.
  function chart(container, opts) {
    clear(container);
    const W = Math.max(300, Math.floor(container.clientWidth || 600));
    const H = opts.height || 300;
    const m = Object.assign({ top: 12, right: 16, bottom: 42, left: 62 }, opts.margin || {});
    const root = svg('svg', { class: 'chart', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img',
      'aria-label': opts.label || '' }, container);
    const mk = (a, r0, r1) => a.log ? logScale(a.domain[0], a.domain[1], r0, r1) : linearScale(a.domain[0], a.domain[1], r0, r1);
    const x = mk(opts.x, m.left, W - m.right);
    const y = mk(opts.y, H - m.bottom, m.top);
    const grid = svg('g', { class: 'grid' }, root);
    const xf = opts.x.format || (v => fmt(v, 3));
    const yf = opts.y.format || (v => fmt(v, 3));
    x.ticks(Math.max(3, Math.floor((W - m.left - m.right) / 90))).forEach(v => {
      const px = x(v);
      svg('line', { x1: px, x2: px, y1: m.top, y2: H - m.bottom }, grid);
      svgText(root, px, H - m.bottom + 15, xf(v), { 'text-anchor': 'middle' });
    });
    y.ticks(Math.max(3, Math.floor((H - m.top - m.bottom) / 50))).forEach(v => {
      const py = y(v);
      svg('line', { x1: m.left, x2: W - m.right, y1: py, y2: py }, grid);
      svgText(root, m.left - 6, py + 3.5, yf(v), { 'text-anchor': 'end' });
    });
    svg('rect', { class: 'frame', x: m.left, y: m.top, width: W - m.left - m.right, height: H - m.top - m.bottom }, root);
    if (opts.x.label) svgText(root, (m.left + W - m.right) / 2, H - 8, opts.x.label, { 'text-anchor': 'middle', class: 'axis-title' });
    if (opts.y.label) {
      svgText(root, 14, (m.top + H - m.bottom) / 2, opts.y.label, { 'text-anchor': 'middle', class: 'axis-title',
        transform: 'rotate(-90 14 ' + ((m.top + H - m.bottom) / 2) + ')' });
    }
    const plot = svg('g', {}, root);
    return { root: root, plot: plot, x: x, y: y, W: W, H: H, m: m };
  }

  function emptyChart(container, message, height) {
    clear(container);
    const W = Math.max(300, Math.floor(container.clientWidth || 600));
    const H = height || 120;
    const root = svg('svg', { class: 'chart', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H }, container);
    svgText(root, W / 2, H / 2, message, { 'text-anchor': 'middle', class: 'empty' });
  }

  function path(points) {
    let d = '';
    let pen = false;
    points.forEach(p => {
      if (p === null || !isNum(p[0]) || !isNum(p[1])) { pen = false; return; }
      d += (pen ? 'L' : 'M') + p[0].toFixed(1) + ',' + p[1].toFixed(1);
      pen = true;
    });
    return d;
  }

  function cross(parent, cx, cy, r, attrs) {
    return svg('path', Object.assign({ d: 'M' + (cx - r) + ',' + (cy - r) + 'L' + (cx + r) + ',' + (cy + r)
      + 'M' + (cx - r) + ',' + (cy + r) + 'L' + (cx + r) + ',' + (cy - r) }, attrs), parent);
  }

  function legend(container, items) {
    const box = html('div', { class: 'legend' }, container);
    items.forEach(it => {
      const s = html('span', {}, box);
      const i = html('i', { class: it.square ? 'sq' : '' }, s);
      i.style.background = it.colour;
      if (it.hollow) { i.style.background = 'transparent'; i.style.border = '2px solid ' + it.colour; }
      s.appendChild(document.createTextNode(it.label));
    });
  }

  // ---- tooltip -----------------------------------------------------------------------------------

  const tooltip = document.getElementById('tooltip');

  function showTip(evt, lines) {
    clear(tooltip);
    lines.forEach((l, i) => html('div', { class: i > 1 ? 'mono' : '' }, tooltip, l));
    tooltip.style.display = 'block';
    const r = tooltip.getBoundingClientRect();
    let x = evt.clientX + 14, y = evt.clientY + 14;
    if (x + r.width > window.innerWidth - 8) x = evt.clientX - r.width - 14;
    if (y + r.height > window.innerHeight - 8) y = evt.clientY - r.height - 14;
    tooltip.style.left = x + 'px';
    tooltip.style.top = y + 'px';
  }

  function hideTip() {
    tooltip.style.display = 'none';
  }

  return { PALETTE, svg, html, svgText, clear, isNum, fmt, linearScale, logScale, extent, wantsLog, chart, emptyChart, path,
    cross, legend, showTip, hideTip };
})();
