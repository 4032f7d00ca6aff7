// Shared by the Genesys and CXone bridge pages: the one-time handshake with the bridge
// (POST /widget/session) and the popup login's message channel. No third-party code.
(function () {
  'use strict';

  const TOKEN_MESSAGE = 'profile-bridge:token';
  const CODE_MESSAGE = 'profile-bridge:code';
  const $ = (id) => document.getElementById(id);

  // The agent's language as the host passes it (Genesys gcLangTag "de-de", CXone "de-DE"): every
  // word on these pages comes from here; English for any other language.
  const TEXTS = {
    en: {
      connecting: 'Connecting…',
      signInWith: 'Sign in with {0}',
      signInPrompt: 'Sign in to see the customer profile.',
      checking: 'Checking your sign-in…',
      loading: 'Loading the customer…',
      unavailable: 'Profile Bridge is unavailable. Try again in a moment.',
      platformDown: '{0} is unavailable right now. Try again in a moment.',
      refused: 'Your sign-in was refused.',
      expired: 'Your sign-in has expired or was revoked. Sign in again.',
      cannotOpen: 'The widget cannot be opened ({0}).',
      popupBlocked: 'Allow pop-ups for this widget, then sign in again.',
      noClient: 'No {0} OAuth client is configured for Profile Bridge.',
      incomplete: 'The sign-in did not complete. Sign in again.',
      unexpected: 'Unexpected answer from Profile Bridge.',
      envNotConfigured: 'This Genesys Cloud environment ({0}) is not configured for Profile Bridge.',
      foreignOrg: 'Your {0} organisation ({1}) is not connected to this Profile Bridge. Signing in again will not help: ask your Profile Bridge administrator to add this organisation.'
    },
    de: {
      connecting: 'Verbindung wird aufgebaut…',
      signInWith: 'Mit {0} anmelden',
      signInPrompt: 'Anmelden, um das Kundenprofil zu sehen.',
      checking: 'Anmeldung wird geprüft…',
      loading: 'Kunde wird geladen…',
      unavailable: 'Profile Bridge ist nicht erreichbar. Gleich noch einmal versuchen.',
      platformDown: '{0} ist gerade nicht erreichbar. Gleich noch einmal versuchen.',
      refused: 'Die Anmeldung wurde abgelehnt.',
      expired: 'Die Anmeldung ist abgelaufen oder wurde widerrufen. Bitte erneut anmelden.',
      cannotOpen: 'Das Widget kann nicht geöffnet werden ({0}).',
      popupBlocked: 'Pop-ups für dieses Widget erlauben und erneut anmelden.',
      noClient: 'Für Profile Bridge ist kein {0}-OAuth-Client eingerichtet.',
      incomplete: 'Die Anmeldung wurde nicht abgeschlossen. Bitte erneut anmelden.',
      unexpected: 'Unerwartete Antwort von Profile Bridge.',
      envNotConfigured: 'Diese Genesys-Cloud-Umgebung ({0}) ist für Profile Bridge nicht eingerichtet.',
      foreignOrg: 'Ihre {0}-Organisation ({1}) ist nicht mit dieser Profile Bridge verbunden. Erneutes Anmelden hilft nicht: bitten Sie Ihre Profile-Bridge-Administration, diese Organisation hinzuzufügen.'
    }
  };
  const lang = (new URLSearchParams(window.location.search).get('lang') || 'en').toLowerCase();
  const texts = TEXTS[lang.split(/[-_]/)[0]] || TEXTS.en;
  document.documentElement.lang = texts === TEXTS.de ? 'de' : 'en';

  /** A text in the agent's language, {0}, {1} filled in. */
  function t(key) {
    const args = Array.prototype.slice.call(arguments, 1);
    return (texts[key] || TEXTS.en[key]).replace(/\{(\d)\}/g, (m, i) => String(args[+i]));
  }

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
      say(t('unexpected'), 'error');
      return;
    }
    say(t('loading'));
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
    const type = (result.body && result.body.type) || '';
    if (/\/foreign-organisation$/.test(type)) {
      say(t('foreignOrg', platformName, String(result.body.organisation || '?')), 'error');
      return 'final';
    }
    if (result.status === 401) {
      const detail = (result.body && result.body.detail) || '';
      say(/expired|revoked/.test(detail) ? t('expired') : texts === TEXTS.en && detail ? detail : t('refused'), 'error');
    } else if (result.status === 503) {
      say(t('platformDown', platformName), 'error');
    } else {
      say(t('cannotOpen', result.status), 'error');
    }
    return 'retry';
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
    button.textContent = t('signInWith', page.platformName);

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
        say(e.message === 'popup-blocked' ? t('popupBlocked')
          : e.message === 'no-client' ? t('noClient', page.platformName) : t('incomplete'), 'error');
        return;
      }
      say(t('checking'));
      const refusal = await open(token);
      token = null;
      if (refusal && refused(refusal, page.platformName) === 'final') {
        button.hidden = true; // the same sign-in would be refused again: only an administrator can help
      } else if (refusal) {
        button.disabled = false;
      }
    });

    return async function join() {
      if ((await open(null)) === null) return;
      say(t('signInPrompt'));
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

  if ($('message') && $('sign-in')) say(t('connecting'));

  /**
   * The caller's number when the host passes one ({@code ani}; an empty value means withheld), for the
   * handshake only: it stays in the server session and the widget shows it masked.
   */
  function callerNumber(params) {
    return params.has('ani') ? params.get('ani') : undefined;
  }

  window.ProfileBridge = {
    callerNumber,
    TOKEN_MESSAGE, CODE_MESSAGE, $, t, say, config, handshake, openWidget, awaitPopup, openPopup,
    randomString, pkceChallenge, refused, replyToOpener, signInFlow
  };
})();
