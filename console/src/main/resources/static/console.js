// Live clocks: the elapsed time against the RTO target, the data-loss window against the RPO target,
// each incident's age and each approval gate's time left before it escalates tick every second.
// Without JavaScript the server-rendered values stand, as of when the page was rendered.
(function () {
  function fmt(seconds) {
    var s = Math.max(0, Math.floor(seconds));
    var h = Math.floor(s / 3600), m = Math.floor(s / 60) % 60, r = s % 60;
    var mm = h > 0 ? String(m).padStart(2, '0') : String(m);
    return (h > 0 ? h + ':' : '') + mm + ':' + String(r).padStart(2, '0');
  }
  function tick() {
    var now = Date.now();
    document.querySelectorAll('.clock[data-start]').forEach(function (el) {
      var start = Number(el.dataset.start), stop = Number(el.dataset.stop), target = Number(el.dataset.target);
      if (!start) { return; }
      var elapsed = ((stop || now) - start) / 1000;
      var label = el.dataset.label || 'RTO';
      el.textContent = fmt(elapsed) + ' of ' + fmt(target);
      var state = el.nextElementSibling;
      if (state && state.classList.contains('rto-state')) {
        var over = elapsed > target;
        state.textContent = over ? 'over ' + label : 'within ' + label;
        state.classList.toggle('over', over);
        state.classList.toggle('within', !over);
      }
    });
    document.querySelectorAll('.countdown[data-until]').forEach(function (el) {
      var until = Number(el.dataset.until);
      if (until) { el.textContent = fmt((until - now) / 1000); }
    });
    document.querySelectorAll('.age[data-since]').forEach(function (el) {
      var since = Number(el.dataset.since);
      if (since) { el.textContent = fmt((now - since) / 1000); }
    });
  }
  setInterval(tick, 1000);
})();
