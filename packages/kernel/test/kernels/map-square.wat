;; Map-style: out[i] = in[i] * in[i] (i32), one element per iteration.
(module
  (import "env" "memory" (memory 1 16 shared))
  (func (export "kernel")
    (param $i i32) (param $n i32) (param $block_size i32)
    (param $in i32) (param $in_len i32) (param $out i32) (param $out_len i32)
    (local $offset i32) (local $value i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 2)))
    (local.set $value (i32.load (i32.add (local.get $in) (local.get $offset))))
    (i32.store offset=8 (i32.add (local.get $out) (local.get $offset))
      (i32.mul (local.get $value) (local.get $value)))))
