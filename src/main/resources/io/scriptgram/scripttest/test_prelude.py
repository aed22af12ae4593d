# The test API of `scriptgram test` for Python test files (test_NAME.py): the same as JS's. Java answers with JSON
# text, parsed here into objects whose fields read as attributes or keys.
import json as _sg_json
import re as _sg_re
import sys as _sg_sys


class _SgObj(dict):
    def __getattr__(self, key):
        try:
            return self[key]
        except KeyError:
            raise AttributeError(key) from None


def _sg_parse(s):
    if s is None:
        return None
    return _sg_json.loads(s, object_hook=_SgObj)


def _sg_filter_json(f, where):
    if f is None:
        return "{}"
    if isinstance(f, (str, _sg_re.Pattern)):
        f = {"pattern": f}
    if not isinstance(f, dict):
        raise TypeError(where + ": the filter must be a dict like {'pattern': 'pong'}, a string or a re pattern")
    out = {}
    for k, v in f.items():
        if k == "from_":
            k = "from"
        if isinstance(v, _sg_re.Pattern):
            v = {"source": v.pattern, "flags": "i" if v.flags & _sg_re.IGNORECASE else ""}
        out[k] = v
    return _sg_json.dumps(out)


def _sg_dur(v):
    return None if v is None else v if isinstance(v, (int, float)) else str(v)


def _sg_ref(m, where):
    if isinstance(m, int):
        return m, 0, None
    if isinstance(m, dict) and isinstance(m.get("id"), int):
        chat = m.get("chat_id")
        return m["id"], m.get("global_id") or 0, str(chat) if isinstance(chat, int) and chat < 0 else None
    raise TypeError(where + ": expected a message (as send() or expectMessage() gave it) or its id")


class WorldError(ValueError):
    """A world action the test's world refused: an unknown user or chat, a file outside the test's folder, ..."""


def _sg_act(fn, *args):
    """Runs a world action. Java's refusal reaches Python as a foreign exception, which `except Exception` does not
    catch, so it is raised again as a WorldError (a ValueError) that a test can catch or expect."""
    try:
        return fn(*args)
    except Exception:
        raise
    except BaseException as e:
        if isinstance(e, (KeyboardInterrupt, SystemExit, GeneratorExit)):
            raise
        get = getattr(e, "getMessage", None)
        raise WorldError(str(get() if callable(get) else e)) from None


class _SgUser:
    def __init__(self, u):
        self._u = u

    @property
    def id(self):
        return self._u.id()

    @property
    def username(self):
        return self._u.username()

    def send(self, text, to=None):
        _sg_mark()
        return _sg_parse(_sg_act(self._u.send, str(text), None if to is None else str(to)))

    def reply(self, m, text):
        _sg_mark()
        return _sg_parse(_sg_act(self._u.reply, *_sg_ref(m, "reply(message, text)"), str(text)))

    def edit(self, m, text):
        _sg_mark()
        return _sg_parse(_sg_act(self._u.edit, *_sg_ref(m, "edit(message, text)"), str(text)))

    def react(self, m, emoji="👍"):
        _sg_mark()
        _sg_act(self._u.react, *_sg_ref(m, "react(message, emoji)"), str(emoji))

    def sendFile(self, name=None, content="", caption="", to=None, path=None):
        """content: str (sent as UTF-8) or bytes; or path=: a file in the test's folder (its name is the file's)."""
        _sg_mark()
        chat = None if to is None else str(to)
        if path is not None:
            return _sg_parse(_sg_act(self._u.sendFilePath, str(path), str(caption), chat))
        if isinstance(content, (bytes, bytearray, memoryview)):
            latin1 = bytes(content).decode("latin-1")
            return _sg_parse(_sg_act(self._u.sendFileBytes, str(name), latin1, str(caption), chat))
        return _sg_parse(_sg_act(self._u.sendFile, str(name), str(content), str(caption), chat))

    def join(self, chat):
        _sg_mark()
        _sg_act(self._u.join, str(chat))

    def __repr__(self):
        return "@" + self._u.username()


class _SgWorld:
    def __init__(self, api):
        self._api = api
        self._users = {}

    def user(self, ref):
        key = str(ref)
        if key not in self._users:
            self._users[key] = _SgUser(_sg_act(self._api.user, key))
        return self._users[key]

    def fault(self, spec):
        _sg_act(self._api.fault, str(spec))


class _SgStorage:
    def __init__(self, api):
        self._api = api

    def get(self, key):
        return _sg_parse(self._api.storageGet(str(key)))

    def set(self, key, value):
        self._api.storageSet(str(key), _sg_json.dumps(value))

    def keys(self):
        return _sg_parse(self._api.storageKeys())


class _SgClock:
    def __init__(self, api):
        self._api = api

    def advance(self, d):
        self._api.advance(_sg_dur(d))

    def now(self):
        return self._api.now()


class _SgT:
    def __init__(self, api):
        self._api = api
        self.world = _SgWorld(api)
        self.storage = _SgStorage(api)
        self.clock = _SgClock(api)

    def expectMessage(self, filter=None, timeout=None):
        _sg_mark()
        return _sg_parse(self._api.expectMessage(_sg_filter_json(filter, "t.expectMessage(filter)"), _sg_dur(timeout)))

    def expectEdit(self, filter=None, timeout=None):
        _sg_mark()
        return _sg_parse(self._api.expectEdit(_sg_filter_json(filter, "t.expectEdit(filter)"), _sg_dur(timeout)))

    def expectNoMessage(self, filter=None, within=None):
        _sg_mark()
        self._api.expectNoMessage(_sg_filter_json(filter, "t.expectNoMessage(filter)"), _sg_dur(within))

    def calls(self, method=None):
        return _sg_parse(self._api.calls(None if method is None else str(method)))

    def reload(self):
        self._api.reload()

    def logs(self):
        return _sg_parse(self._api.logs())


def _sg_tests():
    return _sg_json.dumps([n for n, f in list(globals().items()) if n.startswith("test_") and callable(f)])


_sg_file = [""]
_sg_last_line = [0]


def _sg_mark():
    """Remembers the test file's line that calls t: a failure raised by Java carries no Python traceback line."""
    try:
        f = _sg_sys._getframe(1)
        while f is not None:
            if f.f_code.co_filename.endswith(_sg_file[0]):
                _sg_last_line[0] = f.f_lineno
                return
            f = f.f_back
    except Exception:
        pass


def _sg_run(name, api, file_name):
    _sg_file[0] = file_name
    _sg_last_line[0] = 0
    try:
        globals()[name](_SgT(api))
    except BaseException as e:
        # GraalPy reports a failure at the test function's first line; the traceback knows the line that failed.
        line = 0
        tb = e.__traceback__
        while tb is not None:
            if tb.tb_frame.f_code.co_filename.endswith(file_name):
                line = tb.tb_lineno
            tb = tb.tb_next
        api.failedAt(line or _sg_last_line[0])
        raise
