// Adds up the vitest JSON reports every package's test run leaves (test-results.json) and
// prints one closing line, "N passed, N failed, N skipped". Exits 1 when a test failed or no
// test ran, so a run that tested nothing cannot pass.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['packages', 'examples'];
let passed = 0;
let failed = 0;
let skipped = 0;
for (const root of roots) {
  const dirs = root === 'packages' ? readdirSync(root).map((name) => join(root, name)) : [root];
  for (const dir of dirs) {
    const file = join(dir, 'test-results.json');
    if (!existsSync(file)) continue;
    const report = JSON.parse(readFileSync(file, 'utf8'));
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    skipped += report.numPendingTests + report.numTodoTests;
    console.log(`${dir}: ${report.numPassedTests} passed, ${report.numFailedTests} failed`);
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
