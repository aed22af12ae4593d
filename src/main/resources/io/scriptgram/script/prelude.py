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


def _sg_mk_err(kind, code, type, message, method, seconds):
    if kind == 'rpc':
        return RpcError(code, type, message, method, seconds)
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
    """Handlers get (update, info); one that takes only the update (or nothing) is called with what it takes."""
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

    def download(self, media, path):
        return _sg_chk(_sg_host.filesDownload(media, str(path)))


files = _SgFiles()

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
_sg_list, _sg_bytes, _sg_int = list, bytes, int
