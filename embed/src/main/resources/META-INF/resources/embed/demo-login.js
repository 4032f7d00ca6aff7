// Demo login popup for both platforms: the platform comes from the page's directory.
(function () {
  'use strict';
  const PB = window.ProfileBridge;
  const platform = window.location.pathname.indexOf('/cxone/') >= 0 ? 'cxone' : 'genesys';
  document.querySelectorAll('button[data-agent]').forEach(function (button) {
    button.addEventListener('click', async function () {
      PB.say('Signing in…');
      const r = await fetch('/__demo/' + platform + '/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        body: 'agent=' + encodeURIComponent(button.dataset.agent)
      });
      if (!r.ok) {
        PB.say('The demo login is not available (' + r.status + ').', 'error');
        return;
      }
      const body = await r.json();
      PB.replyToOpener({ type: PB.TOKEN_MESSAGE, platform: platform, token: body.access_token });
    });
  });
  // The buttons are served disabled so that a click before this script ran is not silently lost.
  document.querySelectorAll('button[data-agent]').forEach(function (button) { button.disabled = false; });
  const first = document.querySelector('button[data-agent]');
  if (first) first.focus();
})();
