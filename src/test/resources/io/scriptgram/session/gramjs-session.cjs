// Test harness: GramJS (npm telegram) against a Scriptgram sandbox, for the session round trips.
//   node gramjs-session.cjs login HOST PORT PUBKEY_PEM PHONE CODE  -> logs in, prints {"session", "userId"}
//   node gramjs-session.cjs call  HOST PORT PUBKEY_PEM SESSION     -> users.getUsers([self]), prints {"userId"}
// One JSON line on stdout; GramJS's own logging goes to stderr.
const { readFileSync } = require('node:fs')
const crypto = require('node:crypto')
const bigInt = require('big-integer')
const { TelegramClient, Api } = require('telegram')
const { StringSession } = require('telegram/sessions')
const RSA = require('telegram/crypto/RSA')

function tlBytes(b) {
    const head = b.length <= 253 ? Buffer.from([b.length]) : Buffer.from([254, b.length & 255, (b.length >> 8) & 255, b.length >> 16])
    const pad = (4 - ((head.length + b.length) % 4)) % 4
    return Buffer.concat([head, b, Buffer.alloc(pad)])
}

// Trust the sandbox's key the way GramJS keys its own list: by the signed 64-bit fingerprint.
function trust(pem) {
    const jwk = crypto.createPublicKey(pem).export({ format: 'jwk' })
    const n = Buffer.from(jwk.n, 'base64url')
    const e = Buffer.from(jwk.e, 'base64url')
    const sha = crypto.createHash('sha1').update(Buffer.concat([tlBytes(n), tlBytes(e)])).digest()
    const fp = sha.subarray(12, 20).readBigInt64LE(0)
    RSA._serverKeys.set(fp.toString(), { n: bigInt(n.toString('hex'), 16), e: Number(bigInt(e.toString('hex'), 16)) })
}

async function main() {
    const [mode, host, port, pem, ...rest] = process.argv.slice(2)
    trust(readFileSync(pem, 'utf8'))
    console.log = (...a) => process.stderr.write(a.join(' ') + '\n')
    const out = (o) => process.stdout.write(JSON.stringify(o) + '\n')
    const session = new StringSession(mode === 'call' ? rest[0] : '')
    const client = new TelegramClient(session, 4, 'sandbox', { connectionRetries: 1, baseLogger: undefined })
    client.setLogLevel('error')
    if (mode === 'login') client.session.setDC(1, host, Number(port))
    // GramJS 2.26 on node connects to port 80 (443 with WSS) whatever the session says, and maps other DCs to port
    // 443 of help.getConfig's addresses: point both at the sandbox, whose DC 1 is all these tests use.
    client.getDC = async (dcId) => ({ id: dcId, ipAddress: host, port: Number(port) })
    const Plain = client._connection
    client._connection = class extends Plain {
        constructor(o) {
            super({ ...o, port: Number(port) })
        }
    }
    try {
        if (mode === 'login') {
            const [phone, code] = rest
            // Each question GramJS could ask beyond the one code fails at once instead of waiting for an answer.
            const codes = [code]
            const asked = (what) => async () => { throw new Error('GramJS asked for ' + what + ', which this harness does not give') }
            await client.start({
                phoneNumber: phone,
                phoneCode: async () => (codes.length ? codes.pop() : asked('the login code again')()),
                password: asked('a 2FA password'),
                onError: (e) => { throw e },
            })
            const me = await client.getMe()
            out({ session: client.session.save(), userId: me.id.toString() })
        } else {
            await client.connect()
            const users = await client.invoke(new Api.users.GetUsers({ id: [new Api.InputUserSelf()] }))
            out({ userId: users[0].id.toString() })
        }
    } finally {
        await client.destroy()
    }
}
main().then(() => process.exit(0), (e) => { process.stderr.write(String(e && e.stack || e) + '\n'); process.exit(2) })
