// isonomia's pages: a device key that never leaves the browser, commands signed with it,
// and live updates from the ledger's head.
"use strict";

const DB_NAME = "isonomia";
const STORE = "keys";

function openStore() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DB_NAME, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

async function storeOp(mode, op) {
  const db = await openStore();
  return new Promise((resolve, reject) => {
    const request = op(db.transaction(STORE, mode).objectStore(STORE));
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });
}

function toBase64(bytes) {
  let text = "";
  for (const b of new Uint8Array(bytes)) text += String.fromCharCode(b);
  return btoa(text);
}

function fromBase64(text) {
  return Uint8Array.from(atob(text), (c) => c.charCodeAt(0));
}

function toHex(bytes) {
  return Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, "0")).join("");
}

// The device key of an account: made once, non-extractable, kept in IndexedDB. (Keys made
// before accounts proved their keys were kept under the principal's name: still found.)
async function deviceKey(account, make) {
  const name = "account:" + account;
  let pair = await storeOp("readonly", (s) => s.get(name));
  const principal = document.body.dataset.principal;
  if (!pair && principal) pair = await storeOp("readonly", (s) => s.get(principal));
  if (!pair && make) {
    pair = await crypto.subtle.generateKey({ name: "Ed25519" }, false, ["sign", "verify"]);
    await storeOp("readwrite", (s) => s.put(pair, name));
  }
  if (!pair) return null;
  const raw = await crypto.subtle.exportKey("raw", pair.publicKey);
  const keyId = toHex(await crypto.subtle.digest("SHA-256", raw)).slice(0, 32);
  return { pair, keyId, publicText: "ed25519:" + toBase64(raw) };
}

function csrf() {
  return document.querySelector('meta[name="csrf"]').content;
}

async function postJson(url, body) {
  const answer = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  const data = await answer.json();
  if (!answer.ok && data.ok === undefined) {
    return { ok: false, line: data.detail || data.title || String(answer.status) };
  }
  return data;
}

// Prepare, sign on this device, submit: the server only ever sees the signature.
async function signAndSubmit(name, fields) {
  const account = document.body.dataset.account;
  const key = account && (await deviceKey(account, false));
  if (!key) return { ok: false, line: document.body.dataset.nokey || "no device key" };
  const command = { type: name, ...fields };
  if (document.body.dataset.at) command.at = document.body.dataset.at;
  const prepared = await postJson(`/sign/${name}/prepare`, { command, key_id: key.keyId });
  if (!prepared.message) return prepared;
  const signature = await crypto.subtle.sign(
    { name: "Ed25519" }, key.pair.privateKey, fromBase64(prepared.message));
  const envelope = { ...prepared.envelope, signature: toBase64(signature) };
  // The one write route, the API's: its refusals are problems (`detail`, `status`).
  const lang = document.documentElement.lang;
  const query = lang ? `?lang=${encodeURIComponent(lang)}` : "";
  const recorded = await postJson(`/api/v1/commands/${name}${query}`, envelope);
  if (!recorded.entries) return recorded;
  return { ok: true, line: document.body.dataset.recorded || "recorded", entries: recorded.entries };
}

function wireSigning() {
  for (const form of document.querySelectorAll("form[data-sign]")) {
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const out = form.querySelector("[data-result]");
      const fields = {};
      for (const [k, v] of new FormData(form)) if (v !== "") fields[k] = v;
      out.textContent = "…";
      let result;
      try {
        result = await signAndSubmit(form.dataset.sign, fields);
      } catch (error) {
        result = { ok: false, line: String(error) };
      }
      const last = result.ok && result.entries && result.entries[result.entries.length - 1];
      out.textContent = last && form.dataset.receipt
        ? form.dataset.receipt.replace("{sequence}", last.sequence).replace("{hash}", last.hash)
        : result.line;
      out.className = result.ok ? "ok" : "error";
      form.dataset.state = result.ok ? "recorded" : "refused";
      if (result.ok && form.dataset.receipt) {
        for (const control of form.querySelectorAll("button, input, select")) control.disabled = true;
      }
    });
  }
}

