# Scriptgram's Python globals, built over the host bridge (_sg_host). Evaluated once per context in
# __main__ before the script. Calls block the script's thread and return the result.
import json as _sg_json


def _sg_lockdown():
    """Turns what the context refuses into PermissionError (an OSError a script can catch, at its own line)
    and closes what it does not: the process's signals belong to the host. GraalPy installs Python signal
    handlers with the JVM's process-wide sun.misc.Signal (even getsignal swaps the handler for a moment),
    and has no option to turn that off, so the functions are replaced on the one module object that every
    import route (import, importlib.reload, _imp.create_builtin) hands out in this context."""
    import _posixsubprocess
    import _signal
    import _socket
    import posix

    def refuse(what):
        def refused(*args, **kwargs):
            raise PermissionError(f"scripts may not {what}")
        return refused

    for name in ('signal', 'getsignal', 'raise_signal', 'alarm', 'setitimer', 'getitimer', 'pause', 'pthread_kill',
                 'pthread_sigmask', 'siginterrupt', 'set_wakeup_fd', 'sigwait', 'sigwaitinfo', 'sigtimedwait',
                 'sigpending'):
        if hasattr(_signal, name):
            setattr(_signal, name, refuse(f"use signal.{name}: the process's signals belong to the host"))
    for name in ('kill', 'killpg'):
        setattr(posix, name, refuse(f"send signals (os.{name})"))
    posix.system = refuse("run commands (os.system)")
    posix.execv = refuse("run programs (os.execv)")
    _posixsubprocess.fork_exec = refuse("run programs (subprocess)")

    class socket:
        __slots__ = ()

        def __init__(self, *args, **kwargs):
            raise PermissionError("scripts may not open sockets; use the API")

    _socket.socket = _socket.SocketType = socket
    for name in ('getaddrinfo', 'getnameinfo', 'gethostbyname', 'gethostbyname_ex', 'gethostbyaddr', 'getservbyname',
                 'getservbyport', 'dup', 'close', 'socketpair', 'fromfd'):
        if hasattr(_socket, name):
            setattr(_socket, name, refuse(f"use sockets (socket.{name}); use the API"))


_sg_lockdown()
del _sg_lockdown


class RpcError(Exception):
    """An RPC error from Telegram: code (400), type (TYPES_EMPTY), message, method, seconds (FLOOD_WAIT)."""

    def __init__(self, code, type, message, method, seconds=None):
        super().__init__(message)
        self.code = code
        self.type = type
        self.message = message
        self.method = method
        self.seconds = seconds if seconds is not None and seconds >= 0 else None


class TlObject(dict):
    """A TL object: a dict with "_" naming its constructor whose keys also read as attributes."""
    __slots__ = ()

    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(f"{self.get('_', 'object')} has no field '{key}'") from None

    def __setattr__(self, key, value):
        self[key] = value


class Message(TlObject):
    """A message (or service message): the TL object, with every field a key, plus attributes: text, chat, sender,
    chat_id (marked: users positive, basic groups negative, channels -100...), buttons, markdown, html, and the
    methods reply, respond, edit, delete, forward, react, pin, read, getReply, click (each blocks, like every call)."""
    __slots__ = ('chat', 'sender', 'chat_id')

    @property
    def text(self):
        return self.get('message', '')

    @property
    def buttons(self):
        return _sg_chk(_sg_host.msgInfo('buttons', self))

    @property
    def markdown(self):
        return _sg_chk(_sg_host.msgInfo('markdown', self))

    @property
    def html(self):
        return _sg_chk(_sg_host.msgInfo('html', self))

    def reply(self, text, **opts):
        return _sg_chk(_sg_host.msg('reply', self, text, opts))

    def respond(self, text, **opts):
        return _sg_chk(_sg_host.msg('respond', self, text, opts))

    def edit(self, text, **opts):
        return _sg_chk(_sg_host.msg('edit', self, text, opts))

    def delete(self, **opts):
        return _sg_chk(_sg_host.msg('delete', self, None, opts))

    def forward(self, to, **opts):
        return _sg_chk(_sg_host.msg('forward', self, to, opts))

    def react(self, emoji=''):
        return _sg_chk(_sg_host.msg('react', self, emoji, None))

    def pin(self, **opts):
        return _sg_chk(_sg_host.msg('pin', self, None, opts))

    def read(self):
        return _sg_chk(_sg_host.msg('read', self, None, None))

    def getReply(self):
        r = _sg_chk(_sg_host.msg('getReply', self, None, None))
        return r if r else None  # the host's null as Python's own None

    def click(self, text_or_index):
        return _sg_chk(_sg_host.msg('click', self, text_or_index, None))

    def download(self, path, opts=None, **kwargs):
        return files.download(self, path, opts, **kwargs)


