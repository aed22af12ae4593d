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
      : kind === 'timeout' ? new TimeoutError(message)
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
  // A namespace's methods are made when the script first uses it: a script uses a few of the ~50
  // namespaces, and the ~700 functions of them all were most of an idle context's heap (one host
  // runs a plugin once per account, so this counts hundreds of times).
  const apiMethod = (full) => (params) => call(full, params);
  const settle = (ns, o) => { Object.defineProperty(g, ns, { value: o, writable: true, enumerable: true, configurable: true }); return o; };
  for (const ns of Object.keys(api)) {
    const methods = api[ns];
    if (ns === '') {
      for (const m of methods) g[m] = apiMethod(m);
      continue;
    }
    Object.defineProperty(g, ns, {
      enumerable: true,
      configurable: true,
      get() {
        const o = {};
        for (const m of methods) o[m] = apiMethod(ns + '.' + m);
        return settle(ns, Object.freeze(o));
      },
      set(v) { settle(ns, v); },
    });
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
  // ---- filters and commands (ScriptFilters.java) ----
  // The structural keys of a filter are checked in Java before an update enters the script; `pattern` runs
  // here, after them, with JS's own RegExp, and its match reaches the handler as info.match.
  // msgOf: a handler's first argument is the update (raw shape) or the message object; either way, the message.
  const msgOf = (x) => (x !== null && typeof x === 'object' && typeof x.message === 'object' && x.message !== null)
    ? x.message : x;
  // filterParts(filter) -> {structural, test}: what goes to Java, and test(x) -> the match (or null). Shared with
  // every helper that takes a filter (waitFor, conversations).
  const filterParts = (filter, where) => {
    if (filter === null || filter === undefined) return { structural: null, test: () => true };
    if (typeof filter !== 'object' || Array.isArray(filter) || filter instanceof RegExp) {
      throw new TypeError(`${where}: the filter must be an object like {incoming: true, pattern: /^hi/}`);
    }
    const { pattern, ...structural } = filter;
    if (pattern === undefined || pattern === null) return { structural, test: () => true };
    let re;
    try {
      re = pattern instanceof RegExp ? pattern : new RegExp(String(pattern));
    } catch (e) {
      throw new TypeError(`${where}: pattern: ${e.message}`);
    }
    const test = (x) => {
      const m = msgOf(x);
      const text = m !== null && typeof m === 'object' && typeof m.message === 'string' ? m.message : '';
      re.lastIndex = 0; // a /g or /y RegExp keeps state between calls
      return re.exec(text);
    };
    return { structural, test };
  };
  const onPlain = g.on;
  g.on = (event, filter, handler) => {
    if (handler === undefined && (typeof filter === 'function' || filter === undefined)) return onPlain(event, filter);
    if (typeof handler !== 'function') throw new TypeError('on(event, filter, fn): fn must be a function');
    const where = `on('${event}', filter)`;
    const { structural, test } = filterParts(filter, where);
    const wrapped = (x, info) => {
      const match = test(x);
      if (!match) return undefined;
      if (match !== true) info.match = match;
      return handler(x, info);
    };
    return chk(host.onFilter(String(event), structural, wrapped, handler));
  };
  // command(name | [names], fn, opts): fn(message, args, info); opts: prefixes, incoming, chats, from, private...
  g.command = (names, fn, opts) => {
    if (typeof fn !== 'function' && typeof opts === 'function') [fn, opts] = [opts, fn];
    if (typeof fn !== 'function') throw new TypeError('command(name, fn, opts): fn must be a function');
    if (opts !== undefined && opts !== null && (typeof opts !== 'object' || Array.isArray(opts))) {
      throw new TypeError('command(name, fn, opts): opts must be an object like {incoming: true}');
    }
    const h = (x, info) => fn(msgOf(x), info.args, info);
    return chk(host.command(names, opts === undefined ? null : opts, h, fn));
  };
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
    download: (media, path, opts) => {
      const { progress, ...rest } = opts || {};
      return pend(host.filesDownload(media, String(path), rest, progress === undefined ? null : progress));
    },
    // Chunks (Uint8Array) fetched one upload.getFile at a time as the loop asks; breaking out stops fetching.
    iterDownload: (media, opts) => ({
      [Symbol.asyncIterator]() {
        const id = chk(host.filesIterOpen(media, opts === undefined ? null : opts));
        let over = false;
        const end = () => { if (!over) { over = true; host.filesIterClose(id); } return { value: undefined, done: true }; };
        return {
          next: () => over ? Promise.resolve(end())
            : pend(host.filesIterNext(id)).then((b) => b === null ? end() : { value: b, done: false }, (e) => { end(); throw e; }),
          return: () => Promise.resolve(end()),
        };
      },
    }),
  });
  // sendFile(peer, pathOrBytes | [..], {as, caption, parse_mode, reply_to, thumb, file_name, mime_type, progress}).
  g.sendFile = (peer, file, opts) => {
    const { progress, ...rest } = opts || {};
    return pend(host.sendFile(peer, file, rest, progress === undefined ? null : progress));
  };
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
  // ---- waitFor and conversations: waits for updates, each its own subscription (on() handlers still see them) ----
  class TimeoutError extends Error {
    constructor(message) { super(message); this.name = 'TimeoutError'; }
  }
  g.TimeoutError = TimeoutError;
  // A RegExp pattern goes to the host as its source ((?i) for the i flag).
  const filterArg = (f) => {
    if (f === undefined || f === null) return null;
    const re = (p) => p instanceof RegExp ? (p.flags.includes('i') ? '(?i)' : '') + p.source : p;
    if (typeof f === 'string' || f instanceof RegExp) return { pattern: re(f) };
    return f.pattern instanceof RegExp ? Object.assign({}, f, { pattern: re(f.pattern) }) : f;
  };
  g.waitFor = (event, filter, opts) => pend(host.waitFor(String(event), filterArg(filter), opts === undefined ? null : opts));
  class Conversation {
    constructor(id) { Object.defineProperty(this, 'id', { value: id }); }
    send(text, opts) { return pend(host.convSend(this.id, String(text), opts === undefined ? null : opts)); }
    getResponse(opts) { return pend(host.convGet(this.id, 'RESPONSE', opts === undefined ? null : opts)); }
    getReply(opts) { return pend(host.convGet(this.id, 'REPLY', opts === undefined ? null : opts)); }
    getEdit(opts) { return pend(host.convGet(this.id, 'EDIT', opts === undefined ? null : opts)); }
    markRead() { return pend(host.convMarkRead(this.id)); }
    cancel() { return chk(host.convCancel(this.id)); }
  }
  // conversation(peer, fn, opts): the chat is this conversation's until fn's promise settles.
  g.conversation = async (peer, fn, opts) => {
    if (typeof fn !== 'function') throw new TypeError('conversation(peer, fn, opts): fn must be a function (conv) => ...');
    const id = await pend(host.convOpen(peer, opts === undefined ? null : opts));
    try {
      return await fn(new Conversation(id));
    } finally {
      host.convClose(id);
    }
  };
  // Message objects (every `message`/`messageService` a script receives): the TL fields are the object's own
  // properties; the methods and getters live on one shared prototype and chat/sender/chat_id are not enumerable, so
  // JSON, spread and Object.keys see only the TL fields. The methods are Promises, like every API call.
  const msgCall = (action, m, arg, opts) =>
    pend(host.msg(action, m, arg === undefined ? null : arg, opts === undefined ? null : opts));
  const msgInfo = (what, m) => chk(host.msgInfo(what, m));
  const method = (f) => ({ value: f, writable: true, configurable: true });
  const getter = (f) => ({ get: f, configurable: true });
  const MessageProto = Object.create(Object.prototype, {
    text: getter(function () { return typeof this.message === 'string' ? this.message : ''; }),
    buttons: getter(function () { return msgInfo('buttons', this); }),
    markdown: getter(function () { return msgInfo('markdown', this); }),
    html: getter(function () { return msgInfo('html', this); }),
    reply: method(function (text, opts) { return msgCall('reply', this, text, opts); }),
    respond: method(function (text, opts) { return msgCall('respond', this, text, opts); }),
    edit: method(function (text, opts) { return msgCall('edit', this, text, opts); }),
    delete: method(function (opts) { return msgCall('delete', this, null, opts); }),
    forward: method(function (to, opts) { return msgCall('forward', this, to, opts); }),
    react: method(function (emoji) { return msgCall('react', this, emoji === undefined ? '' : emoji, null); }),
    pin: method(function (opts) { return msgCall('pin', this, null, opts); }),
    read: method(function () { return msgCall('read', this, null, null); }),
    getReply: method(function () { return msgCall('getReply', this, null, null); }),
    click: method(function (textOrIndex) { return msgCall('click', this, textOrIndex, null); }),
    download: method(function (path, opts) { return g.files.download(this, path, opts); }),
  });
  // fetch(url, opts): a WHATWG-style subset over host.fetch, for plugins that list hosts under network:.
  class Headers {
    constructor(h) {
      const own = {};
      for (const [k, v] of Object.entries(h || {})) own[String(k).toLowerCase()] = String(v);
      Object.defineProperty(this, '_h', { value: own });
    }
    get(name) { const v = this._h[String(name).toLowerCase()]; return v === undefined ? null : v; }
    has(name) { return Object.prototype.hasOwnProperty.call(this._h, String(name).toLowerCase()); }
    forEach(fn) { for (const [k, v] of Object.entries(this._h)) fn(v, k, this); }
    keys() { return Object.keys(this._h)[Symbol.iterator](); }
    values() { return Object.values(this._h)[Symbol.iterator](); }
    entries() { return Object.entries(this._h)[Symbol.iterator](); }
    [Symbol.iterator]() { return this.entries(); }
  }
  class Response {
    constructor(r) {
      this.status = r.status;
      this.ok = r.status >= 200 && r.status < 300;
      this.url = r.url;
      this.headers = new Headers(r.headers);
      Object.defineProperty(this, '_r', { value: r });
    }
    text() { return Promise.resolve(this._r.text()); }
    json() { return this.text().then((t) => JSON.parse(t)); }
    arrayBuffer() {
      return Promise.resolve(this._r.bytes()).then((b) => b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength));
    }
  }
  g.Headers = Headers;
  g.fetch = (url, opts) => {
    try {
      let o = opts === undefined ? null : opts;
      if (o && o.headers instanceof Headers) o = Object.assign({}, o, { headers: o.headers._h });
      return pend(host.fetch(String(url), o)).then((r) => new Response(r));
    } catch (e) {
      return Promise.reject(e);
    }
  };
  const hiddenValue = (v) => ({ value: v, writable: true, configurable: true });
  const hidden = (o, k, v) => Object.defineProperty(o, k, hiddenValue(v));
  // mkPage's object builders (made from GuestPages' sources: one object literal per shape), and how a list is built.
  const builders = [], GuestFunction = Function; // a script that replaces Function does not change these
  const buildList = (x) => {
    const n = x.length, out = new Array(n);
    for (let i = 0; i < n; i++) {
      const e = x[i];
      out[i] = Array.isArray(e) ? builders[e[0]](e, undefined, buildList) : e !== null && typeof e === 'object' ? buildList(e.l) : e;
    }
    return out;
  };
  // The prototype of page messages from one sender in one chat: the message methods with that chat, sender and
  // chat_id as non-enumerable values. Kept across pages (the newest page's chat and sender objects put in), so the
  // messages of every page get the shapes of the first; the cache starts over past PROTOS senders.
  // chat and sender: null, or the host function that converts them (the same object for every message of the page),
  // called when a message of the page first reads them: a loop that never reads them converts nothing.
  const PROTOS = 1000;
  let protoCache = new Map();
  const protoLater = (pr, k, make) => {
    if (make === null) return hidden(pr, k, null);
    Object.defineProperty(pr, k, {
      get() {
        const v = make();
        hidden(pr, k, v);
        return v;
      },
      // as assigning over the data property would: the message gets its own (enumerable) property
      set(v) { Object.defineProperty(this, k, { value: v, writable: true, enumerable: true, configurable: true }); },
      enumerable: false,
      configurable: true,
    });
  };
  const pageProto = (key, chat, sender, chatId) => {
    let pr = protoCache.get(key);
    if (pr === undefined) {
      if (protoCache.size >= PROTOS) protoCache = new Map();
      pr = Object.create(MessageProto, { chat: hiddenValue(null), sender: hiddenValue(null), chat_id: hiddenValue(chatId) });
      protoCache.set(key, pr);
    }
    protoLater(pr, 'chat', chat);
    protoLater(pr, 'sender', sender);
    return pr;
  };
  // A property the host converts only when the script first reads it: make() is a host function that converts it
  // (once); reading or assigning it leaves a plain data property with the same attributes as an eager one.
  const later = (o, k, make, enumerable) => Object.defineProperty(o, k, {
    get() {
      const v = make();
      Object.defineProperty(o, k, { value: v, writable: true, enumerable, configurable: true });
      return v;
    },
    set(v) { Object.defineProperty(o, k, { value: v, writable: true, enumerable, configurable: true }); },
    enumerable,
    configurable: true,
  });
  // chat and sender: null, or the host function that converts them (most handlers never read them).
  const mkMsg = (chat, sender, chatId) => {
    const o = Object.create(MessageProto);
    if (chat === null) hidden(o, 'chat', null); else later(o, 'chat', chat, false);
    if (sender === null) hidden(o, 'sender', null); else later(o, 'sender', sender, false);
    hidden(o, 'chat_id', chatId);
    return o;
  };
  // A raw call's TL result converted when the script first looks at it: a Proxy whose target becomes the converted
  // object (its prototype and own properties) at the first operation, so every later operation acts on a real object
  // and the language's invariants hold (freeze, descriptors). Resolving a promise with it reads `then`, which a TL
  // object never has: that read converts nothing.
  const unconverted = new WeakMap(); // target -> the host function that converts it
  const real = (t) => {
    const make = unconverted.get(t);
    if (make !== undefined) {
      unconverted.delete(t);
      const v = make();
      Object.setPrototypeOf(t, Object.getPrototypeOf(v));
      Object.defineProperties(t, Object.getOwnPropertyDescriptors(v));
    }
    return t;
  };
  const laterTraps = Object.freeze({
    get: (t, k, r) => (k === 'then' && unconverted.has(t)) ? undefined : Reflect.get(real(t), k, r),
    set: (t, k, v, r) => Reflect.set(real(t), k, v, r),
    has: (t, k) => Reflect.has(real(t), k),
    deleteProperty: (t, k) => Reflect.deleteProperty(real(t), k),
    ownKeys: (t) => Reflect.ownKeys(real(t)),
    getOwnPropertyDescriptor: (t, k) => Reflect.getOwnPropertyDescriptor(real(t), k),
    defineProperty: (t, k, d) => Reflect.defineProperty(real(t), k, d),
    getPrototypeOf: (t) => Reflect.getPrototypeOf(real(t)),
    setPrototypeOf: (t, p) => Reflect.setPrototypeOf(real(t), p),
    isExtensible: (t) => Reflect.isExtensible(real(t)),
    preventExtensions: (t) => Reflect.preventExtensions(real(t)),
  });
  const mkLater = (make) => {
    const t = {};
    unconverted.set(t, make);
    return new Proxy(t, laterTraps);
  };
  return {
    mkErr,
    mkLater,
    mkMsg,
    mkRejected: (e) => Promise.reject(e),
    mkBig: (s) => BigInt(s),
    mkBytes: (a) => Uint8Array.from(a),
    mkObj: () => ({}),
    // A TL object's fields in one call from the host: keys[i] gets vals[i] unless it is null (an absent field).
    mkFill: (o, keys, vals) => {
      const n = keys.length;
      for (let i = 0; i < n; i++) {
        const v = vals[i];
        if (v !== null) o[keys[i]] = v;
      }
      return o;
    },
    mkList: (a) => Array.from(a),
    // A handler's info: keys[i] gets vals[i], converted by the host only when first read where lazy[i].
    mkInfo: (keys, vals, lazy) => {
      const o = {}, n = keys.length;
      for (let i = 0; i < n; i++) {
        if (lazy[i]) later(o, keys[i], vals[i], true); else o[keys[i]] = vals[i];
      }
      return o;
    },
    // A list of TL objects from one JSON text {m: items, p: prototype index per item or -1} (GuestPages): an item is
    // [builder, values...]; parts holds key, chat, sender, chat_id per message prototype; others index, value for the
    // items the host converted itself. The builders from index base on are made from their sources first.
    mkPage: (json, parts, others, base, sources) => {
      if (builders.length !== base) builders.length = base; // a page that failed after adding some
      for (let k = 0; k < sources.length; k++) builders.push(new GuestFunction('a', 'P', 'L', sources[k]));
      const d = JSON.parse(json), a = d.m, p = d.p, protos = [];
      for (let k = 0; k < parts.length; k += 4) protos.push(pageProto(parts[k], parts[k + 1], parts[k + 2], parts[k + 3]));
      const n = a.length;
      for (let i = 0; i < n; i++) {
        const x = a[i];
        if (x !== null) a[i] = builders[x[0]](x, protos[p[i]], buildList);
      }
      for (let k = 0; k < others.length; k += 2) a[others[k]] = others[k + 1];
      return a;
    },
  };
})
