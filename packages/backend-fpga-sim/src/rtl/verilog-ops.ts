/**
 * The i32 operations the Verilog emitter knows, as Verilog over 32-bit operands `a`, `b`.
 * Comparisons give 0/1 in 32 bits, as wasm's do; shift counts are taken modulo 32, as wasm's are.
 */
export const VERILOG_OPS: Readonly<Record<string, (a: string, b: string) => string>> = {
  'i32.add': (a, b) => `${a} + ${b}`,
  'i32.sub': (a, b) => `${a} - ${b}`,
  'i32.mul': (a, b) => `${a} * ${b}`,
  'i32.and': (a, b) => `${a} & ${b}`,
  'i32.or': (a, b) => `${a} | ${b}`,
  'i32.xor': (a, b) => `${a} ^ ${b}`,
  'i32.shl': (a, b) => `${a} << (${b} & 32'd31)`,
  'i32.shr_u': (a, b) => `${a} >> (${b} & 32'd31)`,
  'i32.shr_s': (a, b) => `$signed(${a}) >>> (${b} & 32'd31)`,
  'i32.eq': (a, b) => `{31'd0, ${a} == ${b}}`,
  'i32.ne': (a, b) => `{31'd0, ${a} != ${b}}`,
  'i32.lt_s': (a, b) => `{31'd0, $signed(${a}) < $signed(${b})}`,
  'i32.lt_u': (a, b) => `{31'd0, ${a} < ${b}}`,
  'i32.gt_s': (a, b) => `{31'd0, $signed(${a}) > $signed(${b})}`,
  'i32.gt_u': (a, b) => `{31'd0, ${a} > ${b}}`,
  'i32.le_s': (a, b) => `{31'd0, $signed(${a}) <= $signed(${b})}`,
  'i32.le_u': (a, b) => `{31'd0, ${a} <= ${b}}`,
  'i32.ge_s': (a, b) => `{31'd0, $signed(${a}) >= $signed(${b})}`,
  'i32.ge_u': (a, b) => `{31'd0, ${a} >= ${b}}`,
  'i32.eqz': (a) => `{31'd0, ${a} == 32'd0}`,
};

export const VERILOG_PREDICATES: Readonly<Record<string, (a: string, b: string) => string>> = {
  and: (a, b) => `${a} & ${b}`,
  or: (a, b) => `${a} | ${b}`,
  not: (a) => `${a} ^ 32'd1`,
  nz: (a) => `{31'd0, ${a} != 32'd0}`,
};
