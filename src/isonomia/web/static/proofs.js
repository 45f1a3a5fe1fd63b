// A vote that proves itself (P18): the vote page checks, in the browser, that a delegate's
// vote is in the union's transparency log, as `isonomia-verify proof` does offline. It
// fetches the inclusion proof (c2sp.org/tlog-proof@v1) and the entry's bytes, and checks:
//   - the entry's bytes hash, after the previous entry's hash, to the receipt's hash, and
//     record this very vote;
//   - the checkpoint is signed by the log key the page publishes (Ed25519, C2SP signed
//     note), any signature by a published key verifies, and at least the required number
//     of members' witness keys co-signed it (cosignature/v1);
//   - the RFC 9162 inclusion path leads from the entry's leaf hash (SHA-256 of 0x00 and the
//     bytes; nodes: 0x01, left, right) to the checkpoint's root.
// Then it offers the very files it checked, and the command that checks them offline.
"use strict";

(() => {
  const TEXT = new TextEncoder();
  const ED25519 = 0x01;
  const COSIGNATURE_V1 = 0x04;

  class NoProof extends Error {
    constructor(code, fields = {}) {
      super(code);
      this.code = code;
      this.fields = fields;
    }
  }

  function say(template, fields) {
    return template.replace(/\{(\w+)\}/g, (all, name) => (name in fields ? fields[name] : all));
  }

  function bytesOf(base64) {
    let raw;
    try {
      raw = atob(base64);
    } catch (error) {
      throw new NoProof("malformed");
    }
    const bytes = Uint8Array.from(raw, (c) => c.charCodeAt(0));
    let again = "";
    for (const b of bytes) again += String.fromCharCode(b);
    if (btoa(again) !== base64) throw new NoProof("malformed"); // canonical base64 only
    return bytes;
  }

  function hex(bytes) {
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  function fromHex(text) {
    if (!/^([0-9a-f]{2})*$/.test(text)) throw new NoProof("malformed");
    return Uint8Array.from(text.match(/../g) || [], (pair) => parseInt(pair, 16));
  }

  function equal(a, b) {
    return a.length === b.length && a.every((x, i) => x === b[i]);
  }

  async function sha256(...parts) {
    const joined = new Uint8Array(parts.reduce((n, part) => n + part.length, 0));
    let at = 0;
    for (const part of parts) {
      joined.set(part, at);
      at += part.length;
    }
    return new Uint8Array(await crypto.subtle.digest("SHA-256", joined));
  }

  const leafHash = (entry) => sha256(Uint8Array.of(0), entry);
  const nodeHash = (left, right) => sha256(Uint8Array.of(1), left, right);

  // A verifier key, `name+hexid+base64(type || key)`, its id checked against its name and key.
  async function verifierKey(text) {
    const first = text.indexOf("+");
    const second = text.indexOf("+", first + 1);
    const name = text.slice(0, first);
    const id = text.slice(first + 1, second);
    const material = bytesOf(text.slice(second + 1));
    const derived = await sha256(TEXT.encode(name + "\n"), material);
    if (first < 1 || second < 0 || hex(derived.slice(0, 4)) !== id || material.length !== 33) {
      throw new NoProof("malformed");
    }
    return { text, name, id, type: material[0], key: material.slice(1) };
  }

  // A c2sp.org/tlog-proof@v1 file: index, inclusion path, and the signed checkpoint.
  function parseProof(text) {
    const split = text.indexOf("\n\n");
    if (split < 0) throw new NoProof("malformed");
    const lines = text.slice(0, split).split("\n");
    if (lines[0] !== "c2sp.org/tlog-proof@v1") throw new NoProof("malformed");
    let at = lines.length > 1 && lines[1].startsWith("extra ") ? 2 : 1;
    const index = (lines[at] || "").slice("index ".length);
    if (!(lines[at] || "").startsWith("index ") || !/^(0|[1-9][0-9]*)$/.test(index)) {
      throw new NoProof("malformed");
    }
    const path = lines.slice(at + 1).map((line) => {
      const hash = bytesOf(line);
      if (hash.length !== 32) throw new NoProof("malformed");
      return hash;
    });
    return { index: BigInt(index), path, note: parseNote(text.slice(split + 2)) };
  }

  // A C2SP signed note: its text, and each signature line's key name, key id and bytes.
  function parseNote(message) {
    const split = message.lastIndexOf("\n\n");
    if (!message.endsWith("\n") || split < 0) throw new NoProof("malformed");
    const block = message.slice(split + 2, -1);
    if (!block) throw new NoProof("malformed");
    const signatures = block.split("\n").map((line) => {
      const match = /^— (\S+) (\S+)$/.exec(line);
      if (!match) throw new NoProof("malformed");
      const blob = bytesOf(match[2]);
      if (blob.length < 5) throw new NoProof("malformed");
      return { name: match[1], id: hex(blob.slice(0, 4)), signature: blob.slice(4) };
    });
    return { text: message.slice(0, split + 1), signatures };
  }

  function parseCheckpoint(text) {
    const lines = text.slice(0, -1).split("\n");
    if (lines.length < 3 || !/^(0|[1-9][0-9]*)$/.test(lines[1])) throw new NoProof("malformed");
    const root = bytesOf(lines[2]);
    if (root.length !== 32) throw new NoProof("malformed");
    return { origin: lines[0], size: BigInt(lines[1]), root };
  }

  async function verifies(key, signature, message) {
    let publicKey;
    try {
      publicKey = await crypto.subtle.importKey("raw", key.key, { name: "Ed25519" }, false, [
        "verify",
      ]);
    } catch (error) {
      throw new NoProof("nocrypto");
    }
    return crypto.subtle.verify({ name: "Ed25519" }, publicKey, signature, message);
  }

  // The rule of `isonomia-verify --key LOG --witness-keys W --require-cosigners K`:
  // signatures by keys not pinned are ignored, one by a pinned key must verify, the log
  // key must have signed, and at least K pinned witnesses co-signed. The log key that did.
  async function checkSignatures(note, logKeys, witnesses, required) {
    const seen = new Set();
    let signer = null;
    let count = 0;
    for (const line of note.signatures) {
      const key = [...logKeys, ...witnesses].find((k) => k.name === line.name && k.id === line.id);
      if (!key) continue;
      let message = TEXT.encode(note.text);
      let signature = line.signature;
      if (key.type === COSIGNATURE_V1) {
        if (signature.length !== 72) throw new NoProof("badsig");
        let time = 0n;
        for (const b of signature.slice(0, 8)) time = (time << 8n) | BigInt(b);
        message = TEXT.encode(`cosignature/v1\ntime ${time}\n${note.text}`);
        signature = signature.slice(8);
      }
      if (!(await verifies(key, signature, message))) throw new NoProof("badsig");
      if (seen.has(key.text)) continue;
      seen.add(key.text);
      if (key.type === ED25519) signer = signer || key;
      else count += 1;
    }
    if ((logKeys.length || !required) && !signer) throw new NoProof("unsigned");
    if (count < required) throw new NoProof("cosigners", { count, required });
    return { signer, count };
  }

  // RFC 9162 §2.1.3.2: the root an inclusion path leads to from leaf `index` of `size`.
  async function rootOf(index, size, leaf, path) {
    if (index >= size) throw new NoProof("index");
    let fn = index;
    let sn = size - 1n;
    let r = leaf;
    for (const p of path) {
      if (sn === 0n) throw new NoProof("path");
      if ((fn & 1n) === 1n || fn === sn) {
        r = await nodeHash(p, r);
        while ((fn & 1n) === 0n && fn !== 0n) {
          fn >>= 1n;
          sn >>= 1n;
        }
      } else {
        r = await nodeHash(r, p);
      }
      fn >>= 1n;
      sn >>= 1n;
    }
    if (sn !== 0n) throw new NoProof("path");
    return r;
  }

  async function fetched(url) {
    let answer;
    try {
      answer = await fetch(url, { credentials: "same-origin" });
    } catch (error) {
      throw new NoProof("fetch");
    }
    if (!answer.ok) throw new NoProof("fetch");
    return answer;
  }

  // The entry's bytes, tied to the receipt's hash by the chain, recording this vote.
  async function entryBytes(vote, number) {
    const feed = await (await fetched(`/api/v1/ledger/feed?from=${number}&limit=1`)).json();
    const entry = feed.find((item) => item.type === "entry" && item.sequence === number);
    if (!entry || typeof entry.leaf !== "string") throw new NoProof("fetch");
    const leaf = bytesOf(entry.leaf);
    if (hex(await sha256(fromHex(entry.prev_hash), leaf)) !== vote.hash) throw new NoProof("chain");
    let said;
    try {
      said = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(leaf));
    } catch (error) {
      throw new NoProof("entry");
    }
    const payload = said.payload || {};
    const same = ["motion", "member", "vote"].every((k) => payload[k] === vote[k]);
    if (said.sequence !== number || said.event_type !== "VoteCast" || !same ||
        (payload.item || "") !== vote.item) {
      throw new NoProof("entry");
    }
    return leaf;
  }

  async function check(vote, required) {
    const number = Number(vote.checkProof);
    const pinned = (attribute) =>
      Promise.all(Array.from(document.querySelectorAll(`[${attribute}]`), (e) =>
        verifierKey(e.getAttribute(attribute))));
    const logKeys = await pinned("data-log-key");
    const witnesses = await pinned("data-witness-key");
    const leaf = await entryBytes(vote, number);
    const proofBytes = new Uint8Array(
      await (await fetched(`/api/v1/ledger/proof/${number}`)).arrayBuffer());
    let text;
    try {
      text = new TextDecoder("utf-8", { fatal: true }).decode(proofBytes);
    } catch (error) {
      throw new NoProof("malformed");
    }
    const proof = parseProof(text);
    if (proof.index !== BigInt(number - 1)) throw new NoProof("index");
    const checkpoint = parseCheckpoint(proof.note.text);
    const { signer, count } = await checkSignatures(proof.note, logKeys, witnesses, required);
    const root = await rootOf(proof.index, checkpoint.size, await leafHash(leaf), proof.path);
    if (!equal(root, checkpoint.root)) throw new NoProof("path");
    return { number, leaf, proofBytes, logKeys, witnesses, checkpoint, signer, count };
  }

  function offer(id, bytes, name) {
    const link = document.getElementById(id);
    if (!link) return;
    if (link.href.startsWith("blob:")) URL.revokeObjectURL(link.href);
    link.href = URL.createObjectURL(new Blob([bytes], { type: "application/octet-stream" }));
    link.download = name;
    link.textContent = name;
  }

  function offerFiles(done, required) {
    const proofName = `entry-${done.number}.tlog-proof`;
    const entryName = `entry-${done.number}.json`;
    offer("file-proof", done.proofBytes, proofName);
    offer("file-entry", done.leaf, entryName);
    offer("file-log-key", TEXT.encode(done.logKeys.map((k) => k.text).join("\n") + "\n"), "log.vkey");
    let command = `isonomia-verify proof ${proofName} --entry ${entryName} --key @log.vkey`;
    if (done.witnesses.length) {
      const lines = done.witnesses.map((k) => k.text).join("\n") + "\n";
      offer("file-witness-keys", TEXT.encode(lines), "witnesses.vkeys");
      command += ` --witness-keys witnesses.vkeys --require-cosigners ${required}`;
    }
    document.getElementById("verify-command").textContent = command;
    document.getElementById("proof-files").hidden = false;
  }

  async function run(button) {
    const texts = JSON.parse(document.getElementById("proof-texts").textContent);
    const section = document.getElementById("proof-check");
    const out = document.getElementById("proof-result");
    const input = document.getElementById("require-cosigners");
    const required = Math.max(0, Math.floor(Number(input.value) || 0));
    section.hidden = false;
    document.getElementById("proof-files").hidden = true;
    out.textContent = texts.checking;
    out.className = "";
    out.dataset.state = "checking";
    out.dataset.entry = button.dataset.checkProof;
    try {
      if (!window.crypto || !crypto.subtle) throw new NoProof("nocrypto");
      const done = await check(button.dataset, required);
      out.textContent = say(texts.ok, {
        sequence: done.number,
        size: String(done.checkpoint.size),
        key: `${done.signer ? done.signer.name + "+" + done.signer.id : "—"}`,
        count: done.count,
        required,
      });
      out.className = "ok";
      out.dataset.state = "verified";
      offerFiles(done, required);
    } catch (error) {
      const code = error instanceof NoProof ? error.code : "malformed";
      const reason = say(texts[code] || texts.malformed, error.fields || {});
      out.textContent = say(texts.failed, { reason });
      out.className = "error";
      out.dataset.state = "failed";
    }
    section.scrollIntoView({ block: "nearest" });
  }

  document.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-check-proof]");
    if (button) run(button);
  });
})();
