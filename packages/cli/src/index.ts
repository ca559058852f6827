export { main, COMMANDS } from './main.js';
export { parseArgs, UsageError, type CliCommand, type OptionSpec, type ParsedArgs } from './command.js';
export { collectDeviceReport } from './commands/devices.js';