def _sg_mk_msg(chat, sender, chat_id):
    m = Message()
    object.__setattr__(m, 'chat', chat)
    object.__setattr__(m, 'sender', sender)
    object.__setattr__(m, 'chat_id', chat_id)
    return m


def _sg_mk_err(kind, code, type, message, method, seconds):
    if kind == 'rpc':
        return RpcError(code, type, message, method, seconds)
    if kind == 'timeout':
        return TimeoutError(message)
    if kind == 'type':
        return TypeError(message)
    return RuntimeError(message)


def _sg_chk(r):
    if isinstance(r, BaseException):
        raise r
    return r


def _sg_call(name, args, kwargs, _host=_sg_host):
    if args:
        if len(args) != 1 or not isinstance(args[0], dict):
            raise TypeError(f"{name}: pass parameters as keywords or as one dict")
        params = dict(args[0])
        params.update(kwargs)
    else:
        params = kwargs
    r = _host.call(name, params)
    if isinstance(r, BaseException):
        raise r
    return r


class _SgMethod:
    __slots__ = ('_name',)

    def __init__(self, name):
        self._name = name

    def __call__(self, *args, **kwargs):
        return _sg_call(self._name, args, kwargs)

    def __repr__(self):
        return f"<method {self._name}>"


class _SgNamespace:
    def __init__(self, name):
        object.__setattr__(self, '_name', name)

    def __getattr__(self, method):
        full = self._name + '.' + method
        if method.startswith('_') or not _sg_host.has(full):
            raise AttributeError(f"no API method '{full}'")
        f = _SgMethod(full)
        object.__setattr__(self, method, f)
        return f

    def __repr__(self):
        return f"<namespace {self._name}>"


def invoke(method, *args, **kwargs):
    return _sg_call(str(method), args, kwargs)


for _sg_ns in _sg_host.namespaces():
    globals()[_sg_ns] = _SgNamespace(_sg_ns)
for _sg_m in _sg_host.topLevel():
    globals()[_sg_m] = _SgMethod(_sg_m)
del _sg_ns, _sg_m


class _SgLog:
    def _line(self, args):
        return ' '.join(a if isinstance(a, str) else repr(a) for a in args)

    def info(self, *a):
        _sg_host.log('info', self._line(a))

    def warn(self, *a):
        _sg_host.log('warn', self._line(a))

    warning = warn

    def error(self, *a):
        _sg_host.log('error', self._line(a))

    def debug(self, *a):
        _sg_host.log('debug', self._line(a))


log = _SgLog()


def _sg_handler(fn):
    """Handlers get (message, info) for "message"/"edit", else (update, info); one that takes only the update (or nothing) is called with what it takes."""
    code = getattr(fn, '__code__', None) or getattr(getattr(fn, '__func__', None), '__code__', None)
    if code is None or code.co_flags & 0x04:
        return fn
    n = code.co_argcount - (1 if hasattr(fn, '__self__') else 0)
    if n >= 2:
        return fn
    if n == 1:
        return lambda update, info: fn(update)
    return lambda update, info: fn()


def on(event, handler=None):
    """on("message", fn) or as a decorator: @on("message"). Returns an id for off(id)."""
    if handler is None:
        return lambda fn: (_sg_chk(_sg_host.on(str(event), _sg_handler(fn), fn)), fn)[1]
    return _sg_chk(_sg_host.on(str(event), _sg_handler(handler), handler))


