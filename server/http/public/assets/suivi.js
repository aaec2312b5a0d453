// Keeps an open status (or confirmation) page current: asks the server every few seconds whether the request
// moved, and if so replaces the changing part in place and says so to screen readers. Without this script, a
// reload shows the same.
(function () {
  'use strict';
  var region = document.getElementById('etat-demande');
  var announcer = document.getElementById('annonce-mise-a-jour');
  if (!region || !window.fetch) return;
  var url = region.getAttribute('data-refresh-url');
  var seconds = Number(region.getAttribute('data-refresh-seconds')) || 20;
  var version = null;

  function poll() {
    // Every failure is caught below (the next poll tries again): nothing is left to await.
    void fetch(url, { headers: { Accept: 'application/json' }, credentials: 'same-origin', cache: 'no-store' })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (answer) {
        if (!answer) return;
        if (answer.version !== version) {
          region.innerHTML = answer.html;
          // The first answer only catches up with what changed while the page loaded: nothing to announce.
          if (version !== null && announcer)
            announcer.textContent = 'Votre demande a avancé' + (answer.latest ? ' : ' + answer.latest : '') + '.';
        }
        version = answer.version;
      })
      .catch(function () {
        /* the next poll tries again */
      })
      .then(function () {
        window.setTimeout(poll, seconds * 1000);
      });
  }
  poll();
})();
