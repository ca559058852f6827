/**
 * node:wasi warns that it is experimental when it loads. The guest's stderr is the user's, so
 * keep that line out of it. The worker imports node:wasi only after this has run.
 */
process.removeAllListeners('warning');
process.on('warning', (warning) => {
  if (warning.name !== 'ExperimentalWarning') console.warn(warning);
});
