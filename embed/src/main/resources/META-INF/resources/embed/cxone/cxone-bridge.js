// The NICE CXone bridge page (MAX custom workspace / contact panel): takes the contact from the URL
// or from MAX postMessage events (configured MAX origins only; anything else is ignored), gets the
// agent's token by authorization code + PKCE in a popup against the configured CXone issuer, posts
// it once to the bridge and opens the widget.
(function () {
  'use strict';
  const PB = window.ProfileBridge;
  const params = new URLSearchParams(window.location.search);
  let contactId = params.get('contactId') || '';
  const lang = params.get('lang') || 'en-US';
  let settings = null;
  let opened = false;
  let join = null;

  function handshakeFields(token) {
    const fields = { platform: 'cxone', interactionId: contactId, lang: lang };
    const ani = PB.callerNumber(params);
    if (ani !== undefined) fields.ani = ani;
    if (token) fields.token = token;
    return fields;
  }

  /** MAX tells the panel which contact it shows. Only the configured MAX origins are listened to. */
  function onMaxMessage(event) {
    if (!settings || settings.cxoneMaxOrigins.indexOf(event.origin) < 0) return;
    const data = typeof event.data === 'string' ? safeParse(event.data) : event.data;
    const id = data && (data.contactId || data.ContactId || (data.contact && data.contact.contactId));
    if (typeof id !== 'string' && typeof id !== 'number') return;
    const next = String(id);
    if (!/^[A-Za-z0-9._:-]{1,128}$/.test(next) || next === contactId) return;
    contactId = next;
    if (!opened && join) join();
  }

  function safeParse(text) {
    try { return JSON.parse(text); } catch (e) { return null; }
  }

  async function start() {
    try {
      settings = await PB.config();
    } catch (e) {
      PB.say(PB.t('unavailable'), 'error');
      return;
    }
    join = PB.signInFlow({
      platformName: 'NICE CXone',
      fields: handshakeFields,
      login: login,
      onOpened: function () { opened = true; }
    });
    window.addEventListener('message', onMaxMessage);
    await join();
  }

  /**
   * Demo: the demo login page issues a token for a demo agent. Otherwise authorization code + PKCE
   * at the configured issuer (from the bridge's configuration, never from the URL): the popup's
   * callback page returns the code, this page redeems it with its code verifier.
   */
  async function login() {
    if (settings.demoLogin && /\/__demo\/cxone$/.test(settings.cxoneIssuer)) {
      const popup = PB.openPopup('/embed/cxone/demo-login.html');
      const message = await PB.awaitPopup(popup, PB.TOKEN_MESSAGE, null);
      return message.token;
    }
    if (!settings.cxoneClientId) throw new Error('no-client');
    const discovery = await (await fetch(settings.cxoneIssuer.replace(/\/$/, '')
      + '/.well-known/openid-configuration')).json();
    const verifier = PB.randomString(48);
    const state = PB.randomString(16);
    const redirect = window.location.origin + '/embed/cxone/oauth-callback.html';
    const popup = PB.openPopup(discovery.authorization_endpoint + '?response_type=code'
      + '&client_id=' + encodeURIComponent(settings.cxoneClientId)
      + '&redirect_uri=' + encodeURIComponent(redirect)
      + '&scope=openid'
      + '&code_challenge=' + encodeURIComponent(await PB.pkceChallenge(verifier))
      + '&code_challenge_method=S256'
      + '&state=' + encodeURIComponent(state));
    const message = await PB.awaitPopup(popup, PB.CODE_MESSAGE, state);
    const r = await fetch(discovery.token_endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: message.code, redirect_uri: redirect,
        client_id: settings.cxoneClientId, code_verifier: verifier })
    });
    if (!r.ok) throw new Error('token');
    return (await r.json()).access_token;
  }

  start();
})();
