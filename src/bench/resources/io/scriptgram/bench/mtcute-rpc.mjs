// Reference for `scriptgram bench rpc`: mtcute's client calling help.getNearestDc on the same sandbox, over one
// connection, with N calls kept in flight (closed loop).
// Usage: node mtcute-rpc.mjs PORT MODULUS_HEX EXPONENT_HEX FINGERPRINT_HEX IN_FLIGHT_LIST WARM_MS MEASURE_MS
// Run from a folder whose node_modules holds @mtcute/node. The sandbox's RSA key is added to mtcute's key index (the
// sandbox is not Telegram). Prints one JSON line: {"rps_N": .., "p50_us_N": .., "p99_us_N": .., ...} per N.
import { createRequire } from 'node:module';
import { BaseTelegramClient, MemoryStorage } from '@mtcute/node';

const require = createRequire(import.meta.url);
const [port, modulus, exponent, fingerprint, inFlightArg, warmArg, measureArg] = process.argv.slice(2);
const keys = require('@mtcute/tl/binary/rsa-keys.js').__publicKeyIndex;
const key = { modulus, exponent, fingerprint: fingerprint.padStart(16, '0'), old: false };
keys[key.fingerprint] = key;
keys[fingerprint] = key; // looked up by the unpadded hex of the server's fingerprint

const dc = { id: 1, ipAddress: '127.0.0.1', port: Number(port) };
const client = new BaseTelegramClient({
  apiId: 4,
  apiHash: 'bench',
  storage: new MemoryStorage(),
  defaultDcs: { main: dc, media: dc },
  updates: false,
  logLevel: 0,
});

async function closedLoop(n, millis, lat) {
  const end = performance.now() + millis;
  const loop = async () => {
    for (;;) {
      const t0 = performance.now();
      if (t0 >= end) return;
      await client.call({ _: 'help.getNearestDc' });
      const t1 = performance.now();
      if (lat && t1 <= end) lat.push(t1 - t0);
    }
  };
  await Promise.all(Array.from({ length: n }, loop));
}

const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s[Math.min(s.length - 1, Math.round(p * (s.length - 1)))];
};

await client.call({ _: 'help.getNearestDc' }); // key exchange, initConnection
const out = {};
for (const n of inFlightArg.split(',').map(Number)) {
  await closedLoop(n, Number(warmArg), null);
  const lat = [];
  const measure = Number(measureArg);
  await closedLoop(n, measure, lat);
  out['rps_' + n] = lat.length / (measure / 1000);
  out['p50_us_' + n] = pct(lat, 0.5) * 1000;
  out['p99_us_' + n] = pct(lat, 0.99) * 1000;
}
process.stdout.write(JSON.stringify(out) + '\n');
await client.destroy?.();
process.exit(0);
