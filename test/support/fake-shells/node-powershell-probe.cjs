// Runs one node-powershell experiment against the stand-in shell and prints what happened as JSON.
// Usage: node node-powershell-probe.cjs <experiment>   (NODE_POWERSHELL = path of the stand-in)
// Each experiment runs in its own process so that a hang or a crash cannot take the test runner down.
'use strict';
const { PowerShell } = require('node-powershell');

const experiment = process.argv[2];
const started = Date.now();

function report(result) {
  process.stdout.write(JSON.stringify({ experiment, ms: Date.now() - started, ...result }) + '\n');
}

function describe(error) {
  return { outcome: 'rejected', errorName: error && error.name, message: error && String(error.message) };
}

process.on('uncaughtException', (error) => {
  report({ outcome: 'uncaught-exception', errorName: error.name, message: String(error.message) });
  process.exit(0);
});

async function main() {
  switch (experiment) {
    case 'quoting': {
      const names = JSON.parse(process.env.NAMES);
      report({ outcome: 'rendered', commands: names.map((name) => PowerShell.command`Get-VM -Name ${name}`) });
      return;
    }
    case 'ok':
    case 'stderr':
    case 'large': {
      const ps = new PowerShell({ executableOptions: { '-NoProfile': true } });
      try {
        const record = await ps.invoke(experiment);
        report({ outcome: 'resolved', hadErrors: record.hadErrors, rawLength: record.raw.length, rawHead: record.raw.slice(0, 60), rawTail: record.raw.slice(-20) });
      } catch (error) {
        report(describe(error));
      } finally {
        await ps.dispose();
      }
      return;
    }
    case 'stderr-no-throw': {
      const ps = new PowerShell({ throwOnInvocationError: false });
      try {
        const record = await ps.invoke('stderr');
        report({ outcome: 'resolved', hadErrors: record.hadErrors, rawHead: record.raw.slice(0, 40), stdoutInRecord: record.stdout ? record.stdout.toString().slice(0, 40) : null });
      } catch (error) {
        report(describe(error));
      } finally {
        await ps.dispose();
      }
      return;
    }
    case 'timeout': {
      const ps = new PowerShell({ invocationTimeout: 500 });
      let result;
      try {
        const record = await ps.invoke('hang');
        result = { outcome: 'resolved', raw: record.raw };
      } catch (error) {
        result = describe(error);
      }
      const pid = ps.process.pid;
      let alive = false;
      try {
        process.kill(pid, 0);
        alive = ps.process.exitCode === null;
      } catch {
        alive = false;
      }
      report({ ...result, shellStillRunning: alive });
      await ps.dispose();
      return;
    }
    case 'crlf-burst': {
      const ps = new PowerShell({ invocationTimeout: 2000 });
      try {
        const record = await ps.invoke('quick');
        report({ outcome: 'resolved', raw: record.raw });
      } catch (error) {
        report(describe(error));
      } finally {
        await ps.dispose();
      }
      return;
    }
    case 'missing': {
      let ps;
      try {
        ps = new PowerShell({});
        const record = await ps.invoke('ok');
        report({ outcome: 'resolved', raw: record.raw });
      } catch (error) {
        report(describe(error));
      }
      return;
    }
    default:
      report({ outcome: 'unknown experiment' });
  }
}

main().then(() => setTimeout(() => process.exit(0), 50));
