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
  // host.sleep calls its function on this script's thread when the time is up and returns the wait's id
  // (host.cancelSleep ends it); past the timers limit it refuses, so sleep throws rather than rejects.
  const wait = (duration, fn) => chk(host.sleep(duration, fn));
  g.sleep = (duration) => {
    let res;
    const p = new Promise((r) => { res = r; });
    wait(duration, res);
    return p;
  };
  // Browser-style timers over the same waits. They keep the web's milliseconds, as every JS runtime does.
  const timers = new Map(); // timer id -> the id of its wait now pending
  let timerIds = 0;
  const ms = (x) => Math.floor(Math.min(Math.max(0, Number(x) || 0), 2147483647)) + 'ms';
  g.setTimeout = (fn, delay = 0, ...args) => {
    const id = ++timerIds;
    timers.set(id, wait(ms(delay), () => { if (timers.delete(id)) fn(...args); }));
    return id;
  };
  g.setInterval = (fn, delay = 0, ...args) => {
    const id = ++timerIds;
    const d = ms(Math.max(1, Number(delay) || 0));
    const tick = () => {
      if (!timers.has(id)) return;
      try {
        timers.set(id, wait(d, tick));
      } catch (e) {
        timers.delete(id);
        throw e;
      }
      fn(...args);
    };
    timers.set(id, wait(d, tick));
    return id;
  };
  g.clearTimeout = g.clearInterval = (id) => {
    const w = timers.get(id);
    if (timers.delete(id)) host.cancelSleep(w);
  };
  // Paths are relative to the script's files folder (scripts.files/NAME in config.yml).
  g.files = Object.freeze({
    upload: (path) => pend(host.filesUpload(String(path))),
    download: (media, path) => pend(host.filesDownload(media, String(path))),
  });
  // Iteration: history(peer, opts), dialogs(opts), participants(chat, opts), search(query, opts) are async
  // iterables. The host fetches one page per host.iterNext (null at the end); breaking out of the loop calls
  // the iterator's return, which ends the listing, so nothing more is fetched.
  // A plain async iterator rather than an async generator: an item of a fetched page costs one resolved promise.
  function pages(handle) {
    let page = null, i = 0, done = false;
    const finish = () => { if (!done) { done = true; host.iterClose(handle); } };
    const fetch = () => pend(host.iterNext(handle)).then((p) => {
      if (p === null) { finish(); return { value: undefined, done: true }; }
      page = p;
      i = 1;
      return { value: p[0], done: false };
    }, (e) => { finish(); throw e; });
    const it = {
      next() {
        if (done) return Promise.resolve({ value: undefined, done: true });
        if (page !== null && i < page.length) return Promise.resolve({ value: page[i++], done: false });
        return fetch();
      },
      return(value) { finish(); return Promise.resolve({ value, done: true }); },
      [Symbol.asyncIterator]() { return it; },
    };
    return it;
  }
  const iterate = (helper, arg, opts) =>
    pages(chk(host.iterate(helper, arg === undefined ? null : arg, opts === undefined ? null : opts)));
  g.history = (peer, opts) => iterate('history', peer, opts);
  g.dialogs = (opts) => iterate('dialogs', null, opts);
  g.participants = (chat, opts) => iterate('participants', chat, opts);
  g.search = (query, opts) => iterate('search', query, opts);
  g.storage = Object.freeze({
    get: (key, fallback) => { const s = chk(host.storageGet(String(key))); return s === null ? fallback : JSON.parse(s); },
    set: (key, value) => {
      const json = JSON.stringify(value, bigSafe);
      if (json === undefined) throw new TypeError(`storage.set('${key}'): ${typeof value} cannot be stored (not JSON)`);
      chk(host.storageSet(String(key), json));
    },
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
