;; A global carried from iteration to iteration, as on the sequential device (one instance per call).
(module
  (import "env" "memory" (memory 1 1024 shared))
  (global $count (mut i32) (i32.const 100))
  (func (export "kernel") (param $i i32) (param $n i32) (param $block i32) (param $out i32) (param $out_len i32)
    (global.set $count (i32.add (global.get $count) (i32.mul (local.get $i) (i32.const 3))))
    (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (global.get $count))))
