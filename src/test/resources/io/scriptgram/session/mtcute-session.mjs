// Test harness: mtcute (npm @mtcute/node) against a Scriptgram sandbox, for the session round trips.
//   node mtcute-session.mjs login  HOST PORT PUBKEY_PEM PHONE CODE   -> logs in, prints {"session", "userId"}
//   node mtcute-session.mjs call   HOST PORT PUBKEY_PEM SESSION      -> users.getUsers([self]), prints {"userId"}
// The JSON line is the last line on stdout; mtcute's own log (debug level, no payloads) goes before it, so a failure
// shows where mtcute stood. The process always ends: it exits itself once the answer is out, whatever mtcute still has
// open, and every question mtcute could ask (a second code, a password) fails instead of waiting for an answer.
import { readFileSync } from 'node:fs'
import { createHash } from 'node:crypto'
import { TelegramClient, MemoryStorage } from '@mtcute/node'
import { addPublicKey } from '@mtcute/core/utils.js'

const [mode, host, port, pem, ...rest] = process.argv.slice(2)
const dc = { id: 1, ipAddress: host, port: Number(port) }
const tg = new TelegramClient({
    apiId: 4,
    apiHash: 'sandbox',
    storage: new MemoryStorage(),
    defaultDcs: { main: dc, media: { ...dc, mediaOnly: true } },
    logLevel: Number(process.env.MTCUTE_LOG_LEVEL ?? 4),
})
// parsePublicKey needs only sha1 from a crypto provider
addPublicKey({ sha1: (d) => new Uint8Array(createHash('sha1').update(d).digest()) }, readFileSync(pem, 'utf8'))

const asked = (what) => async () => {
    throw new Error('mtcute asked for ' + what + ', which this harness does not give')
}
let result = null
let failure = null
try {
    if (mode === 'login') {
        const [phone, code] = rest
        let codes = [code]
        const me = await tg.start({
            phone,
            code: async () => (codes.length ? codes.pop() : asked('the login code again')()),
            password: asked('a 2FA password'),
            invalidCodeCallback: asked('a new code after an invalid one'),
        })
        result = { session: await tg.exportSession(), userId: me.id }
    } else if (mode === 'call') {
        await tg.importSession(rest[0])
        await tg.connect()
        const users = await tg.call({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] })
        result = { userId: users[0].id }
    } else {
        throw new Error('unknown mode ' + mode)
    }
} catch (e) {
    failure = e
}
// destroy() closes the connections; it gets 10 s, then the process ends regardless (a timer or socket mtcute left
// open must not keep node alive after the answer).
await Promise.race([tg.destroy().catch(() => {}), new Promise((r) => setTimeout(r, 10000).unref())])
if (failure) {
    process.stderr.write(String((failure && failure.stack) || failure) + '\n')
    process.exit(2)
}
process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0))
