;; SIMD and atomics: out[i] (4 x f32) = in[i] * 2 as a v128; counter[0] += 1 atomically; f64
;; and i64 too (counter[1] = 1.5 * i as f64), and a helper call that normalisation inlines.
(module
  (import "env" "memory" (memory 1 16 shared))
  (func $twice (param $v v128) (result v128)
    (f32x4.add (local.get $v) (local.get $v)))
  (func (export "kernel")
    (param $i i32) (param $n i32) (param $block_size i32)
    (param $in i32) (param $in_len i32) (param $out i32) (param $out_len i32)
    (param $counter i32) (param $counter_len i32)
    (local $offset i32)
    (local.set $offset (i32.shl (local.get $i) (i32.const 4)))
    (v128.store (i32.add (local.get $out) (local.get $offset))
      (call $twice (v128.load (i32.add (local.get $in) (local.get $offset)))))
    (drop (i32.atomic.rmw.add (local.get $counter) (i32.const 1)))
    (f64.store offset=8 (local.get $counter)
      (f64.mul (f64.const 1.5) (f64.convert_i64_s (i64.extend_i32_s (local.get $i)))))))
