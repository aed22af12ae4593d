// MtcuteMtProxyTest's harness: mtcute connects to our sandbox through an MTProxy front (any secret kind,
// fake-TLS included), makes an auth key and calls help.getNearestDc. Prints one JSON line.
// Usage: node mtcute-mtproxy.mjs HOST PORT SECRET SANDBOX_PUBLIC_KEY_PEM_FILE [TIMEOUT_SECONDS]
import { readFileSync } from 'node:fs'
import { MemoryStorage, MtProxyTcpTransport, TelegramClient } from '@mtcute/node'
import { NodeCryptoProvider, addPublicKey } from '@mtcute/node/utils.js'

const [host, port, secret, keyFile, timeoutSeconds] = process.argv.slice(2)
const timeout = Number(timeoutSeconds || 60)

function done(result, code) {
    console.log(JSON.stringify(result))
    process.exit(code)
}

setTimeout(() => done({ ok: false, error: `no answer within ${timeout} s` }, 1), timeout * 1000).unref()

try {
    // The sandbox has its own RSA key; mtcute knows Telegram's only.
    addPublicKey(new NodeCryptoProvider(), readFileSync(keyFile, 'utf8'))
    const dc = { id: 1, ipAddress: '127.0.0.1', port: 443 }
    const tg = new TelegramClient({
        apiId: 4,
        apiHash: 'sandbox-api-hash',
        storage: new MemoryStorage(),
        transport: new MtProxyTcpTransport({ host, port: Number(port), secret }),
        defaultDcs: { main: dc, media: dc },
        logLevel: Number(process.env.MTCUTE_LOG_LEVEL || 2),
    })
    const nearest = await tg.call({ _: 'help.getNearestDc' })
    await tg.destroy()
    done({ ok: true, result: nearest._, thisDc: nearest.thisDc }, 0)
} catch (e) {
    done({ ok: false, error: String(e && e.stack ? e.stack : e) }, 1)
}
