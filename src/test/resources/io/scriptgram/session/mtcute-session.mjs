// Test harness: mtcute (npm @mtcute/node) against a Scriptgram sandbox, for the session round trips.
//   node mtcute-session.mjs login  HOST PORT PUBKEY_PEM PHONE CODE   -> logs in, prints {"session", "userId"}
//   node mtcute-session.mjs call   HOST PORT PUBKEY_PEM SESSION      -> users.getUsers([self]), prints {"userId"}
// One JSON line on stdout; anything else goes to stderr.
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
    logLevel: 1,
})
// parsePublicKey needs only sha1 from a crypto provider
addPublicKey({ sha1: (d) => new Uint8Array(createHash('sha1').update(d).digest()) }, readFileSync(pem, 'utf8'))
try {
    if (mode === 'login') {
        const [phone, code] = rest
        const me = await tg.start({ phone, code: async () => code })
        console.log(JSON.stringify({ session: await tg.exportSession(), userId: me.id }))
    } else if (mode === 'call') {
        await tg.importSession(rest[0])
        await tg.connect()
        const users = await tg.call({ _: 'users.getUsers', id: [{ _: 'inputUserSelf' }] })
        console.log(JSON.stringify({ userId: users[0].id }))
    } else {
        throw new Error('unknown mode ' + mode)
    }
} catch (e) {
    console.error(String(e && e.stack || e))
    process.exitCode = 2
} finally {
    await tg.destroy()
}
