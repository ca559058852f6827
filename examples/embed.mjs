// Writes a C header holding a file's bytes, as `xxd -i` would, for guests that carry their
// kernel inside them: node embed.mjs kernel.wasm out.h
import { readFileSync, writeFileSync } from 'node:fs';
import { basename } from 'node:path';

const [input, output] = process.argv.slice(2);
const bytes = readFileSync(input);
const name = basename(input).replace(/[^A-Za-z0-9]/g, '_');
const rows = [];
for (let i = 0; i < bytes.length; i += 16) rows.push('  ' + [...bytes.subarray(i, i + 16)].map((b) => `0x${b.toString(16).padStart(2, '0')}`).join(', ') + ',');
writeFileSync(
  output,
  `/* Generated from ${basename(input)} by examples/embed.mjs. */\nstatic const unsigned char ${name}[] = {\n${rows.join('\n')}\n};\nstatic const unsigned int ${name}_len = ${bytes.length};\n`,
);
