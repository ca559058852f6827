;; Control flow the IR must keep: br_table, if/else, select, return, and a data-dependent
;; store address (scattered): out[in[i] & 63] = i.
(module
  (import "env" "memory" (memory 1 1 shared))
  (func (export "kernel")
    (param $i i32) (param $n i32) (param $block_size i32)
    (param $in i32) (param $in_len i32) (param $out i32) (param $out_len i32)
    (local $v i32)
    (local.set $v (i32.load (i32.add (local.get $in) (i32.shl (local.get $i) (i32.const 2)))))
    (block $a
      (block $b
        (br_table $a $b (i32.and (local.get $v) (i32.const 1))))
      (if (i32.eqz (local.get $i)) (then (return)) (else (nop))))
    (i32.store
      (i32.add (local.get $out) (i32.shl (i32.and (local.get $v) (i32.const 63)) (i32.const 2)))
      (select (local.get $i) (i32.const -1) (local.get $v)))))
