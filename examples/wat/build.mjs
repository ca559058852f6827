// Assembles the hand-written WAT example with the `wabt` npm package: the kernel first, then
// the guest with the kernel's bytes in a data segment. Writes into build/.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import wabtInit from 'wabt';

const here = dirname(fileURLToPath(import.meta.url));
const out = join(here, '..', 'build');
const wabt = await wabtInit();
const assemble = (file, text) => wabt.parseWat(file, text, { threads: true }).toBinary({}).buffer;

const kernel = assemble('square-kernel.wat', readFileSync(join(here, 'square-kernel.wat'), 'utf8'));
const escaped = [...kernel].map((byte) => '\\' + byte.toString(16).padStart(2, '0')).join('');
const guestText = readFileSync(join(here, 'square.wat'), 'utf8')
  .replace('KERNEL_BYTES', escaped)
  .replace('KERNEL_LENGTH', String(kernel.length));
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'square-kernel.wasm'), kernel);
writeFileSync(join(out, 'square.wasm'), assemble('square.wat', guestText));
console.log(`examples/wat: built square.wasm (${kernel.length}-byte kernel inside)`);
