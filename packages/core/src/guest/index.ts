// Node-only: the guest runner uses node:worker_threads and node:wasi. Loading the Node entry
// gives the sequential device its kernel thread here too.
import '../node/index.js';
export { instantiateGuest, GuestTrap, type GuestInstance, type GuestOptions } from './instantiate-guest.js';
export { GuestAbiServer } from './abi-server.js';
export { createGuestImports, type GuestImportsOptions, type SyncCall } from './guest-imports.js';
export { upgradeMemoryToShared } from './memory-upgrade.js';
export { GUEST_IMPORT_MODULE, type AbiRequest, type AbiResponse, type GuestMemoryMode } from './abi.js';
