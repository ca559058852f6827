;; A kernel in the prototype's shape: it imports its memory as `"" "memory"` and squares
;; element `iteration_id` of the input buffer into the output buffer.
(module
  (import "" "memory" (memory 1 65536 shared))
  (func (export "kernel")
    (param $iteration i32) (param $n i32) (param $block_size i32)
    (param $in i32) (param $in_len i32) (param $out i32) (param $out_len i32)
    (local $offset i32) (local $value i32)
    (local.set $offset (i32.shl (local.get $iteration) (i32.const 2)))
    (local.set $value (i32.load (i32.add (local.get $in) (local.get $offset))))
    (i32.store (i32.add (local.get $out) (local.get $offset))
      (i32.mul (local.get $value) (local.get $value)))))
