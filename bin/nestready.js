#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ on install (npm ci runs the prepare script).
import('../dist/cli/main.js')
  .then(async ({ main }) => {
    const code = await main(process.argv.slice(2));
    // Let stdout drain before exiting: a large report piped to another process must arrive whole.
    process.exitCode = code;
  })
  .catch((error) => {
    process.stderr.write(`nestready: cannot start (${error && error.code === 'ERR_MODULE_NOT_FOUND' ? 'not built: run npm run build' : error}).\n`);
    process.exitCode = 2;
  });
