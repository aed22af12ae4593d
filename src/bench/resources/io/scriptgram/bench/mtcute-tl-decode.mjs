// Reference for `scriptgram bench tl`: mtcute's generated TL reader decoding the same payload.
// Usage: node mtcute-tl-decode.mjs PAYLOAD_FILE ROUNDS MILLIS_PER_ROUND
// Run from a folder whose node_modules holds @mtcute/node (which brings @mtcute/tl and @mtcute/tl-runtime).
// Prints one JSON line: {"payloads_s": [...], "payloads_per_cpu_s": [...], "layer": N}, one figure per round; the
// second divides by the process's CPU time (user + system, GC threads included) rather than the wall clock.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { TlBinaryReader } from '@mtcute/tl-runtime';

const require = createRequire(import.meta.url);
const { __tlReaderMap } = require('@mtcute/tl/binary/reader.js');
const layer = require('@mtcute/tl/api-schema.json').l;

const [file, roundsArg, millisArg] = process.argv.slice(2);
const data = new Uint8Array(readFileSync(file));
const rounds = Number(roundsArg || 5);
const millis = Number(millisArg || 1000);

// A decode must succeed and consume the whole payload before it is timed.
const reader = new TlBinaryReader(__tlReaderMap, data, 0);
const first = reader.object();
if (reader.pos !== data.length) throw new Error(`decoded ${reader.pos} of ${data.length} bytes (${first._})`);

let sink = 0;
const out = [];
const perCpu = [];
// Round -1 warms the JIT up and is not reported.
for (let round = -1; round < rounds; round++) {
  const cpu0 = process.cpuUsage();
  const start = process.hrtime.bigint();
  const until = start + BigInt(millis) * 1000000n;
  let n = 0;
  let now = start;
  while (now < until) {
    for (let i = 0; i < 50; i++) sink += TlBinaryReader.deserializeObject(__tlReaderMap, data)._.length;
    n += 50;
    now = process.hrtime.bigint();
  }
  const cpu = process.cpuUsage(cpu0);
  if (round < 0) continue;
  out.push(n / (Number(now - start) / 1e9));
  perCpu.push(n / ((cpu.user + cpu.system) / 1e6));
}
if (sink === 0) throw new Error('nothing decoded');
process.stdout.write(JSON.stringify({ payloads_s: out, payloads_per_cpu_s: perCpu, layer }) + '\n');
