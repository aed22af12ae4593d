// Scriptgram's JS globals, built over the host bridge. Evaluated once per context before the
// script; returns the helpers the host needs to make JS values (errors, BigInt, Uint8Array).
(function (host, api) {
  'use strict';
  class RpcError extends Error {
    constructor(code, type, message, method, seconds) {
      super(message);
      this.name = 'RpcError';
      this.code = code;
      this.type = type;
      this.method = method;
      if (seconds >= 0) this.seconds = seconds;
    }
  }
  const mkErr = (kind, code, type, message, method, seconds) =>
    kind === 'rpc' ? new RpcError(code, type, message, method, seconds)
      : kind === 'type' ? new TypeError(message) : new Error(message);
  const chk = (r) => { if (r instanceof Error) throw r; return r; };
  // host.call answers at once when it can: the result, a rejected promise for a failed call, an
  // Error to throw for bad parameters (nothing was sent), or PENDING: then attach() hands it the
  // promise's functions, and it settles them later on this script's thread.
  const PENDING = host.pending;
  const attach = (res, rej) => host.attach(res, rej);
  function pend(r) {
    if (r === PENDING) return new Promise(attach);
    if (r instanceof Error) throw r;
    if (r instanceof Promise) return r;
    return Promise.resolve(r);
  }
  const call = (method, params) => pend(host.call(method, params === undefined ? null : params));
  const g = globalThis;
  // Longs above 2^53 arrive as BigInt; JSON has no BigInt, so they serialise as decimal strings
  // (which every long parameter accepts back).
  if (!BigInt.prototype.toJSON) Object.defineProperty(BigInt.prototype, 'toJSON', { value: function () { return this.toString(); }, writable: true, configurable: true });
  for (const ns of Object.keys(api)) {
    const methods = api[ns];
    if (ns === '') {
      for (const m of methods) g[m] = (params) => call(m, params);
      continue;
    }
    const o = {};
    for (const m of methods) {
      const full = ns + '.' + m;
      o[m] = (params) => call(full, params);
    }
    g[ns] = Object.freeze(o);
  }
  const bigSafe = (k, v) => typeof v === 'bigint' ? v.toString() : v;
  const fmt = (x) => typeof x === 'string' ? x
    : x instanceof Error ? (x.stack || String(x))
    : (typeof x === 'object' && x !== null) ? (() => { try { return JSON.stringify(x, bigSafe); } catch (e) { return String(x); } })()
    : String(x);
  const line = (args) => args.map(fmt).join(' ');
  g.RpcError = RpcError;
  g.invoke = (method, params) => call(String(method), params);
  g.log = Object.freeze({
    info: (...a) => host.log('info', line(a)),
    warn: (...a) => host.log('warn', line(a)),
    error: (...a) => host.log('error', line(a)),
    debug: (...a) => host.log('debug', line(a)),
  });
  g.on = (event, handler) => chk(host.on(String(event), handler));
  g.off = (idOrHandler) => chk(host.off(idOrHandler));
  g.every = (duration, fn) => chk(host.every(duration, fn));
  g.cron = (expression, fn) => chk(host.cron(String(expression), fn));
  g.onUnload = (fn) => chk(host.onUnload(fn));
  g.sleep = (duration) => new Promise((res) => chk(host.sleep(duration, res)));
  // Browser-style timers over sleep, for code that expects them. Their delay is in milliseconds, as in every
  // JS runtime; everywhere else (sleep, every) a bare number is seconds.
  const timers = new Map();
  let timerIds = 0;
  const delayOf = (ms) => Math.max(0, Number(ms) || 0) / 1000;
  g.setTimeout = (fn, ms = 0, ...args) => {
    const id = ++timerIds;
    timers.set(id, true);
    sleep(delayOf(ms)).then(() => { if (timers.delete(id)) fn(...args); });
    return id;
  };
  g.setInterval = (fn, ms = 0, ...args) => {
    const id = ++timerIds;
    // At least 1 ms between runs, so an interval of 0 cannot spin the script's thread.
    const delay = Math.max(0.001, delayOf(ms));
    const tick = () => sleep(delay).then(() => {
      if (!timers.has(id)) return;
      tick();
      fn(...args);
    });
    timers.set(id, true);
    tick();
    return id;
  };
  g.clearTimeout = (id) => { timers.delete(id); };
  g.clearInterval = g.clearTimeout;
  // Paths are relative to the script's files folder (scripts.files/NAME in config.yml).
  g.files = Object.freeze({
    upload: (path) => pend(host.filesUpload(String(path))),
    download: (media, path) => pend(host.filesDownload(media, String(path))),
  });
  g.storage = Object.freeze({
    get: (key, fallback) => { const s = chk(host.storageGet(String(key))); return s === null ? fallback : JSON.parse(s); },
    set: (key, value) => { chk(host.storageSet(String(key), JSON.stringify(value, bigSafe))); },
    delete: (key) => chk(host.storageDelete(String(key))),
    keys: () => Array.from(chk(host.storageKeys())),
  });
  return {
    mkErr,
    mkRejected: (e) => Promise.reject(e),
    mkBig: (s) => BigInt(s),
    mkBytes: (a) => Uint8Array.from(a),
    mkObj: () => ({}),
    mkList: (a) => Array.from(a),
  };
})
