// Writes the hand-written WAT guests into build/. Their sources live with the conformance
// suite, which runs them on every backend (packages/conformance/guests/): `square` uses the
// prototype's import shapes, `nstream` is a reactor driven export by export whose kernel imports
// a fixed memory as large as the guest's.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { assemblePrototypeGuest } from '@wasi-parallel/conformance';

const out = join(dirname(fileURLToPath(import.meta.url)), '..', 'build');
mkdirSync(out, { recursive: true });
for (const name of ['square', 'nstream']) {
  const { guest, kernel } = await assemblePrototypeGuest(name);
  writeFileSync(join(out, `${name}-kernel.wasm`), kernel);
  writeFileSync(join(out, `${name}.wasm`), guest);
  console.log(`examples/wat: built ${name}.wasm (${kernel.length}-byte kernel inside)`);
}
