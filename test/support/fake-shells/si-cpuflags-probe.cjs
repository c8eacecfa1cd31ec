// Runs systeminformation's cpuFlags() down its Windows code path on this machine: process.platform is
// faked to win32 before the module loads; child_process.exec then uses %ComSpec% (set to /bin/sh by the
// test) to run `reg query …CentralProcessor\0 /v FeatureSet`, which finds the stand-in reg on PATH.
// The stand-in prints the FeatureSet value written to $FEATURESET_FILE. Prints one JSON line per value.
'use strict';
const { writeFileSync } = require('node:fs');

Object.defineProperty(process, 'platform', { value: 'win32' });
const { cpuFlags } = require('systeminformation/lib/cpu.js');

async function main() {
  const values = JSON.parse(process.argv[2]);
  const results = [];
  for (const value of values) {
    writeFileSync(process.env.FEATURESET_FILE, value);
    results.push({ featureSet: value, flags: await cpuFlags() });
  }
  process.stdout.write(JSON.stringify(results) + '\n');
}

main();
