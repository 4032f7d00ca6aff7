// Shared by the Genesys and CXone bridge pages: the one-time handshake with the bridge
// (POST /widget/session) and the popup login's message channel. No third-party code.
(function () {
  'use strict';

  const TOKEN_MESSAGE = 'profile-bridge:token';
  const CODE_MESSAGE = 'profile-bridge:code';
  const $ = (id) => document.getElementById(id);

  function say(text, kind) {
    const m = $('message');
    m.textContent = text;
    m.dataset.kind = kind || 'info';
  }

  async function config() {
    const r = await fetch('/widget/config', { credentials: 'same-origin', cache: 'no-store' });
    if (!r.ok) throw new Error('config ' + r.status);
    return r.json();
  }

  /** Posts the handshake once; resolves to {status, body}. The token is never kept. */
  async function handshake(fields) {
    const r = await fetch('/widget/session', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json', 'Accept': 'application/json' },
      body: JSON.stringify(fields)
    });
    let body = {};
    try { body = await r.json(); } catch (e) { /* no body */ }
    return { status: r.status, body: body };
  }

  /** Opens the widget the bridge answered with: a path on this origin only. */
  function openWidget(widgetUrl) {
    if (typeof widgetUrl !== 'string' || !widgetUrl.startsWith('/widget')) {
      say('Unexpected answer from Profile Bridge.', 'error');
      return;
    }
    window.location.replace(widgetUrl);
  }

  /**
   * Waits for the login popup's message. Only a message from that popup window, from this very
   * origin (the popup's pages are served by the bridge too), of the expected type and state counts.
   */
  function awaitPopup(popup, type, state) {
    return new Promise((resolve, reject) => {
      const timer = setInterval(() => {
        if (popup.closed) { cleanup(); reject(new Error('closed')); }
      }, 500);
      function onMessage(event) {
        if (event.origin !== window.location.origin || event.source !== popup) return;
        const data = event.data;
        if (!data || data.type !== type || (state && data.state !== state)) return;
        cleanup();
        resolve(data);
      }
      function cleanup() {
        clearInterval(timer);
        window.removeEventListener('message', onMessage);
      }
      window.addEventListener('message', onMessage);
    });
  }

  function openPopup(url) {
    const popup = window.open(url, 'profile-bridge-login', 'popup,width=480,height=640');
    if (!popup) throw new Error('popup-blocked');
    return popup;
  }

  function randomString(bytes) {
    const a = new Uint8Array(bytes);
    crypto.getRandomValues(a);
    return btoa(String.fromCharCode.apply(null, a)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  async function pkceChallenge(verifier) {
    const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier));
    return btoa(String.fromCharCode.apply(null, new Uint8Array(digest)))
      .replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }

  /** Explains a refused handshake to the agent without any technical detail beyond the bridge's own. */
  function refused(result, platformName) {
    if (result.status === 401) {
      say((result.body && result.body.detail) || 'Your sign-in was refused.', 'error');
    } else if (result.status === 503) {
      say(platformName + ' is unavailable right now. Try again in a moment.', 'error');
    } else {
      say('The widget cannot be opened (' + result.status + ').', 'error');
    }
  }

  /**
   * The sign-in flow both bridge pages share: join the agent's existing widget session (another
   * widget of this desktop signed in already), else show "Sign in"; on click, run the platform's
   * popup login, hand the token over once and open the widget.
   *
   * @param page {platformName, fields(token): handshake fields, login(): Promise of a token,
   *     onOpened(): optional}
   * @return join(): tries to join, or asks the agent to sign in
   */
  function signInFlow(page) {
    const button = $('sign-in');

    /** Resolves to null when the widget opens, else to the refused handshake. */
    async function open(token) {
      const result = await handshake(page.fields(token));
      if (result.status !== 200) return result;
      if (page.onOpened) page.onOpened();
      openWidget(result.body.widgetUrl);
      return null;
    }

    button.addEventListener('click', async function () {
      button.disabled = true;
      let token;
      try {
        token = await page.login();
      } catch (e) {
        button.disabled = false;
        say(e.message === 'popup-blocked' ? 'Allow pop-ups for this widget, then sign in again.'
          : e.message === 'no-client' ? 'No ' + page.platformName + ' OAuth client is configured for Profile Bridge.'
          : 'The sign-in did not complete. Sign in again.', 'error');
        return;
      }
      say('Checking your sign-in…');
      const refusal = await open(token);
      token = null;
      if (refusal) {
        button.disabled = false;
        refused(refusal, page.platformName);
      }
    });

    return async function join() {
      if ((await open(null)) === null) return;
      say('Sign in to see the customer profile.');
      button.hidden = false;
      button.focus();
    };
  }

  /** For login popups: hands the result to the bridge page that opened this window, then closes. */
  function replyToOpener(message) {
    if (!window.opener || window.opener.closed) {
      say('Open this page from the Profile Bridge widget.', 'error');
      return false;
    }
    window.opener.postMessage(message, window.location.origin);
    window.close();
    return true;
  }

  window.ProfileBridge = {
    TOKEN_MESSAGE, CODE_MESSAGE, $, say, config, handshake, openWidget, awaitPopup, openPopup,
    randomString, pkceChallenge, refused, replyToOpener, signInFlow
  };
})();