// Prove the device's key for the account: sign the server's challenge with it. The
// account then acts for the key's principal (once the key is registered).
async function proveKey(key) {
  const challenge = await postJson("/device/challenge", { key_id: key.keyId });
  if (!challenge.message) return challenge;
  const signature = await crypto.subtle.sign(
    { name: "Ed25519" }, key.pair.privateKey, fromBase64(challenge.message));
  return postJson("/device/bind", {
    challenge: challenge.challenge, signature: toBase64(signature) });
}

function wireDevice() {
  const button = document.getElementById("make-key");
  const account = document.body.dataset.account;
  if (!button || !account) return;
  const bind = document.getElementById("bind-key");
  let current = null;
  const show = (key) => {
    if (!key) return;
    current = key;
    document.getElementById("public-key").textContent = key.publicText;
    document.getElementById("key-id").textContent = key.keyId;
    button.hidden = true;
    if (bind) bind.hidden = false;
  };
  deviceKey(account, false).then(show);
  button.addEventListener("click", () => deviceKey(account, true).then(show));
  if (!bind) return;
  bind.addEventListener("click", async () => {
    const out = document.getElementById("bind-result");
    out.textContent = "…";
    let result;
    try {
      result = await proveKey(current);
    } catch (error) {
      result = { ok: false, line: String(error) };
    }
    out.textContent = result.line;
    out.className = result.ok ? "ok" : "error";
    out.dataset.state = result.ok ? "bound" : "refused";
    if (result.ok) document.body.dataset.principal = result.principal;
  });
}

// The key id of a pasted public key (`ed25519:<base64>`), as the device page shows it.
function wireKeyIds() {
  for (const input of document.querySelectorAll("input[data-key-id-to]")) {
    const out = document.getElementById(input.dataset.keyIdTo);
    input.addEventListener("input", async () => {
      const text = input.value.trim();
      out.textContent = "";
      if (!text.startsWith("ed25519:")) return;
      try {
        const raw = fromBase64(text.slice("ed25519:".length));
        if (raw.length !== 32) return;
        out.textContent = toHex(await crypto.subtle.digest("SHA-256", raw)).slice(0, 32);
      } catch (error) {
        out.textContent = "";
      }
    });
  }
}

// Reload the parts of the page marked live when the ledger grows.
async function refresh() {
  const answer = await fetch(location.href, { credentials: "same-origin" });
  if (!answer.ok) return;
  const fresh = new DOMParser().parseFromString(await answer.text(), "text/html");
  for (const part of document.querySelectorAll("[data-live][id]")) {
    const next = fresh.getElementById(part.id);
    if (next) part.innerHTML = next.innerHTML;
  }
  document.body.dataset.length = fresh.body.dataset.length;
  if (fresh.body.dataset.at) document.body.dataset.at = fresh.body.dataset.at;
}

function listen() {
  if (!window.EventSource) return;
  const source = new EventSource("/events");
  source.addEventListener("head", (event) => {
    const head = JSON.parse(event.data);
    // A part that shows proofs says which checkpoint it was drawn with (`data-checkpoint`).
    const drawn = document.querySelector("[data-live] [data-checkpoint]");
    const proved = drawn && String(head.checkpoint) !== drawn.dataset.checkpoint;
    if (String(head.length) !== document.body.dataset.length || proved) refresh();
  });
  window.addEventListener("pagehide", () => source.close());
}

// Signing needs WebCrypto, which browsers give only to secure contexts (HTTPS, or
// localhost): say so plainly rather than fail silently.
function secure() {
  const ok = window.isSecureContext && window.crypto && window.crypto.subtle;
  const warning = document.getElementById("insecure");
  if (!ok && warning) warning.hidden = false;
  return Boolean(ok);
}

document.addEventListener("DOMContentLoaded", () => {
  if (!secure()) {
    for (const button of document.querySelectorAll("form[data-sign] button, #make-key, #bind-key"))
      button.disabled = true;
    listen();
    return;
  }
  wireSigning();
  wireDevice();
  wireKeyIds();
  listen();
});
