;; out[i] = the index of the first element from i on whose square root is 0. The exit test
;; waits on f32.sqrt, so trips after the exiting one are issued speculatively; the buffer ends
;; where memory ends, so the speculative loads past it would trap if they counted.
(module
  (import "env" "memory" (memory 1 1024 shared))
  (func (export "kernel") (param $i i32) (param $n i32) (param $block i32) (param $out i32) (param $out_len i32) (param $a i32) (param $a_len i32)
    (local $k i32)
    (local.set $k (local.get $i))
    (block $done
      (loop $next
        (br_if $done (f32.eq (f32.sqrt (f32.load (i32.add (local.get $a) (i32.shl (local.get $k) (i32.const 2))))) (f32.const 0)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))
    (i32.store (i32.add (local.get $out) (i32.shl (local.get $i) (i32.const 2))) (local.get $k))))
