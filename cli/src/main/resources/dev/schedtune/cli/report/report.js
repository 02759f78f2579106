// The schedtune study report: every plot is drawn here as SVG from the JSON embedded in the page.
// Study text (names, parameters, reasons) only ever reaches the page through textContent and
// setAttribute, never through HTML parsing. A live page (schedtune dashboard) sends newer data as a
// 'schedtune:data' event on the document; everything is then drawn again from it.
(function () {
  'use strict';

  const { PALETTE, svg, html, svgText, clear, isNum, fmt, linearScale, logScale, extent, wantsLog, chart, emptyChart, path,
    cross, legend, showTip, hideTip } = schedtuneCharts;

  const PRUNED = '#d2453b';
  const OTHER = '#9aa5b4';
  let DATA, TRIALS, BY_NUMBER, OBJECTIVES, MULTI, familyColour;
  let selected = null;
  // whether the reader chose the selected trial; until then the selection follows the best trial
  let chosen = false;

  function load(data) {
    DATA = data;
    TRIALS = DATA.trials;
    BY_NUMBER = new Map(TRIALS.map(t => [t.number, t]));
    OBJECTIVES = DATA.objectives;
    MULTI = OBJECTIVES.length > 1;
    familyColour = familyColours();
  }

  // ---- objectives and families ------------------------------------------------------------------

  function objectiveLabel(i) {
    return OBJECTIVES[i].name.replace(/_/g, ' ');
  }

  function formatObjective(i, v) {
    if (!isNum(v)) return '–';
    const name = OBJECTIVES[i].name;
    if (name === 'seconds') return v.toFixed(2) + ' s';
    if (name === 'accuracy') return (100 * v).toFixed(2) + ' %';
    return v.toFixed(4);
  }

  function better(i, a, b) {
    return OBJECTIVES[i].direction === 'minimize' ? a < b : a > b;
  }

  function familyColours() {
    const map = new Map();
    const fp = DATA.params.find(p => p.name === DATA.familyParameter);
    const order = fp && fp.choices ? fp.choices.slice() : [];
    TRIALS.forEach(t => { if (t.family && order.indexOf(t.family) < 0) order.push(t.family); });
    order.forEach((f, i) => map.set(f, PALETTE[i % PALETTE.length]));
    return function (family) { return map.get(family) || PALETTE[0]; };
  }

  function families() {
    const seen = [];
    TRIALS.forEach(t => { if (t.family && seen.indexOf(t.family) < 0) seen.push(t.family); });
    const fp = DATA.params.find(p => p.name === DATA.familyParameter);
    if (fp && fp.choices) return fp.choices.filter(c => seen.indexOf(c) >= 0);
    return seen;
  }

  function trialColour(t) {
    return t.family ? familyColour(t.family) : PALETTE[0];
  }

  function trialTitle(t) {
    if (t.baseline) return '#' + t.number + ' baseline: ' + (t.family || '');
    return '#' + t.number + (t.family ? ' · ' + t.family : '');
  }

  // ---- trial tooltips and selection -------------------------------------------------------------

  function trialLines(t) {
    const lines = [trialTitle(t) + ' — ' + stateText(t)];
    const vals = [];
    if (t.values) t.values.forEach((v, i) => vals.push(objectiveLabel(i) + ' ' + formatObjective(i, v)));
    if (isNum(t.accuracy) && !OBJECTIVES.some(o => o.name === 'accuracy')) vals.push('accuracy ' + (100 * t.accuracy).toFixed(2) + ' %');
    if (t.epochs !== undefined) vals.push('epochs ' + t.epochs + (t.plannedEpochs && t.plannedEpochs !== t.epochs ? '/' + t.plannedEpochs : ''));
    if (t.repeatLosses) vals.push(t.repeatLosses.length + ' runs');
    lines.push(vals.join(' · '));
    if (t.test) {
      lines.push('test split (' + t.test.seeds + ' fresh seeds): '
        + (isNum(t.test.accuracy) ? 'accuracy ' + (100 * t.test.accuracy).toFixed(2) + ' %' + (isNum(t.test.accuracySd) ? ' ± ' + (100 * t.test.accuracySd).toFixed(2) : '') + ', ' : '')
        + 'loss ' + fmt(t.test.loss, 4));
    }
    const ps = Object.keys(t.params).filter(k => k !== DATA.familyParameter).map(k => k + '=' + fmt(t.params[k]));
    if (ps.length) lines.push(ps.join('  '));
    if (t.failReason) lines.push(t.failReason);
    return lines;
  }

  function stateText(t) {
    if (t.interrupted) return 'interrupted';
    if (t.feasible === false && t.state === 'COMPLETE') return 'complete, infeasible (' + (t.infeasible || 'a constraint above 0') + ')';
    if (t.front) return t.state.toLowerCase() + (MULTI ? ', on the Pareto front' : ', best');
    return t.state.toLowerCase();
  }

  function hoverable(e, t) {
    e.setAttribute('data-trial', t.number);
    e.classList.add('mark');
    e.addEventListener('mousemove', evt => showTip(evt, trialLines(t)));
    e.addEventListener('mouseleave', hideTip);
    e.addEventListener('click', () => { chosen = true; select(t.number); });
    return e;
  }

  function select(number) {
    selected = number;
    document.querySelectorAll('.sel').forEach(e => e.classList.remove('sel'));
    document.querySelectorAll('[data-trial="' + number + '"]').forEach(e => {
      e.classList.add('sel');
      if (e.tagName === 'polyline' || e.tagName === 'path') e.parentNode.appendChild(e);
    });
    renderDetail();
  }

  // ---- header -----------------------------------------------------------------------------------

  function renderHeader() {
    const brand = document.querySelector('header .brand');
    if (DATA.live && !brand.querySelector('a')) {
      clear(brand).appendChild(document.createTextNode('schedtune · dashboard · '));
      html('a', { href: '/' }, brand, 'all studies');
    }
    document.getElementById('title').textContent = DATA.study;
    document.title = DATA.study + (DATA.live ? ' · schedtune dashboard' : ' · schedtune report');
    const chips = clear(document.getElementById('summary'));
    const c = DATA.counts;
    const chip = (label, value) => { const s = html('span', { class: 'chip' }, chips); html('b', {}, s, value); s.appendChild(document.createTextNode(' ' + label)); };
    chip('trials', c.total);
    chip('complete', c.complete);
    chip('pruned', c.pruned);
    chip('failed', c.failed);
    if (c.interrupted) chip('interrupted', c.interrupted);
    if (c.running) chip('running', c.running);
    chip(MULTI ? 'on the Pareto front' : 'best', DATA.front.length);
    if (DATA.hypervolume && isNum(DATA.hypervolume.value)) chip('hypervolume', DATA.hypervolume.value.toFixed(3));
    // DATA.best: a complete trial with finite values, feasible if any is (chosen by ReportData)
    if (DATA.best !== undefined) {
      const best = BY_NUMBER.get(DATA.best);
      chip('best ' + objectiveLabel(0) + ' (#' + best.number + ')', formatObjective(0, best.values[0]));
    }
    const foot = document.getElementById('footer');
    foot.textContent = 'Generated by schedtune on ' + DATA.generated + '. Objectives: '
      + OBJECTIVES.map(o => o.name + ' (' + o.direction + ')').join(', ') + '.'
      + (DATA.hypervolume ? ' Hypervolume: objectives normalised to [0, 1] over the feasible complete trials, reference point '
        + DATA.hypervolume.reference + ' per objective.' : '')
      + (DATA.live ? ' Live from ' + DATA.live.storage + ' (read-only): the page follows the study as trials finish.'
        : ' This file is self-contained: it loads nothing from the network.');
  }

  // ---- Pareto front -----------------------------------------------------------------------------

  function paretoAxes() {
    if (OBJECTIVES.length >= 2) {
      return { xi: 1, yi: 0, xLabel: objectiveLabel(1), yLabel: objectiveLabel(0),
        xOf: t => t.values ? t.values[1] : null, yOf: t => t.values ? t.values[0] : null };
    }
    return { xi: -1, yi: 0, xLabel: 'seconds', yLabel: objectiveLabel(0),
      xOf: t => isNum(t.seconds) ? t.seconds : t.duration, yOf: t => t.values ? t.values[0] : null };
  }

  function renderPareto() {
    const box = document.getElementById('plot-pareto');
    const a = paretoAxes();
    document.getElementById('front-title').textContent = MULTI ? 'Pareto front' : 'Best trial and the trade-off with time';
    document.getElementById('front-hint').textContent = MULTI
      ? a.yLabel + ' against ' + a.xLabel + ' of every trial; the ringed, joined points are the Pareto front (no other'
        + ' trial is better in both). Hover for details, click to see a trial\'s schedule.'
      : a.yLabel + ' against training time; the ringed point is the best trial. Click a point to see its schedule.';
    const pts = TRIALS.filter(t => (t.state === 'COMPLETE' || t.state === 'PRUNED') && isNum(a.xOf(t)) && isNum(a.yOf(t)));
    if (!pts.length) { emptyChart(box, 'No trial has finished yet.', 300); return; }
    const ys = pts.map(a.yOf), xs = pts.map(a.xOf);
    const ylog = wantsLog(ys), xlog = wantsLog(xs);
    const c = chart(box, { height: 430, label: 'Pareto front',
      x: { domain: extent(xs, xlog), log: xlog, label: a.xLabel + (OBJECTIVES.length < 2 || a.xLabel === 'seconds' ? ' (s)' : '') },
      y: { domain: extent(ys, ylog), log: ylog, label: a.yLabel } });
    const front = TRIALS.filter(t => t.front && isNum(a.xOf(t)) && isNum(a.yOf(t)))
      .sort((p, q) => a.xOf(p) - a.xOf(q));
    if (MULTI && front.length > 1) {
      const stairs = [];
      front.forEach((t, i) => {
        const px = c.x(a.xOf(t)), py = c.y(a.yOf(t));
        if (i > 0) stairs.push([px, stairs[stairs.length - 1][1]]);
        stairs.push([px, py]);
      });
      svg('path', { d: path(stairs), fill: 'none', stroke: '#23406e', 'stroke-width': 1.5, 'stroke-dasharray': '4 3', opacity: 0.7 }, c.plot);
    }
    pts.filter(t => t.state === 'PRUNED').forEach(t => {
      hoverable(cross(c.plot, c.x(a.xOf(t)), c.y(a.yOf(t)), 3.5, { stroke: PRUNED, 'stroke-width': 1.4, opacity: 0.55 }), t);
    });
    pts.filter(t => t.state === 'COMPLETE' && !t.front).forEach(t => {
      const bad = t.feasible === false;
      hoverable(svg('circle', { cx: c.x(a.xOf(t)), cy: c.y(a.yOf(t)), r: 4, fill: bad ? 'none' : trialColour(t),
        'fill-opacity': 0.35, stroke: bad ? OTHER : trialColour(t), 'stroke-opacity': bad ? 0.9 : 0.6,
        'stroke-width': bad ? 1.4 : 1 }, c.plot), t);
    });
    front.forEach(t => {
      hoverable(svg('circle', { cx: c.x(a.xOf(t)), cy: c.y(a.yOf(t)), r: 7, fill: trialColour(t), stroke: '#1d2433',
        'stroke-width': 1.5, class: 'front-point' }, c.plot), t);
    });
    // baselines: a diamond around the point, so the tuned trials are judged against them at a glance
    pts.filter(t => t.baseline && t.state === 'COMPLETE').forEach(t => {
      const px = c.x(a.xOf(t)), py = c.y(a.yOf(t)), r = 10;
      hoverable(svg('path', { d: path([[px, py - r], [px + r, py], [px, py + r], [px - r, py]]) + 'Z', fill: 'none',
        stroke: '#1d2433', 'stroke-width': 1.6, class: 'baseline-point' }, c.plot), t);
    });
    const items = families().filter(f => !TRIALS.some(t => t.baseline && t.family === f))
      .map(f => ({ label: f, colour: familyColour(f) }));
    if (TRIALS.some(t => t.baseline)) items.push({ label: 'baseline (diamond): a common default, not tuned', colour: '#1d2433', hollow: true });
    items.push({ label: MULTI ? 'Pareto front (large, ringed)' : 'best (large, ringed)', colour: '#1d2433', hollow: true });
    if (pts.some(t => t.state === 'PRUNED')) items.push({ label: 'pruned (values when stopped) ×', colour: PRUNED, square: true });
    // the reasons of the infeasible trials shown: "learned nothing" only for schedule tuning's own constraint
    const reasons = [...new Set(pts.filter(t => t.feasible === false).map(t => t.infeasible || 'a constraint above 0'))];
    if (reasons.length) items.push({ label: 'infeasible: ' + reasons.join('; '), colour: OTHER, hollow: true });
    legend(box, items);
  }

  // ---- table of the best trials -----------------------------------------------------------------

  function renderTable() {
    document.getElementById('table-title').textContent = MULTI ? 'Pareto trials' : 'Best trial';
    const table = clear(document.getElementById('front-table'));
    const head = html('tr', {}, html('thead', {}, table));
    const cols = ['trial'];
    if (DATA.familyParameter) cols.push('family');
    cols.push('key parameters', 'epochs');
    OBJECTIVES.forEach((o, i) => cols.push(objectiveLabel(i)));
    const acc = !OBJECTIVES.some(o => o.name === 'accuracy') && TRIALS.some(t => isNum(t.accuracy));
    if (acc) cols.push('accuracy');
    cols.forEach(c => html('th', {}, head, c));
    const body = html('tbody', {}, table);
    const rows = DATA.front.map(n => BY_NUMBER.get(n));
    if (!rows.length) {
      html('td', { colspan: cols.length }, html('tr', {}, body), 'No complete trial yet.');
      return;
    }
    rows.forEach(t => {
      const tr = hoverable(html('tr', {}, body), t);
      const first = html('td', { class: 'num' }, tr);
      const sw = html('span', { class: 'swatch' }, first);
      sw.style.background = trialColour(t);
      first.appendChild(document.createTextNode('#' + t.number));
      if (DATA.familyParameter) html('td', {}, tr, (t.baseline ? 'baseline: ' : '') + (t.family || ''));
      html('td', { class: 'params' }, tr, Object.keys(t.params)
        .filter(k => k !== DATA.familyParameter && k !== 'epochs').map(k => k + '=' + fmt(t.params[k])).join('  '));
      html('td', { class: 'num' }, tr, t.epochs === undefined ? '' : t.epochs);
      OBJECTIVES.forEach((o, i) => html('td', { class: 'num' }, tr, formatObjective(i, t.values ? t.values[i] : null)));
      if (acc) html('td', { class: 'num' }, tr, isNum(t.accuracy) ? (100 * t.accuracy).toFixed(2) + ' %' : '');
    });
  }

  // ---- tuned vs baselines on the test split -----------------------------------------------------

  function renderTest() {
    const card = document.getElementById('test-card');
    const test = DATA.test;
    if (!test) { card.style.display = 'none'; return; }
    card.style.display = '';
    const acc = test.byAccuracy;
    const seeds = test.rows.length ? test.rows[0].seeds : 0;
    document.getElementById('test-hint').textContent = 'Each Pareto trial and each baseline trained again with '
      + seeds + ' fresh seeds and judged on the task\'s test split, which the search never saw (mean ± sd over the'
      + ' seeds). Differences are to the best baseline, chosen after the fact, ± the standard error of the'
      + ' difference; "better model" means ' + (acc ? 'higher accuracy by more than 2 standard errors and a lower loss'
      : 'a lower loss by more than 2 standard errors') + ', "sooner" as good in at most 0.7x the time.';
    document.getElementById('test-verdict').textContent = 'Verdict: ' + test.verdict + '.';
    const table = clear(document.getElementById('test-table'));
    const head = html('tr', {}, html('thead', {}, table));
    const cols = ['schedule', 'epochs'];
    if (acc) cols.push('test accuracy');
    cols.push('test loss', 'seconds');
    if (acc) cols.push('accuracy vs best baseline');
    cols.push('loss vs best baseline', '');
    cols.forEach(c => html('th', {}, head, c));
    const body = html('tbody', {}, table);
    const pm = (m, sd, scale, digits, unit) => isNum(m)
      ? (scale * m).toFixed(digits) + (isNum(sd) ? ' ± ' + (scale * sd).toFixed(digits) : '') + unit : '';
    test.rows.forEach(r => {
      const t = BY_NUMBER.get(r.trial);
      const best = r.trial === test.bestBaseline;
      const tr = html('tr', { class: r.baseline ? (best ? 'baseline best-baseline' : 'baseline') : '' }, body);
      if (t) hoverable(tr, t);
      const first = html('td', {}, tr);
      if (t) { const sw = html('span', { class: 'swatch' }, first); sw.style.background = trialColour(t); }
      first.appendChild(document.createTextNode((r.baseline ? 'baseline: ' : '') + r.label));
      html('td', { class: 'num' }, tr, String(r.epochs));
      if (acc) html('td', { class: 'num' }, tr, pm(r.accuracy, r.accuracySd, 100, 2, ' %'));
      html('td', { class: 'num' }, tr, pm(r.loss, r.lossSd, 1, 4, ''));
      html('td', { class: 'num' }, tr, pm(r.seconds, null, 1, 1, ' s'));
      if (acc) html('td', { class: 'num' }, tr, r.baseline ? '' : pm(r.accuracyGain, r.accuracyGainSe, 100, 2, ' pts')
        .replace(/^(\d)/, '+$1'));
      html('td', { class: 'num' }, tr, r.baseline ? '' : pm(r.lossGain, r.lossGainSe, 1, 4, '').replace(/^(\d)/, '+$1'));
      const marks = [];
      if (best) marks.push('best baseline');
      if (r.better) marks.push('better model');
      if (r.sooner) marks.push('as good in ' + r.timeRatio.toFixed(2) + 'x the time');
      html('td', {}, tr, marks.join(', '));
    });
  }

  // ---- one trial's schedule ---------------------------------------------------------------------

  function renderDetail() {
    const t = BY_NUMBER.get(selected);
    const title = document.getElementById('detail-title');
    const hint = document.getElementById('detail-hint');
    const box = document.getElementById('plot-detail');
    const table = clear(document.getElementById('detail-table'));
    if (!t) {
      title.textContent = 'Selected trial';
      emptyChart(box, 'Click a trial to see its schedule.', 200);
      return;
    }
    title.textContent = 'Trial ' + trialTitle(t);
    hint.textContent = stateText(t) + (t.curve ? '; its schedule over ' + t.curve.steps + ' optimizer steps:' : '; no schedule recorded.');
    if (t.curve) {
      const names = Object.keys(t.curve.series);
      clear(box);
      names.forEach((name, k) => {
        const holder = html('div', { class: 'curve-panel', 'data-series': name }, box);
        const ys = t.curve.series[name];
        const c = chart(holder, { height: names.length > 1 ? (k === 0 ? 190 : 120) : 230, margin: { bottom: k === names.length - 1 ? 42 : 24 },
          x: { domain: [t.curve.x[0], t.curve.x[t.curve.x.length - 1]], label: k === names.length - 1 ? 'epoch' : '' },
          y: { domain: extent(ys.concat([0]), false), label: name } });
        svg('path', { d: path(t.curve.x.map((x, i) => [c.x(x), c.y(ys[i])])), fill: 'none', stroke: trialColour(t),
          'stroke-width': 2.2, class: 'curve-line' }, c.plot);
      });
    } else {
      emptyChart(box, 'This trial recorded no schedule.', 120);
    }
    const row = (k, v) => { const tr = html('tr', {}, table); html('td', {}, tr, k); html('td', {}, tr, v); };
    row('state', stateText(t));
    if (t.values) t.values.forEach((v, i) => row(objectiveLabel(i) + (t.repeatLosses ? ' (mean of ' + t.repeatLosses.length + ' runs)' : ''), formatObjective(i, v)));
    if (t.repeatLosses) row('validation loss per run', t.repeatLosses.map(v => fmt(v, 4)).join(', '));
    if (isNum(t.accuracy)) row('accuracy', (100 * t.accuracy).toFixed(2) + ' %');
    Object.keys(t.params).forEach(k => row(k, fmt(t.params[k], 6)));
    if (t.epochs !== undefined) row('epochs trained', t.epochs + (t.plannedEpochs !== undefined ? ' of ' + t.plannedEpochs : ''));
    if (t.batchSize !== undefined) row('batch size', t.batchSize);
    if (t.steps !== undefined) row('optimizer steps', t.steps);
    if (isNum(t.duration)) row('trial wall time', t.duration.toFixed(2) + ' s');
    if (t.failReason) row('reason', t.failReason);
  }

  // ---- schedules of the Pareto trials -----------------------------------------------------------

  function renderCurves() {
    const box = document.getElementById('plot-curves');
    const log = document.getElementById('curves-log').checked;
    const ts = DATA.front.map(n => BY_NUMBER.get(n)).filter(t => t.curve && t.curve.series.lr);
    if (!ts.length) { emptyChart(box, 'No Pareto trial recorded a schedule.', 300); return; }
    const xs = [], ys = [];
    ts.forEach(t => { xs.push.apply(xs, t.curve.x); ys.push.apply(ys, t.curve.series.lr); });
    const c = chart(box, { height: 320, label: 'learning rate of the Pareto trials',
      x: { domain: extent(xs, false), label: 'epoch' }, y: { domain: extent(log ? ys : ys.concat([0]), log), log: log, label: 'learning rate' } });
    ts.forEach((t, k) => {
      const colour = ts.length <= PALETTE.length ? PALETTE[k] : trialColour(t);
      const e = svg('path', { d: path(t.curve.x.map((x, i) => [c.x(x), log && !(t.curve.series.lr[i] > 0) ? null : c.y(t.curve.series.lr[i])])),
        fill: 'none', stroke: colour, 'stroke-width': 2, 'stroke-opacity': 0.9, class: 'line' }, c.plot);
      hoverable(e, t);
      t._overlayColour = colour;
    });
    legend(box, ts.map(t => ({ label: '#' + t.number + (t.family ? ' ' + t.family : '') + ' · ' + t.epochs + ' ep', colour: t._overlayColour })));
  }

  // ---- hypervolume ------------------------------------------------------------------------------

  function renderHypervolume() {
    const card = document.getElementById('hv-card');
    const box = document.getElementById('plot-hv');
    if (!DATA.hypervolume) {
      card.querySelector('h2').textContent = 'Best value so far';
      document.getElementById('hv-hint').textContent = 'The best ' + objectiveLabel(0) + ' after each trial.';
      const pts = [];
      let best = null;
      TRIALS.forEach(t => {
        if (t.state === 'COMPLETE' && t.values && isNum(t.values[0]) && (best === null || better(0, t.values[0], best))) best = t.values[0];
        pts.push(best);
      });
      if (best === null) { emptyChart(box, 'No complete trial yet.', 300); return; }
      const c = chart(box, { height: 320, x: { domain: [0, Math.max(1, TRIALS.length - 1)], label: 'trial' },
        y: { domain: extent(pts, false), label: 'best ' + objectiveLabel(0) } });
      svg('path', { d: path(pts.map((v, i) => [c.x(i), v === null ? null : c.y(v)])), fill: 'none', stroke: '#2f6fd0', 'stroke-width': 2.2, class: 'hv-line' }, c.plot);
      return;
    }
    document.getElementById('hv-hint').textContent = 'Of the Pareto front after each trial; objectives normalised to [0, 1]'
      + ' over all feasible complete trials, reference point ' + DATA.hypervolume.reference + '. Rising steps are trials that moved the front.';
    const h = DATA.hypervolume.history;
    if (!h.length) { emptyChart(box, 'No trial yet.', 300); return; }
    const c = chart(box, { height: 320, label: 'hypervolume history',
      x: { domain: [0, Math.max(1, h.length - 1)], label: 'trial' },
      y: { domain: [0, Math.max(0.1, Math.max.apply(null, h.filter(isNum)) * 1.08)], label: 'hypervolume' } });
    const stairs = [];
    h.forEach((v, i) => {
      if (!isNum(v)) return;
      if (stairs.length) stairs.push([c.x(i), stairs[stairs.length - 1][1]]);
      stairs.push([c.x(i), c.y(v)]);
    });
    svg('path', { d: path(stairs) + 'L' + c.x(h.length - 1).toFixed(1) + ',' + c.y(0).toFixed(1) + 'L' + c.x(0).toFixed(1) + ',' + c.y(0).toFixed(1) + 'Z',
      fill: '#2f6fd0', 'fill-opacity': 0.1, stroke: 'none' }, c.plot);
    svg('path', { d: path(stairs), fill: 'none', stroke: '#2f6fd0', 'stroke-width': 2.2, class: 'hv-line' }, c.plot);
    h.forEach((v, i) => {
      const t = TRIALS[i];
      if (t && t.front && isNum(v)) {
        hoverable(svg('circle', { cx: c.x(i), cy: c.y(v), r: 4, fill: trialColour(t), stroke: '#fff', 'stroke-width': 1 }, c.plot), t);
      }
    });
  }

  // ---- optimization history ---------------------------------------------------------------------

  function renderHistory() {
    const box = document.getElementById('plot-history');
    document.getElementById('history-hint').textContent = objectiveLabel(0) + ' of each trial in the order they started;'
      + ' the line is the best so far. Pruned trials (×) show their value when stopped.';
    const pts = TRIALS.filter(t => (t.state === 'COMPLETE' || t.state === 'PRUNED') && t.values && isNum(t.values[0]));
    if (!pts.length) { emptyChart(box, 'No trial has finished yet.', 300); return; }
    const ys = pts.map(t => t.values[0]);
    const ylog = wantsLog(ys);
    const c = chart(box, { height: 320, label: 'optimization history',
      x: { domain: [-0.5, Math.max(1, TRIALS.length - 0.5)], label: 'trial' },
      y: { domain: extent(ys, ylog), log: ylog, label: objectiveLabel(0) } });
    const best = [];
    let b = null;
    TRIALS.forEach((t, i) => {
      if (t.state === 'COMPLETE' && t.values && isNum(t.values[0]) && (b === null || better(0, t.values[0], b))) b = t.values[0];
      best.push(b === null ? null : [c.x(i), c.y(b)]);
    });
    const stairs = [];
    best.forEach(p => { if (!p) return; if (stairs.length) stairs.push([p[0], stairs[stairs.length - 1][1]]); stairs.push(p); });
    svg('path', { d: path(stairs), fill: 'none', stroke: '#1d2433', 'stroke-width': 1.6, opacity: 0.75 }, c.plot);
    pts.forEach(t => {
      const px = c.x(t.number), py = c.y(t.values[0]);
      if (t.state === 'PRUNED') hoverable(cross(c.plot, px, py, 3.5, { stroke: PRUNED, 'stroke-width': 1.4 }), t);
      else if (t.feasible === false) hoverable(svg('circle', { cx: px, cy: py, r: 3.8, fill: 'none', stroke: OTHER, 'stroke-width': 1.4 }, c.plot), t);
      else hoverable(svg('circle', { cx: px, cy: py, r: t.front ? 5 : 3.8, fill: trialColour(t), stroke: t.front ? '#1d2433' : 'none', 'stroke-width': 1.2 }, c.plot), t);
    });
    TRIALS.filter(t => t.state === 'FAIL').forEach(t => {
      hoverable(svg('rect', { x: c.x(t.number) - 2, y: c.m.top + 2, width: 4, height: 8, fill: t.interrupted ? '#9aa5b4' : PRUNED, opacity: 0.8 }, c.plot), t);
    });
    legend(box, families().map(f => ({ label: f, colour: familyColour(f) }))
      .concat([{ label: 'pruned ×', colour: PRUNED, square: true }, { label: 'failed (marks at the top)', colour: OTHER, square: true }]));
  }

  // ---- intermediate values ----------------------------------------------------------------------

  function renderIntermediate() {
    const box = document.getElementById('plot-intermediate');
    const useEpochs = TRIALS.some(t => t.epochLoss && t.epochLoss.length);
    document.getElementById('intermediate-hint').textContent = useEpochs
      ? 'Validation loss after each epoch of every trial; red dashed lines were pruned (× where they stopped), thick lines are Pareto trials.'
        + (DATA.checkpoints === 'percent' ? ' The pruner compared trials at 25, 50 and 75 % of their runs.' : '')
        + (TRIALS.some(t => t.repeatLosses) ? ' A trial trained several times shows the mean of its runs (a pruned one its first run: the pruner judged it on that run).' : '')
      : objectiveLabel(0) + ' reported at each step; red dashed lines were pruned.';
    const series = TRIALS.map(t => {
      let pts = [];
      if (useEpochs && t.epochLoss) pts = t.epochLoss.map((v, i) => [i + 1, v]);
      else if (!useEpochs && t.intermediate) pts = t.intermediate.map(r => [r[0], r[1]]);
      return { t: t, pts: pts.filter(p => isNum(p[1])) };
    }).filter(s => s.pts.length);
    if (!series.length) { emptyChart(box, 'No trial reported intermediate values.', 300); return; }
    const xs = [], ys = [];
    series.forEach(s => s.pts.forEach(p => { xs.push(p[0]); ys.push(p[1]); }));
    const ylog = wantsLog(ys);
    const c = chart(box, { height: 320, label: 'intermediate values',
      x: { domain: [Math.min.apply(null, xs), Math.max(Math.max.apply(null, xs), Math.min.apply(null, xs) + 1)],
        label: useEpochs ? 'epoch' : (DATA.checkpoints === 'percent' ? '% of the run' : 'step') },
      y: { domain: extent(ys, ylog), log: ylog, label: useEpochs ? 'validation loss' : objectiveLabel(0) } });
    const order = s => (s.t.front ? 2 : s.t.state === 'PRUNED' ? 1 : 0);
    series.sort((p, q) => order(p) - order(q)).forEach(s => {
      const t = s.t;
      const pruned = t.state === 'PRUNED';
      const d = path(s.pts.map(p => [c.x(p[0]), c.y(p[1])]));
      const e = svg('path', { d: d, fill: 'none', stroke: pruned ? PRUNED : trialColour(t), 'stroke-width': t.front ? 2.4 : 1.2,
        'stroke-opacity': t.front ? 0.95 : pruned ? 0.55 : 0.3, 'stroke-dasharray': pruned ? '4 3' : null, class: 'line' }, c.plot);
      hoverable(e, t);
      if (pruned) {
        const last = s.pts[s.pts.length - 1];
        hoverable(cross(c.plot, c.x(last[0]), c.y(last[1]), 4, { stroke: PRUNED, 'stroke-width': 1.8 }), t);
      }
    });
    legend(box, [{ label: 'complete', colour: PALETTE[0] }, { label: 'Pareto trial (thick)', colour: '#1d2433' },
      { label: 'pruned (dashed, × where stopped)', colour: PRUNED }]);
  }

  // ---- parameter importance ---------------------------------------------------------------------

  function groupOptions(selectId, groups, onChange) {
    const sel = clear(document.getElementById(selectId));
    groups.forEach((g, i) => html('option', { value: String(i) }, sel, g));
    sel.onchange = onChange;
    return sel;
  }

  // Sets a select's options to labels unless it has them already, keeping the chosen position.
  function syncOptions(selectId, labels, onChange) {
    const sel = document.getElementById(selectId);
    const now = Array.from(sel.options).map(o => o.textContent);
    if (now.length !== labels.length || now.some((l, i) => l !== labels[i])) {
      const keep = Number(sel.value) || 0;
      groupOptions(selectId, labels, onChange);
      if (keep < labels.length) sel.value = String(keep);
    }
    return sel;
  }

  function renderImportance() {
    const box = document.getElementById('plot-importance');
    const groups = DATA.importance || [];
    if (!groups.length) {
      groupOptions('importance-group', [], null);
      emptyChart(box, 'Too few complete trials for importance (at least 4).', 200);
      return;
    }
    const sel = syncOptions('importance-group', groups.map(g => g.family ? 'family ' + g.family + ' (' + g.trials + ' trials)'
      : 'all complete trials (' + g.trials + ')'), renderImportance);
    const g = groups[Number(sel.value) || 0];
    const objNames = Object.keys(g.objectives);
    const params = [];
    objNames.forEach(o => Object.keys(g.objectives[o]).forEach(p => { if (params.indexOf(p) < 0) params.push(p); }));
    if (!params.length) { emptyChart(box, 'No parameter varies in this group.', 200); return; }
    params.sort((p, q) => (g.objectives[objNames[0]][q] || 0) - (g.objectives[objNames[0]][p] || 0));
    clear(box);
    const W = Math.max(300, Math.floor(box.clientWidth || 600));
    const band = 14 * objNames.length + 12;
    const left = Math.min(180, 12 + 7 * Math.max.apply(null, params.map(p => p.length)));
    const H = 20 + band * params.length + 30;
    const root = svg('svg', { class: 'chart', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'parameter importance' }, box);
    const x = linearScale(0, 1, left, W - 60);
    const grid = svg('g', { class: 'grid' }, root);
    [0, 0.25, 0.5, 0.75, 1].forEach(v => {
      svg('line', { x1: x(v), x2: x(v), y1: 10, y2: H - 28 }, grid);
      svgText(root, x(v), H - 14, v.toFixed(2), { 'text-anchor': 'middle' });
    });
    const colours = ['#2f6fd0', '#f28e2b', '#59a14f', '#b07aa1'];
    params.forEach((p, i) => {
      const y0 = 12 + i * band;
      svgText(root, left - 8, y0 + band / 2, p, { 'text-anchor': 'end', class: 'axis-title' });
      objNames.forEach((o, k) => {
        const v = g.objectives[o][p] || 0;
        const bar = svg('rect', { x: x(0), y: y0 + 4 + k * 14, width: Math.max(1, x(v) - x(0)), height: 11, rx: 2,
          fill: colours[k % colours.length], class: 'bar' }, root);
        const tip = o.replace(/_/g, ' ') + ': ' + p + ' ' + v.toFixed(3);
        bar.addEventListener('mousemove', evt => showTip(evt, [p, tip]));
        bar.addEventListener('mouseleave', hideTip);
        svgText(root, x(v) + 5, y0 + 13 + k * 14, v.toFixed(2), {});
      });
    });
    legend(box, objNames.map((o, k) => ({ label: 'for ' + o.replace(/_/g, ' '), colour: colours[k % colours.length], square: true })));
  }

  // ---- parallel coordinates ---------------------------------------------------------------------

  function renderParallel() {
    const box = document.getElementById('plot-parallel');
    const complete = TRIALS.filter(t => t.state === 'COMPLETE' && t.values);
    if (complete.length < 2) { groupOptions('parallel-group', [], null); emptyChart(box, 'Needs two complete trials.', 200); return; }
    const fams = families();
    const sel = syncOptions('parallel-group', ['all complete trials'].concat(fams.map(f => 'family ' + f)), renderParallel);
    const gi = Number(sel.value) || 0;
    const family = gi === 0 ? null : fams[gi - 1];
    const ts = family ? complete.filter(t => t.family === family) : complete;
    document.getElementById('parallel-colour').textContent = objectiveLabel(0);
    // axes: parameters every trial of the group has, then the objectives
    const names = [];
    DATA.params.forEach(p => { if (ts.length && ts.every(t => t.params[p.name] !== undefined)) names.push(p); });
    const axes = names.map(p => ({ label: p.name, param: p, get: t => t.params[p.name] }));
    OBJECTIVES.forEach((o, i) => axes.push({ label: objectiveLabel(i), get: t => t.values[i] }));
    if (!ts.length) { emptyChart(box, 'No complete trial in this family.', 200); return; }
    clear(box);
    const W = Math.max(300, Math.floor(box.clientWidth || 600));
    const H = 330, top = 26, bottom = 30;
    const root = svg('svg', { class: 'chart', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'parallel coordinates' }, box);
    const ax = linearScale(0, Math.max(1, axes.length - 1), 40, W - 40);
    const scales = axes.map(a => {
      if (a.param && a.param.type === 'categorical') {
        const ch = a.param.choices;
        const s = v => H - bottom - (ch.indexOf(String(v)) + 0.5) / ch.length * (H - top - bottom);
        s.labels = ch.map(cv => [cv, s(cv)]);
        return s;
      }
      const vals = ts.map(a.get).filter(isNum);
      const log = a.param ? !!a.param.log : wantsLog(vals);
      const dom = a.param && isNum(a.param.low) ? [a.param.low, a.param.high] : extent(vals, log);
      const s = (log ? logScale : linearScale)(dom[0], dom[1], H - bottom, top);
      s.labels = s.ticks(4).map(v => [fmt(v, 3), s(v)]);
      return s;
    });
    const objVals = ts.map(t => t.values[0]);
    const lo = Math.min.apply(null, objVals), hi = Math.max.apply(null, objVals);
    const colour = v => {
      let q = hi > lo ? (v - lo) / (hi - lo) : 0.5;
      if (OBJECTIVES[0].direction !== 'minimize') q = 1 - q;
      const c0 = [23, 64, 140], c1 = [190, 210, 236];
      return 'rgb(' + c0.map((c, i) => Math.round(c + (c1[i] - c) * q)).join(',') + ')';
    };
    const lines = svg('g', {}, root);
    ts.slice().sort((p, q) => better(0, p.values[0], q.values[0]) ? 1 : -1).forEach(t => {
      const pts = axes.map((a, i) => { const v = a.get(t); return [ax(i), v === undefined || v === null ? null : scales[i](v)]; });
      const e = svg('polyline', { points: pts.filter(p => isNum(p[1])).map(p => p[0].toFixed(1) + ',' + p[1].toFixed(1)).join(' '),
        fill: 'none', stroke: colour(t.values[0]), 'stroke-width': t.front ? 2.2 : 1.2, 'stroke-opacity': t.front ? 0.95 : 0.6 }, lines);
      hoverable(e, t);
    });
    axes.forEach((a, i) => {
      const g = svg('g', {}, root);
      svg('line', { x1: ax(i), x2: ax(i), y1: top, y2: H - bottom, stroke: '#8792a2', 'stroke-width': 1 }, g);
      svgText(g, ax(i), top - 10, a.label, { 'text-anchor': 'middle', class: 'axis-title' });
      scales[i].labels.forEach(l => {
        svg('line', { x1: ax(i) - 3, x2: ax(i) + 3, y1: l[1], y2: l[1], stroke: '#8792a2' }, g);
        svgText(g, ax(i) + 5, l[1] + 3.5, l[0], { 'text-anchor': 'start', class: 'halo' });
      });
    });
  }

  // ---- evidence ---------------------------------------------------------------------------------

  function renderEvidence() {
    const card = document.getElementById('evidence-card');
    const ev = DATA.evidence;
    if (!ev) { card.style.display = 'none'; return; }
    card.style.display = '';
    document.getElementById('evidence-hint').textContent = (ev.description || '') + (ev.machine ? ' Measured on ' + ev.machine + '.' : '');
    const box = document.getElementById('plot-evidence');
    const groups = ev.schedules || [];
    const metric = ev.metric === 'test' ? 'test' : 'validation';
    if (groups.length) {
      const names = [];
      groups.forEach(g => g.results.forEach(r => { if (names.indexOf(r.name) < 0) names.push(r.name); }));
      clear(box);
      const W = Math.max(300, Math.floor(box.clientWidth || 900));
      const H = 330, m = { top: 14, right: 16, bottom: 46, left: 62 };
      const all = [];
      groups.forEach(g => g.results.forEach(r => { all.push(r.loss_mean + (r.loss_sd || 0)); all.push(r.loss_mean - (r.loss_sd || 0)); }));
      const ylog = wantsLog(all);
      const c = chart(box, { height: H, margin: m, label: 'tuned schedules against common defaults',
        x: { domain: [0, groups.length], format: () => '' }, y: { domain: extent(all.concat(ylog ? [] : [0]), ylog), log: ylog, label: metric + ' loss (mean ± sd)' } });
      const gw = (c.x(1) - c.x(0));
      const bw = Math.min(26, gw * 0.8 / names.length);
      groups.forEach((g, gi) => {
        const x0 = c.x(gi) + (gw - bw * names.length) / 2;
        svgText(c.root, c.x(gi) + gw / 2, H - m.bottom + 15, g.epochs + ' epochs', { 'text-anchor': 'middle' });
        if (g.label) svgText(c.root, c.x(gi) + gw / 2, H - m.bottom + 28, g.label, { 'text-anchor': 'middle' });
        g.results.forEach(r => {
          const k = names.indexOf(r.name);
          const colour = k === 0 ? '#2f6fd0' : ['#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#9c755f'][(k - 1) % 6];
          const bottomY = ylog ? c.y(c.y.domain[0]) : c.y(0);
          const top = c.y(r.loss_mean);
          const bar = svg('rect', { x: x0 + k * bw, y: Math.min(top, bottomY), width: bw - 3, height: Math.abs(bottomY - top), fill: colour, rx: 2, class: 'bar' }, c.plot);
          const tip = [r.name + ', ' + g.epochs + ' epochs', metric + ' loss ' + fmt(r.loss_mean, 4) + ' ± ' + fmt(r.loss_sd, 2)
            + (isNum(r.acc_mean) ? ' · accuracy ' + (100 * r.acc_mean).toFixed(2) + ' %' : ''),
            'seeds: ' + (r.losses || []).map(v => fmt(v, 4)).join(', ')];
          bar.addEventListener('mousemove', evt => showTip(evt, tip));
          bar.addEventListener('mouseleave', hideTip);
          if (isNum(r.loss_sd) && r.loss_sd > 0) {
            const cx = x0 + k * bw + (bw - 3) / 2;
            svg('path', { d: 'M' + cx + ',' + c.y(r.loss_mean + r.loss_sd) + 'V' + c.y(Math.max(r.loss_mean - r.loss_sd, ylog ? c.y.domain[0] : -Infinity))
              + 'M' + (cx - 3) + ',' + c.y(r.loss_mean + r.loss_sd) + 'h6', stroke: '#1d2433', 'stroke-width': 1.2 }, c.plot);
          }
        });
      });
      legend(box, names.map((n, k) => ({ label: n, square: true,
        colour: k === 0 ? '#2f6fd0' : ['#f28e2b', '#59a14f', '#e15759', '#76b7b2', '#b07aa1', '#9c755f'][(k - 1) % 6] })));
    } else {
      clear(box);
    }
    const sbox = document.getElementById('plot-samplers');
    const s = ev.samplers;
    if (s && s.rows && s.rows.length) {
      clear(sbox);
      const W = Math.max(300, Math.floor(sbox.clientWidth || 900));
      const rowH = 34, left = 190, H = 30 + rowH * s.rows.length + 34;
      html('p', { class: 'hint' }, sbox, 'Hypervolume of the Pareto front after ' + s.trials + ' trials (' + (s.seeds || []).length
        + ' seeds; ' + (s.normalisation || '') + ')');
      const root = svg('svg', { class: 'chart', width: W, height: H, viewBox: '0 0 ' + W + ' ' + H, role: 'img', 'aria-label': 'sampler comparison' }, sbox);
      let max = 0;
      s.rows.forEach(r => (r.hypervolumes || []).concat([r.mean]).forEach(v => { if (isNum(v)) max = Math.max(max, v); }));
      const x = linearScale(0, max * 1.1 || 1, left, W - 70);
      const grid = svg('g', { class: 'grid' }, root);
      x.ticks(5).forEach(v => { svg('line', { x1: x(v), x2: x(v), y1: 12, y2: H - 26 }, grid); svgText(root, x(v), H - 10, fmt(v, 3), { 'text-anchor': 'middle' }); });
      s.rows.forEach((r, i) => {
        const y0 = 16 + i * rowH;
        svgText(root, left - 8, y0 + 16, r.sampler, { 'text-anchor': 'end', class: 'axis-title' });
        svg('rect', { x: x(0), y: y0 + 4, width: Math.max(1, x(r.mean) - x(0)), height: 20, rx: 3, fill: i === 0 ? '#2f6fd0' : '#bab0ac', class: 'bar' }, root);
        svgText(root, x(r.mean) + 6, y0 + 18, 'mean ' + fmt(r.mean, 3), {});
        (r.hypervolumes || []).forEach(v => svg('circle', { cx: x(v), cy: y0 + 14, r: 3.2, fill: '#1d2433', opacity: 0.7 }, root));
      });
    } else {
      clear(sbox);
    }
    const table = clear(document.getElementById('evidence-table'));
    if (groups.length) {
      const head = html('tr', {}, html('thead', {}, table));
      ['epochs', 'schedule', metric + ' loss (mean ± sd)', metric + ' accuracy (mean)', 'per seed'].forEach(h => html('th', {}, head, h));
      const body = html('tbody', {}, table);
      groups.forEach(g => g.results.forEach(r => {
        const tr = html('tr', {}, body);
        html('td', { class: 'num' }, tr, g.epochs);
        html('td', {}, tr, r.name);
        html('td', { class: 'num' }, tr, fmt(r.loss_mean, 4) + ' ± ' + fmt(r.loss_sd, 2));
        html('td', { class: 'num' }, tr, isNum(r.acc_mean) ? (100 * r.acc_mean).toFixed(2) + ' %' : '');
        html('td', { class: 'params' }, tr, (r.losses || []).map(v => fmt(v, 4)).join(', '));
      }));
    }
  }

  // ---- all together -----------------------------------------------------------------------------

  function renderAll() {
    renderPareto();
    renderTable();
    renderTest();
    renderCurves();
    renderHypervolume();
    renderHistory();
    renderIntermediate();
    renderImportance();
    renderParallel();
    renderEvidence();
    if (selected !== null) select(selected); else renderDetail();
  }

  // Until the reader clicks a trial, the selected one is the front's best in the first objective.
  function selectBest() {
    if (chosen && BY_NUMBER.has(selected)) return;
    selected = null;
    if (DATA.front.length) {
      let best = BY_NUMBER.get(DATA.front[0]);
      DATA.front.forEach(n => { const t = BY_NUMBER.get(n); if (t.values && best.values && better(0, t.values[0], best.values[0])) best = t; });
      selected = best.number;
    }
  }

  function show(data) {
    load(data);
    hideTip();
    renderHeader();
    selectBest();
    renderAll();
  }

  show(JSON.parse(document.getElementById('study-data').textContent));
  document.addEventListener('schedtune:data', evt => show(evt.detail));
  document.getElementById('curves-log').addEventListener('change', () => { renderCurves(); if (selected !== null) select(selected); });
  let resizeTimer = null;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(renderAll, 150);
  });
})();