# ---- filters and commands (ScriptFilters.java) ----
# The structural keys of a filter are checked in Java before an update enters the script; `pattern` runs here,
# after them, with Python's re (re.search: anchor with ^), and its match reaches the handler as info["match"].
import re as _sg_re

_sg_on_plain = on


def _sg_msg(x):
    """A handler's first argument is the update (raw shape) or the message object; either way, the message."""
    if isinstance(x, dict) and isinstance(x.get('message'), dict):
        return x['message']
    return x


def _sg_filter_parts(filters, where):
    """(structural, test): the filter without pattern (for Java), and test(x) -> the match or None. Shared with every
    helper that takes a filter (wait_for, conversations)."""
    if filters is None:
        return None, lambda x: True
    if not isinstance(filters, dict):
        raise TypeError(f"{where}: the filter must be a dict like {{'incoming': True, 'pattern': r'^hi'}}")
    structural = dict(filters)
    if 'from_' in structural:
        structural['from'] = structural.pop('from_')
    pattern = structural.pop('pattern', None)
    if pattern is None:
        return structural, lambda x: True
    try:
        rx = pattern if hasattr(pattern, 'search') else _sg_re.compile(str(pattern))
    except _sg_re.error as e:
        raise TypeError(f"{where}: pattern: {e}") from None

    def test(x):
        m = _sg_msg(x)
        text = m.get('message') if isinstance(m, dict) else getattr(m, 'message', None)
        return rx.search(text if isinstance(text, str) else '')
    return structural, test


def on(event, *args, **filters):
    """on("message", fn); on("message", {"incoming": True}, fn); as decorators @on("message") and
    @on("message", pattern=r"^hi", incoming=True). Returns an id for off(id)."""
    handler = filters.pop('handler', None)
    filt = {}
    for a in args:
        if callable(a) and not isinstance(a, dict):
            handler = a
        elif isinstance(a, dict):
            filt.update(a)
        else:
            raise TypeError(f"on('{event}', ...): expected a filter dict or a function, got {a!r}")
    filt.update(filters)
    if not filt and not (args and isinstance(args[0], dict)):
        return _sg_on_plain(event, handler)
    where = f"on('{event}', filter)"
    structural, test = _sg_filter_parts(filt, where)

    def register(fn):
        inner = _sg_handler(fn)

        def wrapped(x, info):
            match = test(x)
            if not match:
                return None
            if match is not True:
                info['match'] = match
            return inner(x, info)
        return _sg_chk(_sg_host.onFilter(str(event), structural, wrapped, fn))
    if handler is None:
        return lambda fn: (register(fn), fn)[1]
    return register(handler)


def _sg_command_handler(fn):
    """Command handlers get (message, args, info); one that takes fewer is called with what it takes."""
    code = getattr(fn, '__code__', None) or getattr(getattr(fn, '__func__', None), '__code__', None)
    n = 3 if code is None or code.co_flags & 0x04 else code.co_argcount - (1 if hasattr(fn, '__self__') else 0)
    if n >= 3:
        return lambda x, info: fn(_sg_msg(x), info['args'], info)
    if n == 2:
        return lambda x, info: fn(_sg_msg(x), info['args'])
    if n == 1:
        return lambda x, info: fn(_sg_msg(x))
    return lambda x, info: fn()


def command(name, *args, **opts):
    """command("ping", fn) or @command("ping") / @command(["ping", "p"], incoming=True, prefixes="."):
    fn(message, args, info). Options as keywords or one dict."""
    handler = opts.pop('handler', None)
    o = {}
    for a in args:
        if callable(a) and not isinstance(a, dict):
            handler = a
        elif isinstance(a, dict):
            o.update(a)
        else:
            raise TypeError(f"command({name!r}, ...): expected an options dict or a function, got {a!r}")
    o.update(opts)
    if 'from_' in o:
        o['from'] = o.pop('from_')
    names = list(name) if isinstance(name, (list, tuple)) else name

    def register(fn):
        return _sg_chk(_sg_host.command(names, o or None, _sg_command_handler(fn), fn))
    if handler is None:
        return lambda fn: (register(fn), fn)[1]
    return register(handler)


def off(id_or_handler):
    return _sg_chk(_sg_host.off(id_or_handler))


