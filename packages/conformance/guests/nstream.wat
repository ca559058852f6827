;; A guest written the way the 2022 prototype's tests are: a reactor with no `_start`, driven
;; export by export on one instance (`wasi-parallel run --invoke 'setup 24 200000 0' --invoke
;; execute --invoke finish`). Its memory is fixed at 2048 pages and shared; its buffers alias
;; regions of it (write_buffer makes an alias, the prototype's semantics); the kernel imports a
;; memory as large as this one. `assemblePrototypeGuest` fills in the kernel's bytes at 16.
;;
;;   setup(threads, items, device_kind)  buffers A = 0, B = 2, C = 2 of `items` f32s, rounded
;;                                        up to a whole block per thread
;;   execute() -> error code             one parallel_exec: A += B + 3·C
;;   finish() -> 0 | 1                   0 when every element of A is 8 × the executes run
(module
  (import "wasi_ephemeral_parallel" "get_device" (func $get_device (param i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "create_buffer" (func $create_buffer (param i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "write_buffer" (func $write_buffer (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "parallel_exec"
    (func $parallel_exec (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 0x800 0x800 shared)

  ;; Layout: 0 the handle list (A, B, C), 12 the out-parameter, 16 the kernel, then A, B, C.
  (data (i32.const 16) "KERNEL_BYTES")
  (global $kernel_len i32 (i32.const KERNEL_LENGTH))
  (global $threads (mut i32) (i32.const 0))
  (global $block (mut i32) (i32.const 0))
  (global $bytes (mut i32) (i32.const 0))
  (global $device (mut i32) (i32.const 0))
  (global $runs (mut i32) (i32.const 0))

  (func $region (param $k i32) (result i32)
    ;; A at 64 KiB, then B and C, each `bytes` long.
    (i32.add (i32.const 0x10000) (i32.mul (local.get $k) (global.get $bytes))))

  (func $fill (param $at i32) (param $value f32)
    (local $i i32)
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (global.get $bytes)))
        (f32.store (i32.add (local.get $at) (local.get $i)) (local.get $value))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next))))

  (func $buffer (param $k i32) (param $access i32) (param $value f32)
    (drop (call $create_buffer (global.get $device) (global.get $bytes) (local.get $access) (i32.const 12)))
    (i32.store (i32.mul (local.get $k) (i32.const 4)) (i32.load (i32.const 12)))
    (call $fill (call $region (local.get $k)) (local.get $value))
    (drop (call $write_buffer (call $region (local.get $k)) (global.get $bytes) (i32.load (i32.mul (local.get $k) (i32.const 4))))))

  (func (export "setup") (param $threads i32) (param $items i32) (param $device_kind i32)
    (global.set $threads (local.get $threads))
    ;; A whole block per thread: round the block size up.
    (global.set $block (i32.div_u (i32.add (local.get $items) (i32.sub (local.get $threads) (i32.const 1))) (local.get $threads)))
    (global.set $bytes (i32.mul (i32.mul (global.get $block) (local.get $threads)) (i32.const 4)))
    (drop (call $get_device (local.get $device_kind) (i32.const 12)))
    (global.set $device (i32.load (i32.const 12)))
    (call $buffer (i32.const 0) (i32.const 2) (f32.const 0))  ;; A: read_write
    (call $buffer (i32.const 1) (i32.const 0) (f32.const 2))  ;; B: read
    (call $buffer (i32.const 2) (i32.const 0) (f32.const 2))) ;; C: read

  (func (export "execute") (result i32)
    (global.set $runs (i32.add (global.get $runs) (i32.const 1)))
    ;; Every buffer is an in-buffer, as in the prototype's test.
    (call $parallel_exec (global.get $device) (i32.const 16) (global.get $kernel_len)
      (global.get $threads) (global.get $block) (i32.const 0) (i32.const 3) (i32.const 0) (i32.const 0)))

  (func (export "finish") (result i32)
    (local $i i32) (local $expected f32)
    (local.set $expected (f32.mul (f32.const 8) (f32.convert_i32_u (global.get $runs))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (global.get $bytes)))
        (if (f32.ne (f32.load (i32.add (call $region (i32.const 0)) (local.get $i))) (local.get $expected))
          (then (return (i32.const 1))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    (i32.const 0)))
