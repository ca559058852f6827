;; The STREAM-style "nstream" kernel in the 2022 prototype's shape: it imports a *fixed*
;; shared memory exactly as large as its guest's (2048 pages, minimum = maximum), as the
;; prototype's test kernels do, and runs over the guest's own memory. Iteration t updates
;; block t of A: A[i] += B[i] + 3·C[i] (f32), for block_size elements.
(module
  (import "" "memory" (memory 0x800 0x800 shared))
  (func (export "kernel")
    (param $t i32) (param $n i32) (param $block_size i32)
    (param $a i32) (param $a_len i32) (param $b i32) (param $b_len i32) (param $c i32) (param $c_len i32)
    (local $at i32) (local $end i32)
    (local.set $at (i32.mul (i32.mul (local.get $t) (local.get $block_size)) (i32.const 4)))
    (local.set $end (i32.add (local.get $at) (i32.mul (local.get $block_size) (i32.const 4))))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $at) (local.get $end)))
        (f32.store (i32.add (local.get $a) (local.get $at))
          (f32.add
            (f32.load (i32.add (local.get $a) (local.get $at)))
            (f32.add
              (f32.load (i32.add (local.get $b) (local.get $at)))
              (f32.mul (f32.const 3) (f32.load (i32.add (local.get $c) (local.get $at)))))))
        (local.set $at (i32.add (local.get $at) (i32.const 4)))
        (br $next)))))
