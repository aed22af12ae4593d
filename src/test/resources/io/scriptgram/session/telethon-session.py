# Test harness: Telethon (Debian's python3-telethon) against a Scriptgram sandbox, for the session round trips.
#   python3 telethon-session.py login HOST PORT PUBKEY_PEM PHONE CODE  -> logs in, prints {"session", "userId"}
#   python3 telethon-session.py call  HOST PORT PUBKEY_PEM SESSION     -> users.getUsers([self]), prints {"userId"}
# One JSON line on stdout; Telethon's own logging goes to stderr.
import asyncio
import json
import logging
import struct
import sys
from hashlib import sha1

import rsa as pyrsa
from telethon import TelegramClient, functions, types
from telethon.crypto import rsa
from telethon.sessions import StringSession
from telethon.tl.tlobject import TLObject


def trust(pem):
    # Telethon keys its list by the signed 64-bit fingerprint (last 8 bytes of SHA-1 over n and e as TL bytes); the
    # sandbox's key is a new key, so it is not an "old" one.
    key = pyrsa.PublicKey.load_pkcs1(pem.encode('ascii'))
    raw = lambda i: i.to_bytes((i.bit_length() + 7) // 8, 'big')
    fp = struct.unpack('<q', sha1(TLObject.serialize_bytes(raw(key.n)) + TLObject.serialize_bytes(raw(key.e))).digest()[-8:])[0]
    rsa._server_keys[fp] = (key, False)


def asked(what):
    def fail():
        raise RuntimeError('the sandbox asked for ' + what + ', which this harness does not give')
    return fail


async def main(mode, host, port, pem, rest):
    with open(pem) as f:
        trust(f.read())
    session = StringSession(rest[0] if mode == 'call' else None)
    if mode == 'login':
        session.set_dc(1, host, int(port))
    # Telethon 1.25 keeps the session's address; no other DC is used in these tests.
    client = TelegramClient(session, 4, 'sandbox', connection_retries=1, retry_delay=0, timeout=30,
                            receive_updates=False)
    try:
        if mode == 'login':
            phone, code = rest
            codes = iter([code])
            await client.start(phone=lambda: phone, code_callback=lambda: next(codes), password=asked('a password'),
                               max_attempts=1)
            me = await client.get_me()
            return {'session': client.session.save(), 'userId': str(me.id)}
        await client.connect()
        users = await client(functions.users.GetUsersRequest(id=[types.InputUserSelf()]))
        return {'userId': str(users[0].id)}
    finally:
        await client.disconnect()


if __name__ == '__main__':
    logging.basicConfig(stream=sys.stderr, level=logging.WARNING)
    mode, host, port, pem, *rest = sys.argv[1:]
    try:
        out = asyncio.run(main(mode, host, port, pem, rest))
    except BaseException as e:
        logging.exception('telethon harness failed: %s', e)
        sys.exit(2)
    sys.stdout.write(json.dumps(out) + '\n')
    sys.stdout.flush()
