// The test API of `scriptgram test` for JS test files (NAME.test.js). Evaluated once per file; the runner calls
// the returned object. Java answers with JSON text, parsed here, so a test sees plain objects.
(function (runner) {
  const g = globalThis;
  const tests = [];
  g.test = (name, fn) => {
    if (typeof name !== 'string' || name === '') throw new TypeError('test(name, fn): name must be a non-empty string');
    if (typeof fn !== 'function') throw new TypeError(`test("${name}", fn): fn must be a function`);
    tests.push({ name, fn });
  };
  g.it = g.test;

  // A filter as on() takes it ({pattern: /pong/, chats: "@alice"}), or a bare pattern (string or RegExp).
  const filterJson = (f, where) => {
    if (f === undefined || f === null) return '{}';
    if (typeof f === 'string' || f instanceof RegExp) f = { pattern: f };
    if (typeof f !== 'object' || Array.isArray(f)) {
      throw new TypeError(`${where}: the filter must be an object like {pattern: /pong/}, a string or a RegExp`);
    }
    const out = {};
    for (const [k, v] of Object.entries(f)) {
      out[k] = v instanceof RegExp ? { source: v.source, flags: v.flags } : v;
    }
    return JSON.stringify(out);
  };
  const dur = (v) => (v === undefined || v === null ? null : typeof v === 'number' ? v : String(v));
  const opt = (o, key, where) => {
    if (o === undefined || o === null) return null;
    if (typeof o !== 'object') throw new TypeError(`${where}: options must be an object like {${key}: "5s"}`);
    return dur(o[key]);
  };
  // A host error (a failed expectation) rethrown as a JS Error, so its stack names the test file's line.
  let lastStack = ''; // where the test last called t: a host error's own stack does not show the test's line
  const guard = (f) => (...args) => {
    lastStack = String(new Error().stack ?? '');
    try {
      return f(...args);
    } catch (e) {
      if (e instanceof Error) throw e;
      const w = new Error('host error');
      w.hostError = e;
      throw w;
    }
  };
  const parse = (s) => (s === null || s === undefined ? null : JSON.parse(s));
  // A message as the actor's calls need it: its id, its world-wide id, and its chat when that is not the private
  // chat with the account (chat_id as the script sees it: negative for groups and channels).
  const ref = (m, where) => {
    if (typeof m === 'number') return [m, 0, null];
    if (m && typeof m.id === 'number') return [m.id, m.global_id ?? 0, typeof m.chat_id === 'number' && m.chat_id < 0 ? String(m.chat_id) : null];
    throw new TypeError(`${where}: expected a message (as send() or expectMessage() gave it) or its id`);
  };
  const to = (o, where) => {
    if (o === undefined || o === null) return null;
    if (typeof o !== 'object') throw new TypeError(`${where}: options must be an object like {to: "@group"}`);
    return o.to === undefined || o.to === null ? null : String(o.to);
  };

  const mkUser = (u) => ({
    get id() { return u.id(); },
    get username() { return u.username(); },
    send: guard((text, opts) => parse(u.send(String(text), to(opts, 'send(text, opts)')))),
    reply: guard((m, text) => parse(u.reply(...ref(m, 'reply(message, text)'), String(text)))),
    edit: guard((m, text) => parse(u.edit(...ref(m, 'edit(message, text)'), String(text)))),
    react: guard((m, emoji) => u.react(...ref(m, 'react(message, emoji)'), emoji === undefined ? '👍' : String(emoji))),
    // sendFile(name, content, opts): content a string (sent as UTF-8) or bytes (Uint8Array, ArrayBuffer);
    // sendFile({path}, opts): a file in the test's folder.
    sendFile: guard((name, content, opts) => {
      if (name !== null && typeof name === 'object') {
        if (typeof name.path !== 'string') throw new TypeError('sendFile({path}, opts): path must be a string like "fixtures/cat.jpg"');
        const o = content;
        return parse(u.sendFilePath(name.path, o?.caption === undefined ? '' : String(o.caption), to(o, 'sendFile({path}, opts)')));
      }
      const caption = opts?.caption === undefined ? '' : String(opts.caption);
      const chat = to(opts, 'sendFile(name, content, opts)');
      if (content instanceof ArrayBuffer) content = new Uint8Array(content);
      if (ArrayBuffer.isView(content)) {
        const b = new Uint8Array(content.buffer, content.byteOffset, content.byteLength);
        let s = '';
        for (let i = 0; i < b.length; i += 8192) s += String.fromCharCode.apply(null, b.subarray(i, i + 8192));
        return parse(u.sendFileBytes(String(name), s, caption, chat));
      }
      return parse(u.sendFile(String(name), String(content ?? ''), caption, chat));
    }),
    join: guard((chat) => u.join(String(chat))),
    toString: () => `@${u.username()}`,
  });

  const mkT = (api) => {
    const users = new Map();
    const world = {
      user: guard((ref) => {
        const key = String(ref);
        if (!users.has(key)) users.set(key, mkUser(api.user(key)));
        return users.get(key);
      }),
      fault: guard((spec) => api.fault(String(spec))),
    };
    return {
      world,
      expectMessage: guard((filter, opts) =>
        parse(api.expectMessage(filterJson(filter, 't.expectMessage(filter)'), opt(opts, 'timeout', 't.expectMessage')))),
      expectEdit: guard((filter, opts) =>
        parse(api.expectEdit(filterJson(filter, 't.expectEdit(filter)'), opt(opts, 'timeout', 't.expectEdit')))),
      expectNoMessage: guard((filter, opts) =>
        api.expectNoMessage(filterJson(filter, 't.expectNoMessage(filter)'), opt(opts, 'within', 't.expectNoMessage'))),
      storage: {
        get: guard((key) => parse(api.storageGet(String(key)))),
        set: guard((key, value) => api.storageSet(String(key), JSON.stringify(value))),
        keys: guard(() => parse(api.storageKeys())),
      },
      calls: guard((method) => parse(api.calls(method === undefined ? null : String(method)))),
      clock: {
        advance: guard((d) => api.advance(dur(d))),
        now: guard(() => api.now()),
      },
      reload: guard(() => api.reload()),
      logs: guard(() => parse(api.logs())),
    };
  };

  // Jest's expect, the common part. A failure names what was expected and what came.
  const show = (v) => {
    if (typeof v === 'string') return JSON.stringify(v);
    if (v instanceof RegExp) return String(v);
    try { return JSON.stringify(v); } catch (e) { return String(v); }
  };
  const equal = (a, b) => {
    if (a === b) return true;
    if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return Number.isNaN(a) && Number.isNaN(b);
    if (Array.isArray(a) !== Array.isArray(b)) return false;
    const ka = Object.keys(a).filter((k) => a[k] !== undefined), kb = Object.keys(b).filter((k) => b[k] !== undefined);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => equal(a[k], b[k]));
  };
  const fail = (matcher, negated, expected, received, hint) => {
    const e = new Error(`expect(received).${negated ? 'not.' : ''}${matcher}(expected)\n\n` +
      `Expected: ${negated ? 'not ' : ''}${hint ?? show(expected)}\nReceived: ${show(received)}`);
    e.name = 'ExpectationError';
    throw e;
  };
  const matchers = (received, negated) => {
    const check = (ok, matcher, expected, hint) => { if (ok === negated) fail(matcher, negated, expected, received, hint); };
    return {
      toBe: (x) => check(Object.is(received, x), 'toBe', x),
      toEqual: (x) => check(equal(received, x), 'toEqual', x),
      toContain: (x) => check(received != null && typeof received.includes === 'function' && received.includes(x), 'toContain', x),
      toMatch: (x) => check(typeof received === 'string' && (x instanceof RegExp ? x.test(received) : received.includes(x)), 'toMatch', x),
      toHaveLength: (n) => check(received != null && received.length === n, 'toHaveLength', n, `length ${n}`),
      toBeTruthy: () => check(!!received, 'toBeTruthy', undefined, 'a truthy value'),
      toBeFalsy: () => check(!received, 'toBeFalsy', undefined, 'a falsy value'),
      toBeNull: () => check(received === null, 'toBeNull', null),
      toBeUndefined: () => check(received === undefined, 'toBeUndefined', undefined, 'undefined'),
      toBeDefined: () => check(received !== undefined, 'toBeDefined', undefined, 'a defined value'),
      toBeGreaterThan: (n) => check(received > n, 'toBeGreaterThan', n, `> ${n}`),
      toBeLessThan: (n) => check(received < n, 'toBeLessThan', n, `< ${n}`),
    };
  };
  g.expect = (received) => Object.assign(matchers(received, false), { not: matchers(received, true) });

  const stackOf = (e) => {
    const own = e instanceof Error && !e.hostError ? String(e.stack ?? '') : '';
    return own + '\n' + lastStack;
  };

  return {
    names: () => JSON.stringify(tests.map((t) => t.name)),
    // Runs test i; done.ok() or done.fail(error) is called once its promise settles (after this call returns,
    // when the test awaited nothing that needs another turn).
    run: (i, api, done) => {
      let p;
      lastStack = '';
      try {
        p = Promise.resolve(tests[i].fn(mkT(api)));
      } catch (e) {
        done.fail(e, stackOf(e));
        return;
      }
      p.then(() => done.ok(), (e) => done.fail(e, stackOf(e)));
    },
  };
})
