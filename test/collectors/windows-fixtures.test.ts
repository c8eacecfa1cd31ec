// The recorded Windows fixtures: current with their models (test/support/ps-fixtures), in the byte
// shapes each PowerShell prints, within what -Depth 6 serialises, each with a scenario.json.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { decodeText } from '../../cli/input/decode-text.js';
import { PACKAGE_ROOT } from '../../engine/package-root.js';
import { scenarioFiles, WINDOWS_FIXTURES } from '../support/ps-fixtures/build.js';
import { compact, pretty51, pretty7, PsDate, PsVersion, PsWrappedArray } from '../support/ps-fixtures/render.js';
import { SCENARIOS } from '../support/ps-fixtures/scenarios.js';

const REQUIRED = [
  'intel-server2016', 'intel-server2019-vbs', 'amd-server2019', 'amd-server2022-config-versions', 'win11-amd-workstation',
  'win10-22h2-amd', 'hypervisor-hides-cpu-fields', 'vm-misconfigurations', 'vm-option-missing-name', 'hostile-vm-names',
  'non-elevated', 'no-hyperv-role', 'l1-guest-hyperv', 'l1-guest-azure-nat',
];

test('every required scenario is there, with scenario.json {title, expectedVerdict, notes}', () => {
  const present = readdirSync(WINDOWS_FIXTURES);
  assert.equal(REQUIRED.filter((scenario) => !present.includes(scenario)), [], 'missing scenarios');
  for (const scenario of REQUIRED) {
    const meta = JSON.parse(readFileSync(join(WINDOWS_FIXTURES, scenario, 'scenario.json'), 'utf8'));
    assert.ok(meta.title && meta.notes, scenario);
    assert.ok(['ready', 'not-ready', 'incomplete'].includes(meta.expectedVerdict), scenario);
  }
});

test('fixture files are exactly what their models render to (npx tsx test/support/ps-fixtures/build.ts)', () => {
  for (const scenario of SCENARIOS) {
    const dir = join(WINDOWS_FIXTURES, scenario.id);
    const expected = scenarioFiles(scenario);
    assert.equal(readdirSync(dir).sort(), [...expected.keys()].sort(), scenario.id);
    for (const [name, bytes] of expected) assert.ok(readFileSync(join(dir, name)).equals(bytes), `${scenario.id}/${name} is stale`);
  }
});

