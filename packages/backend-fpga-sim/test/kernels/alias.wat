;; Writes through buffer a's pointer past its end, into buffer b (placed right after it), then
;; reads b: the schedule's assumption that buffers never alias is wrong for this call.
(module
  (import "env" "memory" (memory 1 1024 shared))
  (func (export "kernel") (param $i i32) (param $n i32) (param $block i32) (param $a i32) (param $a_len i32) (param $b i32) (param $b_len i32)
    (local $slot i32)
    (local.set $slot (i32.shl (local.get $i) (i32.const 2)))
    (i32.store (i32.add (i32.add (local.get $a) (local.get $a_len)) (local.get $slot))
      (i32.trunc_f32_s (f32.div (f32.convert_i32_s (local.get $i)) (f32.const 0.5))))
    (i32.store (i32.add (local.get $b) (local.get $slot))
      (i32.add (i32.load (i32.add (local.get $b) (local.get $slot))) (i32.const 1)))))
