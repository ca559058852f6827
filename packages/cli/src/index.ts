export { main, COMMANDS, VERSION, exitOnSignals } from './main.js';
export { parseOptions, type OptionSpecs, type Parsed, type Positionals } from './args.js';
export { UsageError } from './usage-error.js';
export type { CliCommand } from './command.js';
export { collectDeviceReport, formatDeviceReport, type DeviceReport } from './commands/devices.js';
export { discoverBackends, FIRST_PARTY_BACKEND_PACKAGES, BACKENDS_ENV_VAR, type BackendPackage, type Discovery, type DiscoveryInput } from './discovery/discover-backends.js';
export { findConfigFile, loadConfig, CONFIG_FILE_NAMES, type CliConfig } from './discovery/config-file.js';