test('both PowerShell shapes are represented, and each file has the bytes its shell writes', () => {
  let ps51 = 0;
  let ps7 = 0;
  for (const scenario of SCENARIOS) {
    for (const capture of scenario.captures) {
      const bytes = readFileSync(join(WINDOWS_FIXTURES, scenario.id, capture.file));
      const decoded = decodeText(bytes);
      assert.ok(decoded.ok);
      const text = (decoded as { text: string }).text;
      assert.is(bytes[0] === 0xff && bytes[1] === 0xfe, capture.encoding === 'utf16le-bom', `${capture.file}: BOM`);
      assert.ok(text.endsWith('\r\n'), `${capture.file}: Write-Output ends the line with CRLF`);
      if (capture.edition === '5.1') {
        ps51++;
        assert.match(text, /"startedAt":\s*"\\\/Date\(\d+\)\\\/"/, `${scenario.id}/${capture.file}: 5.1 date`);
        if (capture.pretty) assert.match(text, /\r\n {4}"nestreadyRaw": {2}1,\r\n/, '5.1 layout: 4 spaces, two after the colon, CRLF');
      } else {
        ps7++;
        assert.match(text, /"startedAt": ?"\d{4}-\d\d-\d\dT[\d:.]+Z"/, `${scenario.id}/${capture.file}: 7 ISO date`);
        assert.not.match(text, /\\u0027|\\u0026|\\u003c/, '7 does not HTML-escape');
        if (capture.pretty) assert.match(text, /^\{\r\n {2}"nestreadyRaw": 1,\r\n/);
      }
    }
  }
  assert.ok(ps51 >= 10 && ps7 >= 8, `${ps51} 5.1 and ${ps7} 7 captures`);
});

test('no capture nests deeper than ConvertTo-Json -Depth 6 serialises (deeper objects would become strings)', () => {
  const depth = (value: unknown, level = 0): number =>
    value !== null && typeof value === 'object' ? Math.max(level, ...Object.values(value as object).map((child) => depth(child, level + 1))) : 0;
  for (const scenario of SCENARIOS) {
    for (const capture of scenario.captures) {
      const decoded = decodeText(readFileSync(join(WINDOWS_FIXTURES, scenario.id, capture.file)));
      const json = JSON.parse((decoded as { text: string }).text);
      assert.ok(depth(json) <= 6, `${scenario.id}/${capture.file}: container depth ${depth(json)}`);
    }
  }
});

test('the 5.1 pretty-printer emulation reproduces real 5.1 captures from the reference, byte for byte', () => {
  // ConvertTo-Json of (Get-UICulture).Calendar in Windows PowerShell 5.1 (Microsoft's 5.1 docs, captured at UTC-8;
  // the page also shows a space after each comma, which the 5.1 pretty-printer source does not write).
  const calendar = compact({ MinSupportedDateTime: new PsDate('0001-01-01T08:00:00.000Z'), MaxSupportedDateTime: new PsDate('9999-12-31T23:59:59.999Z'), AlgorithmType: 1, CalendarType: 1, Eras: [1], TwoDigitYearMax: 2029, IsReadOnly: false }, '5.1');
  assert.is(pretty51(calendar), [
    '{',
    '    "MinSupportedDateTime":  "\\/Date(-62135568000000)\\/",',
    '    "MaxSupportedDateTime":  "\\/Date(253402300799999)\\/",',
    '    "AlgorithmType":  1,',
    '    "CalendarType":  1,',
    '    "Eras":  [',
    '                 1',
    '             ],',
    '    "TwoDigitYearMax":  2029,',
    '    "IsReadOnly":  false',
    '}',
  ].join('\r\n'));
  // Get-VMSwitch projection (terraform-provider-hyperv test fixture) and an empty array (Service Fabric doc).
  assert.is(pretty51(compact({ NetAdapterInterfaceDescriptions: ['Dell Wireless 1830 802.11ac'], UnboundArguments: [], SwitchType: 2 }, '5.1')), [
    '{',
    '    "NetAdapterInterfaceDescriptions":  [',
    '                                            "Dell Wireless 1830 802.11ac"',
    '                                        ],',
    '    "UnboundArguments":  [',
    '',
    '                         ],',
    '    "SwitchType":  2',
    '}',
  ].join('\r\n'));
});

test('serializer differences the fixtures rely on: escaping, dates, System.Version, wrapped arrays', () => {
  const value = { Name: "O'Brien & <lab>", When: new PsDate('2024-03-11T09:12:44.512Z', 'local', 60), Version: new PsVersion('9.0'), Codes: new PsWrappedArray([1, 2]) };
  assert.is(compact(value, '5.1'), '{"Name":"O\\u0027Brien \\u0026 \\u003clab\\u003e","When":"\\/Date(1710148364512)\\/","Version":{"Major":9,"Minor":0,"Build":-1,"Revision":-1,"MajorRevision":-1,"MinorRevision":-1},"Codes":{"value":[1,2],"Count":2}}');
  assert.is(compact(value, '7'), '{"Name":"O\'Brien & <lab>","When":"2024-03-11T10:12:44.512+01:00","Version":{"Major":9,"Minor":0,"Build":-1,"Revision":-1,"MajorRevision":-1,"MinorRevision":-1},"Codes":[1,2]}');
  assert.is(pretty7({ a: [], b: {}, c: [1] }), '{\r\n  "a": [],\r\n  "b": {},\r\n  "c": [\r\n    1\r\n  ]\r\n}');
  assert.ok(PACKAGE_ROOT);
});

test.run();