def every(duration, fn=None):
    if fn is None:
        return lambda f: (_sg_chk(_sg_host.every(duration, f)), f)[1]
    return _sg_chk(_sg_host.every(duration, fn))


def cron(expression, fn=None):
    if fn is None:
        return lambda f: (_sg_chk(_sg_host.cron(str(expression), f)), f)[1]
    return _sg_chk(_sg_host.cron(str(expression), fn))


def onUnload(fn):
    _sg_chk(_sg_host.onUnload(fn))
    return fn


def sleep(duration):
    _sg_chk(_sg_host.sleepBlocking(duration))


class _SgStorage:
    def get(self, key, default=None):
        s = _sg_chk(_sg_host.storageGet(str(key)))
        return default if s is None else _sg_json.loads(s)

    def set(self, key, value):
        _sg_chk(_sg_host.storageSet(str(key), _sg_json.dumps(value)))

    def delete(self, key):
        return _sg_chk(_sg_host.storageDelete(str(key)))

    def keys(self):
        return list(_sg_chk(_sg_host.storageKeys()))


storage = _SgStorage()


class _SgFiles:
    """Paths are relative to the script's files folder (scripts.files/NAME in config.yml)."""

    def upload(self, path):
        return _sg_chk(_sg_host.filesUpload(str(path)))

    def download(self, media, path, opts=None, **kw):
        o = dict(opts or {}, **kw)
        progress = o.pop("progress", None)
        return _sg_chk(_sg_host.filesDownload(media, str(path), o, progress))

    def iterDownload(self, media, opts=None, **kw):
        """Chunks (bytes) fetched one upload.getFile at a time as the loop asks; breaking out stops fetching."""
        it = _sg_chk(_sg_host.filesIterOpen(media, dict(opts or {}, **kw)))
        try:
            while True:
                b = _sg_chk(_sg_host.filesIterNext(it))
                if b is None:
                    return
                yield b
        finally:
            _sg_host.filesIterClose(it)


files = _SgFiles()

# ---- waitFor and conversations ----
# A wait gives the script's turn to its other handlers until its update comes (each wait on a thread of its own,
# under the one turn), so a handler can wait for a reply that the script's own queue still holds.

def _sg_opts(opts, kwargs):
    o = dict(opts) if opts else {}
    o.update(kwargs)
    return o or None


def _sg_filter(f):
    import re
    def src(p):
        if isinstance(p, re.Pattern):
            return ('(?i)' if p.flags & re.IGNORECASE else '') + p.pattern
        return p
    if f is None:
        return None
    if isinstance(f, (str, re.Pattern)):
        return {'pattern': src(f)}
    f = dict(f)
    if 'pattern' in f:
        f['pattern'] = src(f['pattern'])
    return f


def waitFor(event, filter=None, opts=None, **kwargs):
    """The next update of event that passes filter (for message/edit: the message); TimeoutError after
    timeout (default 60 s). waitFor("message", {"chats": [id]}, timeout=30)"""
    return _sg_chk(_sg_host.waitFor(str(event), _sg_filter(filter), _sg_opts(opts, kwargs)))


wait_for = waitFor


class Conversation:
    """A conversation with one chat: with conversation(peer) as conv: ... or conversation(peer, fn)."""

    def __init__(self, peer, opts):
        self._peer = peer
        self._opts = opts
        self._id = None

    def __enter__(self):
        self._id = _sg_chk(_sg_host.convOpen(self._peer, self._opts))
        return self

    def __exit__(self, *exc):
        if self._id is not None:
            _sg_host.convClose(self._id)
        return False

    def _open(self):
        if self._id is None:
            raise RuntimeError("conversation: use it in a with block, or pass a function")
        return self._id

    def send(self, text, opts=None, **kwargs):
        return _sg_chk(_sg_host.convSend(self._open(), str(text), _sg_opts(opts, kwargs)))

    def getResponse(self, opts=None, **kwargs):
        return _sg_chk(_sg_host.convGet(self._open(), 'RESPONSE', _sg_opts(opts, kwargs)))

    def getReply(self, opts=None, **kwargs):
        return _sg_chk(_sg_host.convGet(self._open(), 'REPLY', _sg_opts(opts, kwargs)))

    def getEdit(self, opts=None, **kwargs):
        return _sg_chk(_sg_host.convGet(self._open(), 'EDIT', _sg_opts(opts, kwargs)))

    def markRead(self):
        return _sg_chk(_sg_host.convMarkRead(self._open()))

    def cancel(self):
        return _sg_chk(_sg_host.convCancel(self._open()))

    get_response, get_reply, get_edit, mark_read = getResponse, getReply, getEdit, markRead


