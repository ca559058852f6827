;; A block of `block_size` elements per iteration, with a counted loop whose bound is a param:
;; out[k] = in[k] + 1 for k in [i * block_size, (i + 1) * block_size). Unshared memory.
(module
  (import "env" "memory" (memory 2))
  (func (export "kernel")
    (param $i i32) (param $n i32) (param $block_size i32)
    (param $in i32) (param $in_len i32) (param $out i32) (param $out_len i32)
    (local $k i32) (local $end i32)
    (local.set $k (i32.mul (local.get $i) (local.get $block_size)))
    (local.set $end (i32.add (local.get $k) (local.get $block_size)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $k) (local.get $end)))
        (i32.store
          (i32.add (local.get $out) (i32.shl (local.get $k) (i32.const 2)))
          (i32.add (i32.load (i32.add (local.get $in) (i32.shl (local.get $k) (i32.const 2)))) (i32.const 1)))
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $next)))))
