// A stand-in for pwsh / powershell.exe, for tests on machines without PowerShell. Behaviour comes from
// the FAKE_PS environment variable (JSON). Two calling conventions:
//   -File <script> [args]   how nestready runs its collector (one process, one JSON document)
//   -Command -              node-powershell's interactive session: commands and its delimiter lines on stdin
import { appendFileSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';

const plan = JSON.parse(process.env.FAKE_PS ?? '{}');
const argv = process.argv.slice(2);
const me = basename(process.argv[1] ?? 'pwsh');

if (plan.log) appendFileSync(plan.log, `${JSON.stringify({ exe: me, argv })}\n`);

function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function writeAll(stream, data) {
  return new Promise((resolve) => (stream.write(data) ? resolve() : stream.once('drain', resolve)));
}

function decodeText(bytes) {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  return bytes.toString('utf8');
}

// -File mode: what nestready-collect.ps1 would print, taken from a fixture, optionally rewritten so the
// VMs are the ones asked for with -VMNameBase64 (proves names survive the whole trip).
async function fileMode() {
  const fileIndex = argv.findIndex((arg) => arg.toLowerCase() === '-file');
  const scriptArgs = fileIndex === -1 ? [] : argv.slice(fileIndex + 2);
  if (plan.stderr) process.stderr.write(plan.stderr);
  if (plan.sleepMs) await sleep(plan.sleepMs);
  if (plan.echoArgs) await writeAll(process.stdout, JSON.stringify({ exe: me, argv }) + '\n');
  if (plan.largeBytes) {
    const line = `${'x'.repeat(1023)}\n`;
    for (let written = 0; written < plan.largeBytes; written += line.length) await writeAll(process.stdout, line);
    await writeAll(process.stdout, 'END\n');
  }
  if (plan.fixture) {
    const bytes = readFileSync(plan.fixture);
    if (!plan.reflectVmNames) {
      await writeAll(process.stdout, bytes);
    } else {
      const raw = JSON.parse(decodeText(bytes));
      const at = scriptArgs.findIndex((arg) => arg === '-VMNameBase64');
      const names = at === -1 ? [] : JSON.parse(Buffer.from(scriptArgs[at + 1], 'base64').toString('utf8'));
      const template = raw.sections.vms.data[0];
      raw.parameters.VMName = names;
      raw.sections.vms.data = names.map((name, index) => ({ ...template, Name: name, Id: `00000000-0000-4000-8000-${String(index).padStart(12, '0')}` }));
      await writeAll(process.stdout, JSON.stringify(raw) + '\r\n');
    }
  }
  if (plan.utf16) await writeAll(process.stdout, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plan.utf16, 'utf16le')]));
  if (plan.stdout) await writeAll(process.stdout, plan.stdout);
  process.exitCode = plan.exitCode ?? 0;
}

// -Command - mode (node-powershell): [Console]::Out/Error.WriteLine("<delimiter>") lines bracket each
// command; the command itself is looked up in plan.commands.
async function commandMode() {
  const eol = plan.crlf ? '\r\n' : '\n';
  let pending = '';
  let burst = '';
  let outDelimiters = 0;
  const out = async (text) => {
    if (plan.burst) {
      burst += text;
      return;
    }
    await writeAll(process.stdout, text);
  };
  const handle = async (line) => {
    const delimiter = /^\[Console\]::(Out|Error)\.WriteLine\("(.*)"\)$/.exec(line.trim());
    if (delimiter) {
      if (delimiter[1] === 'Error') {
        await writeAll(process.stderr, delimiter[2] + eol);
        return;
      }
      await out(delimiter[2] + eol);
      outDelimiters++;
      if (plan.burst && outDelimiters % 2 === 0) {
        await writeAll(process.stdout, burst); // the whole answer arrives as one chunk
        burst = '';
      }
      return;
    }
    if (line.trim() === '') return;
    const command = (plan.commands ?? {})[line.trim()] ?? { stdout: `ran: ${line.trim()}` };
    if (command.clixmlProgress) {
      await writeAll(process.stderr, '#< CLIXML' + eol + '<Objs Version="1.1.0.1" xmlns="http://schemas.microsoft.com/powershell/2004/04"><Obj S="progress" RefId="0"><TN RefId="0"><T>System.Management.Automation.PSCustomObject</T><T>System.Object</T></TN><MS><I64 N="SourceId">1</I64><PR N="Record"><AV>Preparing modules for first use.</AV><AI>0</AI><Nil /><PI>-1</PI><PC>-1</PC><T>Completed</T><SR>-1</SR><SD> </SD></PR></MS></Obj></Objs>' + eol);
    }
    if (command.stderr) await writeAll(process.stderr, command.stderr + eol);
    if (command.sleepMs) await sleep(command.sleepMs);
    if (command.largeBytes) {
      const chunk = `${'y'.repeat(1023)}${eol}`;
      let text = '';
      for (let written = 0; written < command.largeBytes; written += chunk.length) text += chunk;
      await out(text);
    }
    if (command.stdout) await out(command.stdout + eol);
  };
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) {
    pending += chunk;
    let newline;
    while ((newline = pending.search(/\r?\n/)) !== -1) {
      const line = pending.slice(0, newline);
      pending = pending.slice(newline + (pending[newline] === '\r' ? 2 : 1));
      await handle(line);
    }
  }
}

if (argv.some((arg) => arg.toLowerCase() === '-file')) await fileMode();
else await commandMode();