def conversation(peer, fn=None, opts=None, **kwargs):
    """conversation(peer, fn): runs fn(conv) with the chat to itself; without fn, a context manager."""
    conv = Conversation(peer, _sg_opts(opts, kwargs))
    if fn is None:
        return conv
    with conv:
        return fn(conv)



def sendFile(peer, file, opts=None, **kw):
    """sendFile(peer, path_or_bytes or a list, as_=..., caption=..., reply_to=..., thumb=..., progress=fn)."""
    o = dict(opts or {}, **kw)
    if "as_" in o:
        o["as"] = o.pop("as_")
    progress = o.pop("progress", None)
    return _sg_chk(_sg_host.sendFile(peer, file, o, progress))

# Iteration: history(peer, ...), dialogs(...), participants(chat, ...), search(query, ...) return generators.
# The host fetches one page per _sg_host.iterNext (None at the end), only when the loop asks for more, so a
# loop that breaks fetches nothing more. Options as keywords or one dict; `from` is spelled from_ as a keyword.
def _sg_pages(handle, _host=_sg_host):
    try:
        while True:
            page = _host.iterNext(handle)
            if isinstance(page, BaseException):
                raise page
            if page is None:
                return
            yield from page
    finally:
        _host.iterClose(handle)


def _sg_iterate(helper, arg, args, kwargs):
    if args:
        if len(args) != 1 or not isinstance(args[0], dict):
            raise TypeError(f"{helper}: pass options as keywords or as one dict")
        opts = dict(args[0])
        opts.update(kwargs)
    else:
        opts = dict(kwargs)
    if 'from_' in opts:
        opts['from'] = opts.pop('from_')
    return _sg_pages(_sg_chk(_sg_host.iterate(helper, arg, opts)))


def history(peer, *args, **kwargs):
    """The chat's messages, newest first: limit, offset_id, offset_date, min_id, max_id, reverse, search, from_, filter."""
    return _sg_iterate('history', peer, args, kwargs)


def dialogs(*args, **kwargs):
    """The account's chats ({name, entity, message, dialog}): limit, archived, exclude_pinned."""
    return _sg_iterate('dialogs', None, args, kwargs)


def participants(chat, *args, **kwargs):
    """A group's or channel's members ({user, participant}): limit, filter ("recent", "admins", "bots"), search."""
    return _sg_iterate('participants', chat, args, kwargs)


def search(query, *args, **kwargs):
    """Messages matching query in all chats, newest first: limit, filter."""
    return _sg_iterate('search', query, args, kwargs)


# What the host uses to make Python values.
class FetchResponse:
    """What fetch returns: status, ok, url, headers (lower-case names), text, content (bytes) and json()."""

    def __init__(self, r):
        self.status = r['status']
        self.ok = 200 <= self.status < 300
        self.url = r['url']
        self.headers = dict(r['headers'])
        self._r = r

    @property
    def text(self):
        return self._r['text']()

    @property
    def content(self):
        return self._r['bytes']()

    def json(self):
        return _sg_json.loads(self.text)

    def __repr__(self):
        return f"<FetchResponse {self.status} {self.url}>"


def fetch(url, method='GET', headers=None, body=None):
    """An HTTP request to a host the plugin lists under network: in plugin.yml; blocks until the answer."""
    opts = {'method': method}
    if headers is not None:
        opts['headers'] = dict(headers)
    if body is not None:
        opts['body'] = body
    return FetchResponse(_sg_chk(_sg_host.fetch(str(url), opts)))


_sg_list, _sg_bytes, _sg_int = list, bytes, int
