;; A hand-written guest that uses the 2022 prototype ABI exactly as existing programs do:
;; it squares 1..16 on the device its hint picks and exits 0 when every result is right.
;; `assemblePrototypeGuest` fills in the data segment at 256 with square-kernel.wat's bytes.
(module
  (import "wasi_ephemeral_parallel" "get_device" (func $get_device (param i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "create_buffer" (func $create_buffer (param i32 i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "write_buffer" (func $write_buffer (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "read_buffer" (func $read_buffer (param i32 i32 i32) (result i32)))
  (import "wasi_ephemeral_parallel" "parallel_exec"
    (func $parallel_exec (param i32 i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1 1 shared)

  ;; Layout: 0 device, 4 in-buffer, 8 out-buffer, 16 in data (64 bytes), 80 out data,
  ;; 144 the result read back, 256 the kernel.
  (global $N i32 (i32.const 16))
  (data (i32.const 256) "KERNEL_BYTES")

  (func $check (param $code i32)
    (if (local.get $code) (then (call $proc_exit (i32.add (i32.const 100) (local.get $code))))))

  (func (export "_start")
    (local $i i32)
    ;; hint 1 = CPU; the host may give another device.
    (call $check (call $get_device (i32.const 1) (i32.const 0)))
    (call $check (call $create_buffer (i32.load (i32.const 0)) (i32.const 64) (i32.const 0) (i32.const 4)))
    (call $check (call $create_buffer (i32.load (i32.const 0)) (i32.const 64) (i32.const 1) (i32.const 8)))
    (loop $fill
      (i32.store (i32.add (i32.const 16) (i32.shl (local.get $i) (i32.const 2))) (i32.add (local.get $i) (i32.const 1)))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $fill (i32.lt_u (local.get $i) (global.get $N))))
    ;; The prototype aliases: both buffers must be written, the output one too.
    (call $check (call $write_buffer (i32.const 16) (i32.const 64) (i32.load (i32.const 4))))
    (call $check (call $write_buffer (i32.const 80) (i32.const 64) (i32.load (i32.const 8))))
    (call $check (call $parallel_exec
      (i32.load (i32.const 0)) (i32.const 256) (i32.const KERNEL_LENGTH)
      (global.get $N) (i32.const 4)
      (i32.const 4) (i32.const 1) (i32.const 8) (i32.const 1)))
    (call $check (call $read_buffer (i32.load (i32.const 8)) (i32.const 144) (i32.const 64)))
    ;; The kernel's writes are visible both in the aliased region and in what was read back.
    (local.set $i (i32.const 0))
    (loop $verify
      (if (i32.ne (i32.load (i32.add (i32.const 80) (i32.shl (local.get $i) (i32.const 2))))
                  (i32.mul (i32.add (local.get $i) (i32.const 1)) (i32.add (local.get $i) (i32.const 1))))
        (then (call $proc_exit (i32.const 1))))
      (if (i32.ne (i32.load (i32.add (i32.const 144) (i32.shl (local.get $i) (i32.const 2))))
                  (i32.load (i32.add (i32.const 80) (i32.shl (local.get $i) (i32.const 2)))))
        (then (call $proc_exit (i32.const 2))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br_if $verify (i32.lt_u (local.get $i) (global.get $N))))
    (call $proc_exit (i32.const 0))))
