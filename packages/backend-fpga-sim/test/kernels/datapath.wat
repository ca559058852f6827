;; An integer datapath for the Verilog check: multiplies (multi-cycle), shifts, comparisons, a
;; select, and a store only some iterations make.
(module
  (import "env" "memory" (memory 1 1024 shared))
  (func (export "kernel") (param $i i32) (param $n i32) (param $block i32) (param $a i32) (param $a_len i32) (param $b i32) (param $b_len i32) (param $out i32) (param $out_len i32) (param $flags i32) (param $flags_len i32)
    (local $off i32) (local $x i32) (local $y i32) (local $r i32)
    (local.set $off (i32.shl (local.get $i) (i32.const 2)))
    (local.set $x (i32.load (i32.add (local.get $a) (local.get $off))))
    (local.set $y (i32.load offset=0 (i32.add (local.get $b) (local.get $off))))
    (local.set $r
      (i32.xor
        (i32.add (i32.mul (local.get $x) (i32.const 2654435761)) (i32.shr_s (local.get $y) (i32.const 3)))
        (select (i32.shl (local.get $y) (i32.and (local.get $x) (i32.const 31))) (i32.sub (local.get $i) (local.get $x))
          (i32.lt_s (local.get $x) (local.get $y)))))
    (i32.store (i32.add (local.get $out) (local.get $off)) (local.get $r))
    (if (i32.gt_u (local.get $r) (i32.const 0x80000000))
      (then (i32.store (i32.add (local.get $flags) (local.get $off)) (i32.mul (local.get $r) (local.get $y)))))))
