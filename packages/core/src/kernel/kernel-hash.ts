/**
 * A content hash for kernel bytes, the key of every kernel cache. Two independent 32-bit
 * FNV-1a lanes give 64 bits; it runs in browsers too (no node:crypto) and costs about a
 * nanosecond a byte, far below compiling the kernel.
 */
export function kernelHash(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ bytes.length;
  for (let i = 0; i < bytes.length; i++) {
    const byte = bytes[i]!;
    a = Math.imul(a ^ byte, 0x01000193);
    b = Math.imul(b ^ byte, 0x5bd1e995) ^ (b >>> 15);
  }
  return (a >>> 0).toString(16).padStart(8, '0') + (b >>> 0).toString(16).padStart(8, '0');
}
