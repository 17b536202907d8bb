// The baseline pipeline for batch: reads JSON Lines from stdin, parses and re-serialises each
// line, writes it out; the same streaming shape as batch (64 KiB reads, 64 KiB writes), no rules.
let pending = '';
let out = [];
let outBytes = 0;
const flush = async () => {
  if (out.length === 0) return;
  const text = out.join('');
  out = [];
  outBytes = 0;
  if (!process.stdout.write(text)) await new Promise((r) => process.stdout.once('drain', r));
};
for await (const chunk of process.stdin) {
  const text = pending + chunk.toString('utf8');
  const lines = text.split('\n');
  pending = lines.pop();
  for (const line of lines) {
    if (line.trim() === '') continue;
    const json = JSON.stringify(JSON.parse(line));
    out.push(json, '\n');
    outBytes += json.length + 1;
    if (outBytes > 65536) await flush();
  }
  await flush();
}
if (pending.trim() !== '') out.push(JSON.stringify(JSON.parse(pending)), '\n');
await flush();
