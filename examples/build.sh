#!/usr/bin/env bash
# Builds the example guests and kernels into examples/build/: kernels with clang-16 for
# wasm32 (shared imported memory, no libc), guests for wasm32-wasi with each kernel's bytes
# embedded; then the hand-written WAT example with wabt.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
out="$here/build"
mkdir -p "$out"
CLANG=${CLANG:-clang-16}
# clang runs `wasm-opt` after linking when one is on PATH; under npm that is binaryen's copy in
# node_modules/.bin, which rewrites and strips the modules. Build with what the system has.
PATH=$(printf '%s' "$PATH" | tr ':' '\n' | grep -v node_modules | paste -sd: -)
# 4 GiB maximum: a kernel's memory import must accept any guest memory, whose maximum is 4 GiB
# after the host upgrades it to shared (docs/abi.md).
KERNEL_FLAGS=(--target=wasm32 -O2 -nostdlib -Wl,--no-entry -Wl,--import-memory -Wl,--shared-memory
  -Wl,--max-memory=4294967296 -matomics -mbulk-memory -I "$here/../include")
GUEST_FLAGS=(--target=wasm32-wasi -O2 -I "$here/../include" -I "$here/c" -I "$out")

for example in saxpy mandelbrot matmul; do
  "$CLANG" "${KERNEL_FLAGS[@]}" "$here/c/$example-kernel.c" -o "$out/$example-kernel.wasm"
  node "$here/embed.mjs" "$out/$example-kernel.wasm" "$out/$example-kernel.wasm.h"
  "$CLANG" "${GUEST_FLAGS[@]}" "$here/c/$example.c" -o "$out/$example.wasm"
done
node "$here/wat/build.mjs"
echo "examples: built $(ls "$out"/*.wasm | wc -l) modules in examples/build"
