// The Genesys Cloud bridge page: takes the interaction from the widget URL, gets the agent's token
// by popup login (the route Genesys documents for iframes), posts it once to the bridge and opens
// the widget. Only environments on the bridge's allowlist are ever contacted.
(function () {
  'use strict';
  const PB = window.ProfileBridge;
  const params = new URLSearchParams(window.location.search);
  const conversationId = params.get('conversationId') || '';
  const lang = params.get('lang') || 'en-us';
  const env = normalise(params.get('env') || '');
  let settings = null;

  /** gcTargetEnv is "mypurecloud.de"; tolerate a host origin such as https://apps.mypurecloud.de. */
  function normalise(value) {
    let e = value.trim().toLowerCase().replace(/^https:\/\//, '').replace(/\/$/, '');
    for (const prefix of ['apps.', 'api.', 'login.']) {
      if (e.startsWith(prefix)) { e = e.substring(prefix.length); break; }
    }
    return e;
  }

  function handshakeFields(token) {
    const fields = { platform: 'genesys', environment: env, interactionId: conversationId, lang: lang };
    const ani = PB.callerNumber(params);
    if (ani !== undefined) fields.ani = ani;
    if (token) fields.token = token;
    return fields;
  }

  async function start() {
    try {
      settings = await PB.config();
    } catch (e) {
      PB.say(PB.t('unavailable'), 'error');
      return;
    }
    if (!env || settings.genesysEnvironments.indexOf(env) < 0) {
      // never contact a host that only a URL parameter names
      PB.say(PB.t('envNotConfigured', env || '—'), 'error');
      return;
    }
    await PB.signInFlow({ platformName: 'Genesys Cloud', fields: handshakeFields, login: login })();
  }

  /**
   * The demo environment ("localhost", allowlisted only in the demo profile) signs in at the demo
   * login page; a real environment uses the implicit grant at https://login.<env> in a popup, whose
   * callback page hands the token back by postMessage.
   */
  async function login() {
    if (settings.demoLogin && env === 'localhost') {
      const popup = PB.openPopup('/embed/genesys/demo-login.html');
      const message = await PB.awaitPopup(popup, PB.TOKEN_MESSAGE, null);
      return message.token;
    }
    if (!settings.genesysClientId) throw new Error('no-client');
    const state = PB.randomString(16);
    const redirect = window.location.origin + '/embed/genesys/oauth-callback.html';
    const url = 'https://login.' + env + '/oauth/authorize?response_type=token'
      + '&client_id=' + encodeURIComponent(settings.genesysClientId)
      + '&redirect_uri=' + encodeURIComponent(redirect)
      + '&state=' + encodeURIComponent(state);
    const popup = PB.openPopup(url);
    const message = await PB.awaitPopup(popup, PB.TOKEN_MESSAGE, state);
    return message.token;
  }

  start();
})();
