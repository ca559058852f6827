import type { BackendCapabilities, KernelFeatures } from '@wasi-parallel/core';

/** A capability gate on kernel features: a skip reason naming every missing one, else undefined. */
export function requiresFeatures(...features: (keyof KernelFeatures)[]): (capabilities: BackendCapabilities) => string | undefined {
  return (capabilities) => {
    const missing = features.filter((feature) => !capabilities.features[feature]);
    return missing.length === 0 ? undefined : `the backend does not accept ${missing.join(', ')} kernels (capabilities.features)`;
  };
}
