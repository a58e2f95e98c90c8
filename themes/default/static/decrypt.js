/*
 * playbook: open an encrypted page in the browser.
 *
 * The page served is only a passphrase form plus a JSON data block
 * (#playbook-payload) written by generator/encrypt.py; this file is the other
 * half of that format. Keys are AES-256-GCM, derived with PBKDF2-HMAC-SHA256
 * from the NFC-normalised passphrase. Only the derived key is ever stored (never
 * the passphrase): in sessionStorage for this tab, and in localStorage with an
 * expiry when "Remember on this device" is ticked. Storage entries are keyed by
 * salt + iteration count, so a rebuild with a new salt asks again.
 *
 * Loaded as a classic, render-blocking script from <head>, so it can hide the
 * form before first paint when a stored key will probably open the page.
 * No inline code, no eval, no network: it runs under the site's strict CSP.
 */
(function () {
  "use strict";

  const KEY_PREFIX = "playbook-key:v1:";
  const KDF_NAME = "PBKDF2-HMAC-SHA256";
  const MIN_ITERATIONS = 600000;
  const MAX_ITERATIONS = 6000000; // a tampered count must not hang the tab
  const CHECK_AAD = "playbook-key-check";
  const DEFAULT_REMEMBER_DAYS = 30;
  const DAY_MS = 24 * 60 * 60 * 1000;
  const UNLOCKING_CLASS = "playbook-unlocking";
  // Opened as a local file, the page shares its localStorage with every other local
  // file the browser opens (Chromium gives them one origin): any HTML file opened from
  // disk, an attachment, could read a remembered key. Such a page remembers nothing.
  const CAN_REMEMBER = location.protocol !== "file:";

  const MESSAGES = {
    wrong: "That passphrase does not open this playbook.",
    tampered: "This page could not be decrypted: it was altered or is damaged.",
    empty: "Enter the passphrase.",
    unsupported:
      "This browser cannot unlock the playbook here: open it over HTTPS, from localhost, or as a local file.",
    unexpected: "Something went wrong while unlocking. Reload the page and try again.",
    forgotten: "This device no longer remembers the passphrase.",
    unlocking: "Unlocking…",
  };

  const encoder = new TextEncoder();

  // decrypt.js lives at <site root>/static/decrypt.js: the site root is the
  // script's parent directory, whatever asset_prefix the shell used.
  const thisScript = document.currentScript;
  const siteRoot = new URL("../", thisScript && thisScript.src ? thisScript.src : location.href);

  function storage(name) {
    try {
      return window[name] || null; // access itself throws when storage is blocked
    } catch (_) {
      return null;
    }
  }

  function storageKeys(store) {
    const keys = [];
    try {
      for (let i = 0; i < store.length; i += 1) {
        const name = store.key(i);
        if (name !== null && name.startsWith(KEY_PREFIX)) keys.push(name);
      }
    } catch (_) {
      /* blocked storage: nothing to list */
    }
    return keys;
  }

  function removeItem(store, name) {
    try {
      store.removeItem(name);
    } catch (_) {
      /* ignore */
    }
  }

  function setItem(store, name, value) {
    try {
      store.setItem(name, value);
    } catch (_) {
      /* quota or blocked storage: the user just types the passphrase again */
    }
  }

  /** Clear every key this site stored, in both storages. Returns how many went. */
  function forgetDevice() {
    let removed = 0;
    for (const store of [storage("sessionStorage"), storage("localStorage")]) {
      if (!store) continue;
      for (const name of storageKeys(store)) {
        removeItem(store, name);
        removed += 1;
      }
    }
    return removed;
  }
  window.playbookForgetDevice = forgetDevice;

  function readLocalEntry(store, name) {
    let entry = null;
    try {
      entry = JSON.parse(store.getItem(name));
    } catch (_) {
      entry = null;
    }
    if (
      !entry ||
      typeof entry.key !== "string" ||
      typeof entry.expires !== "number" ||
      entry.expires <= Date.now()
    ) {
      removeItem(store, name);
      return null;
    }
    return entry.key;
  }

  /** Candidate stored keys for this build: this tab's first, then the remembered one. */
  function storedKeys(id) {
    const found = [];
    const session = storage("sessionStorage");
    if (session) {
      let value = null;
      try {
        value = session.getItem(id);
      } catch (_) {
        value = null;
      }
      if (value) found.push({ b64: value, discard: () => removeItem(session, id) });
    }
    const local = storage("localStorage");
    if (local) {
      for (const name of storageKeys(local)) {
        const value = readLocalEntry(local, name); // also prunes expired entries
        if (name === id && value) found.push({ b64: value, discard: () => removeItem(local, id) });
      }
    }
    return found;
  }

  function hasAnyStoredKey() {
    const session = storage("sessionStorage");
    const local = storage("localStorage");
    return Boolean((session && storageKeys(session).length) || (local && storageKeys(local).length));
  }

  function storeKey(id, rawKey, remember, days) {
    const b64 = toBase64(rawKey);
    const session = storage("sessionStorage");
    if (session) setItem(session, id, b64);
    const local = storage("localStorage");
    if (!local) return;
    if (remember) {
      setItem(local, id, JSON.stringify({ key: b64, expires: Date.now() + days * DAY_MS }));
    } else {
      removeItem(local, id);
    }
  }

  function fromBase64(text) {
    const binary = atob(text);
    const bytes = new Uint8Array(binary.length);
    for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
    return bytes;
  }

  function toBase64(bytes) {
    let binary = "";
    for (let i = 0; i < bytes.length; i += 0x8000) {
      binary += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
    }
    return btoa(binary);
  }

  function parsePayload(text) {
    const data = JSON.parse(text);
    if (!data || data.v !== 1 || data.kdf !== KDF_NAME) throw new Error("unknown payload");
    if (
      !Number.isSafeInteger(data.iter) ||
      data.iter < MIN_ITERATIONS ||
      data.iter > MAX_ITERATIONS
    ) {
      throw new Error("bad iteration count");
    }
    const bytes = {};
    for (const name of ["salt", "iv", "ct", "check_iv", "check"]) {
      if (typeof data[name] !== "string") throw new Error("missing " + name);
      bytes[name] = fromBase64(data[name]);
    }
    if (
      bytes.iv.length !== 12 ||
      bytes.check_iv.length !== 12 ||
      bytes.salt.length < 16 ||
      bytes.salt.length > 64
    ) {
      throw new Error("bad lengths");
    }
    return {
      id: KEY_PREFIX + data.iter + ":" + data.salt,
      iterations: data.iter,
      salt: bytes.salt,
      iv: bytes.iv,
      ct: bytes.ct,
      checkIv: bytes.check_iv,
      check: bytes.check,
    };
  }

  /**
   * The associated data is the page's path below the site root. Directory URLs
   * mean index.html, and hosts with "pretty URLs" may drop ".html", so a few
   * spellings of *this* URL are tried; none lets another path's page open here.
   */
  function sitePathCandidates() {
    const here = location.pathname;
    const root = siteRoot.pathname;
    if (!here.startsWith(root)) return [];
    let rel;
    try {
      rel = decodeURIComponent(here.slice(root.length));
    } catch (_) {
      return [];
    }
    if (rel === "" || rel.endsWith("/")) return [rel + "index.html"];
    const candidates = [rel];
    if (!rel.endsWith(".html")) candidates.push(rel + ".html", rel + "/index.html");
    return candidates;
  }

  async function deriveRawKey(passphrase, payload) {
    const base = await crypto.subtle.importKey(
      "raw",
      encoder.encode(passphrase.normalize("NFC")),
      "PBKDF2",
      false,
      ["deriveBits"],
    );
    const bits = await crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt: payload.salt, iterations: payload.iterations },
      base,
      256,
    );
    return new Uint8Array(bits);
  }

  function importAesKey(rawKey) {
    return crypto.subtle.importKey("raw", rawKey, { name: "AES-GCM" }, false, ["decrypt"]);
  }

  async function decryptOrNull(key, iv, data, aad) {
    try {
      const plain = await crypto.subtle.decrypt(
        { name: "AES-GCM", iv: iv, additionalData: encoder.encode(aad), tagLength: 128 },
        key,
        data,
      );
      return new Uint8Array(plain);
    } catch (_) {
      return null; // GCM authentication failed
    }
  }

  /** "wrong" when the key check fails, "tampered" when only the page fails. */
  async function openPage(key, payload) {
    if (!(await decryptOrNull(key, payload.checkIv, payload.check, CHECK_AAD))) {
      return { kind: "wrong" };
    }
    for (const path of sitePathCandidates()) {
      const plain = await decryptOrNull(key, payload.iv, payload.ct, path);
      if (plain) {
        try {
          return { kind: "ok", html: new TextDecoder("utf-8", { fatal: true }).decode(plain) };
        } catch (_) {
          break;
        }
      }
    }
    return { kind: "tampered" };
  }

  /** Run fn once the document is parsed (now, if it already is). */
  function whenParsed(fn) {
    if (document.readyState === "loading") {
      document.addEventListener("DOMContentLoaded", fn, { once: true });
    } else {
      fn();
    }
  }

  /**
   * Pages render their "Forget this device" controls hidden (plain builds and
   * `playbook serve` have no key to forget): show them once a page was opened here.
   */
  function revealForgetControls() {
    for (const control of document.querySelectorAll("[data-playbook-forget]")) control.hidden = false;
  }

  function onForgetClick(event) {
    const target = event.target instanceof Element ? event.target : null;
    if (!target || !target.closest("[data-playbook-forget]")) return;
    event.preventDefault();
    forgetDevice();
    location.reload();
  }

  /**
   * Back and Forward may restore a page from the browser's back/forward cache as
   * it was left, decrypted, without loading it again. When this tab no longer
   * holds its key ("Forget this device" was used since), wipe it and load it
   * again: whoever uses the browser next gets the passphrase form, not the page.
   */
  function relockWhenRestoredWithoutKey(id) {
    window.addEventListener("pageshow", function (event) {
      if (!event.persisted || storedKeys(id).length) return;
      document.documentElement.replaceChildren();
      location.reload();
    });
  }

  /**
   * document.write (not DOMParser) so the decrypted page's own <script src>
   * run, in order, as in a normal load; the Window survives, so
   * window.playbookForgetDevice stays available to the page.
   */
  async function showDecrypted(html, id) {
    if (document.readyState !== "complete") {
      // Opening a document that is still loading aborts that load, and with it
      // the script loads the new page's parser waits on: wait for "load" first.
      await new Promise(function (resolve) {
        window.addEventListener("load", () => setTimeout(resolve, 0), { once: true });
      });
    }
    document.open();
    document.write(html);
    document.close();
    // Listeners on document and window were dropped by document.open(); these
    // are added after, so any [data-playbook-forget] element in the page clears
    // storage, and a page restored after that is locked again.
    document.addEventListener("click", onForgetClick);
    relockWhenRestoredWithoutKey(id);
    whenParsed(revealForgetControls); // the page's own scripts may still be loading
  }

  function unhide() {
    document.documentElement.classList.remove(UNLOCKING_CLASS);
  }

  async function start() {
    const dataBlock = document.getElementById("playbook-payload");
    const form = document.getElementById("unlock-form");
    if (!form) {
      unhide();
      return; // not a locked page
    }
    const input = document.getElementById("passphrase");
    const remember = document.getElementById("remember");
    const message = document.getElementById("unlock-message");
    const status = document.getElementById("unlock-status");
    const forgetButton = document.getElementById("forget-device");
    const submit = form.querySelector("[type=submit]");
    if (!CAN_REMEMBER && remember) {
      remember.checked = false;
      const row = remember.closest(".locked-remember");
      if (row) row.hidden = true;
    }
    const wanted = Number(form.dataset.rememberDays);
    const days = wanted > 0 ? wanted : DEFAULT_REMEMBER_DAYS;
    let payload = null;
    let busy = true;

    function say(text, kind) {
      if (!message) return;
      message.textContent = text;
      message.dataset.kind = kind || "error";
    }

    /** Progress, in a polite live region: the key derivation takes about a second. */
    function showStatus(text) {
      if (status) status.textContent = text;
    }

    function setBusy(value) {
      busy = value;
      form.setAttribute("aria-busy", value ? "true" : "false");
      if (submit) submit.disabled = value;
      if (input) input.readOnly = value;
    }

    async function unlock() {
      const passphrase = input ? input.value.normalize("NFC") : "";
      if (!passphrase) {
        say(MESSAGES.empty);
        if (input) input.focus();
        return;
      }
      setBusy(true);
      say("", "info");
      showStatus(MESSAGES.unlocking);
      try {
        const rawKey = await deriveRawKey(passphrase, payload);
        const result = await openPage(await importAesKey(rawKey), payload);
        if (result.kind === "wrong") {
          say(MESSAGES.wrong);
          return;
        }
        const remembered = CAN_REMEMBER && Boolean(remember && remember.checked);
        storeKey(payload.id, rawKey, remembered, days);
        if (result.kind === "tampered") {
          say(MESSAGES.tampered);
          return;
        }
        if (input) input.value = "";
        await showDecrypted(result.html, payload.id);
      } catch (_) {
        say(MESSAGES.unexpected);
      } finally {
        setBusy(false);
        showStatus("");
        if (input && input.isConnected && message && message.textContent) input.select();
      }
    }

    // Wired first: under form-action 'none' a native submit would only be refused.
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (!busy && payload) unlock();
    });
    if (forgetButton) {
      forgetButton.addEventListener("click", function () {
        forgetDevice();
        say(MESSAGES.forgotten, "info");
      });
    }
    setBusy(true);

    try {
      // No payload under the form: the file was cut short (an interrupted upload).
      payload = parsePayload(dataBlock ? dataBlock.textContent : "");
    } catch (_) {
      unhide();
      say(MESSAGES.tampered);
      return;
    }
    if (!window.crypto || !window.crypto.subtle) {
      unhide();
      say(MESSAGES.unsupported);
      return;
    }

    try {
      // Silent attempt with a stored key; a key that fails the check is stale.
      for (const stored of storedKeys(payload.id)) {
        let result;
        try {
          result = await openPage(await importAesKey(fromBase64(stored.b64)), payload);
        } catch (_) {
          result = { kind: "wrong" };
        }
        if (result.kind === "ok") {
          await showDecrypted(result.html, payload.id);
          return;
        }
        if (result.kind === "tampered") {
          say(MESSAGES.tampered);
          break;
        }
        stored.discard();
      }
    } finally {
      if (form.isConnected) {
        setBusy(false);
        unhide();
      }
    }
    if (input && !(message && message.textContent)) input.focus();
  }

  if (hasAnyStoredKey()) document.documentElement.classList.add(UNLOCKING_CLASS);
  function run() {
    start().catch(function () {
      unhide(); // never leave the form hidden
    });
  }
  whenParsed(run);
})();
