// A study page served by schedtune dashboard follows its study: every few seconds it asks the server what
// changed since the version it shows (only changed trials and parts come back), merges that into its data
// and hands the result to the report's script as a 'schedtune:data' event. The status line says whether
// the page is live, the storage unreachable, or the study gone. Text goes in through textContent only.
(function () {
  'use strict';

  const POLL_MS = 2000;
  const first = JSON.parse(document.getElementById('study-data').textContent);
  if (!first.live) return;
  const status = document.getElementById('live-status');
  let data = first;

  function say(kind, text) {
    status.hidden = false;
    status.className = 'live ' + kind;
    status.setAttribute('data-state', kind === 'ok' ? 'live' : kind);
    status.textContent = text;
  }

  function clock(iso) {
    const d = iso ? new Date(iso) : new Date();
    return isNaN(d.getTime()) ? '' : d.toLocaleTimeString();
  }

  function liveText() {
    return 'Live: ' + data.counts.total + ' trials (' + (data.counts.running || 0) + ' running); last change '
      + clock(data.generated) + ', checked ' + clock(null);
  }

  // An update is everything (a new study under this name, or a page too old), or the trials and parts that
  // changed since the page's version.
  function merge(update) {
    if (!update.delta) return update;
    const next = Object.assign({}, data, update);
    delete next.delta;
    const byNumber = new Map(data.trials.map(t => [t.number, t]));
    update.trials.forEach(t => byNumber.set(t.number, t));
    next.trials = Array.from(byNumber.values()).sort((p, q) => p.number - q.number);
    return next;
  }

  async function poll() {
    let wait = POLL_MS;
    try {
      const response = await fetch(first.live.api + '?since=' + encodeURIComponent(String(data.version)),
        { cache: 'no-store', credentials: 'same-origin' });
      const answer = await response.json();
      if (answer.update) {
        data = merge(answer.update);
        document.dispatchEvent(new CustomEvent('schedtune:data', { detail: data }));
      }
      if (answer.status === 'unreachable') {
        say('bad', 'Storage unreachable, retrying: ' + answer.message + ' (since ' + clock(answer.since) + ').'
          + ' The page shows the study as last read.');
      } else if (answer.status === 'gone') {
        say('bad', 'This study is no longer in the storage (deleted?). The page shows it as last read.');
      } else if (answer.status === 'loading') {
        say('bad', 'Reading the study…');
      } else {
        say('ok', liveText());
      }
    } catch (e) {
      say('bad', 'The dashboard server does not answer; retrying.');
      wait = 2 * POLL_MS;
    }
    setTimeout(poll, wait);
  }

  say('ok', liveText());
  setTimeout(poll, POLL_MS);
})();
