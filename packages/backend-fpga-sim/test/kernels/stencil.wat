;; out[i] = in[i] + in[i+1] + in[i+2]: three reads of one buffer per iteration id.
(module
  (import "env" "memory" (memory 1 1024 shared))
  (func (export "kernel") (param $i i32) (param $n i32) (param $block i32) (param $in i32) (param $in_len i32) (param $out i32) (param $out_len i32)
    (local $p i32)
    (local.set $p (i32.add (local.get $in) (i32.shl (local.get $i) (i32.const 2))))
    (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2)))
      (i32.add (i32.add (i32.load (local.get $p)) (i32.load offset=4 (local.get $p))) (i32.load offset=8 (local.get $p))))))
