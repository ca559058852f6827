/**
 * binaryen.js reports why it rejects a module by printing (validator errors, parse
 * exceptions) through the console, not in the exception. Around a call, this takes that text
 * off stdout/stderr (Node) so it can go into the typed error instead of the user's terminal.
 * Elsewhere (a browser) it just runs the call.
 */
export function captureOutput<T>(run: () => T): { readonly value: T; readonly output: string } {
  const proc = (globalThis as { process?: { stdout?: { write: unknown }; stderr?: { write: unknown } } }).process;
  if (!proc?.stdout || !proc.stderr) return { value: run(), output: '' };
  const chunks: string[] = [];
  const stdout = proc.stdout;
  const stderr = proc.stderr;
  const originals = [stdout.write, stderr.write];
  const grab = (chunk: unknown): boolean => {
    chunks.push(typeof chunk === 'string' ? chunk : new TextDecoder().decode(chunk as Uint8Array));
    return true;
  };
  stdout.write = grab;
  stderr.write = grab;
  try {
    return { value: run(), output: chunks.join('') };
  } finally {
    [stdout.write, stderr.write] = originals;
  }
}

/** The first line of binaryen's complaint, tidied for a message. */
export function firstComplaint(output: string): string | undefined {
  const line = output
    .split('\n')
    .map((l) => l.trim())
    .find((l) => /error|exception|requires/i.test(l));
  return line
    ?.replace(/^\[wasm-validator error in [^\]]*\]\s*/, '')
    .replace(/^unexpected false:\s*/, '')
    .replace(/,\s*on\s*$/, '')
    .slice(0, 200);
}
