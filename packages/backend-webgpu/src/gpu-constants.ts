/**
 * WebGPU's flag values, spelled out so the backend runs on any `GPU` object: Dawn's Node
 * binding exposes `GPUBufferUsage` only through its `globals`, a browser as globals.
 * Values from the WebGPU spec (§ GPUBufferUsage, § GPUMapMode).
 */
export const BufferUsage = {
  MAP_READ: 0x0001,
  COPY_SRC: 0x0004,
  COPY_DST: 0x0008,
  STORAGE: 0x0080,
} as const;

export const MapMode = { READ: 0x0001 } as const;

export const ShaderStage = { COMPUTE: 0x4 } as const;
