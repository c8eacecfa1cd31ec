// Value-level quirks of ConvertTo-Json output, one helper at a time.
import { test } from 'uvu';
import * as assert from 'uvu/assert';
import { allOf, asArray, compareVersions, exactText, onOff, psDate, switchTypeName, text, toBool, toInt, versionText, vmStateName } from '../../collectors/windows/normalize-values.js';
import { extractRawJson } from '../../collectors/windows/raw-sections.js';

test('asArray: list, one bare object, 5.1 {"value":[…],"Count":n}, null', () => {
  assert.equal(asArray([1, 2]), [1, 2]);
  assert.equal(asArray({ Name: 'a' }), [{ Name: 'a' }]);
  assert.equal(asArray({ value: [1, 2], Count: 2 }), [1, 2]);
  assert.equal(asArray({ value: [], Count: 0 }), []);
  assert.equal(asArray({ value: [1], Count: 1, Extra: true }), [{ value: [1], Count: 1, Extra: true }], 'only the exact wrapper is unwrapped');
  assert.is(asArray(null), null);
  assert.is(asArray(undefined), null);
});

test('psDate: 5.1 "\\/Date(ms)\\/" (with or without offset), the Get-Date ETS wrapper, and 7 ISO agree', () => {
  const iso = '2026-03-02T08:15:30.412Z';
  assert.is(psDate('/Date(1772439330412)/'), iso);
  assert.is(psDate('/Date(1772439330412+0100)/'), iso, 'the offset suffix does not move the instant');
  assert.is(psDate({ value: '/Date(1772439330412)/', DisplayHint: 2, DateTime: 'Monday, 2 March 2026 08:15:30' }), iso);
  assert.is(psDate('2026-03-02T08:15:30.412Z'), iso);
  assert.is(psDate('2026-03-02T09:15:30.412+01:00'), iso);
  assert.is(psDate('2026-03-02T08:15:30.4120000Z'), iso);
  assert.is(psDate('/Date(-62135596800000)/'), '0001-01-01T00:00:00.000Z');
  assert.is(psDate('yesterday'), null);
  assert.is(psDate(1772439330412), null);
});

test('versionText: System.Version object, string, or number → "9.0"; garbage → null', () => {
  assert.is(versionText({ Major: 9, Minor: 0, Build: -1, Revision: -1, MajorRevision: -1, MinorRevision: -1 }), '9.0');
  assert.is(versionText({ Major: 10, Minor: 0, Build: 4, Revision: -1 }), '10.0.4');
  assert.is(versionText('9.3'), '9.3');
  assert.is(versionText(8), '8.0');
  assert.is(versionText('VirtualMachine (Name = x)'), null);
  assert.is(versionText({ Major: -1, Minor: 0 }), null);
});

test('compareVersions: numeric, part by part ("10.0" > "9.3", "9.10" > "9.2")', () => {
  assert.ok(compareVersions('10.0', '9.3') > 0);
  assert.ok(compareVersions('9.10', '9.2') > 0);
  assert.is(compareVersions('8.0', '8.0'), 0);
  assert.equal(['10.0', '9.0', '11.0', '9.3', '8.0'].sort(compareVersions), ['8.0', '9.0', '9.3', '10.0', '11.0']);
});

test('toInt: numbers and numeric strings ("14393"); never floats or words', () => {
  assert.is(toInt('14393'), 14393);
  assert.is(toInt(' 20348 '), 20348);
  assert.is(toInt(22631), 22631);
  assert.is(toInt(1.5), null);
  assert.is(toInt('9600a'), null);
  assert.is(toInt(null), null);
  assert.ok(toInt('9600')! < toInt('10565')!, 'builds compare as numbers (Microsoft\'s script compared strings)');
});

test('toBool / text / exactText', () => {
  assert.equal([toBool(true), toBool('True'), toBool('false'), toBool(0), toBool(null)], [true, true, false, null, null]);
  assert.is(text('AMD Ryzen 9 7950X 16-Core Processor           '), 'AMD Ryzen 9 7950X 16-Core Processor');
  assert.is(text('   '), null);
  assert.is(exactText('  two spaces around  '), '  two spaces around  ');
  assert.is(exactText(5), null);
});

test('VMState: names win; numbers map only where every Windows build agrees', () => {
  assert.is(vmStateName('Running', 2), 'Running');
  assert.is(vmStateName(null, 3), 'Off');
  assert.is(vmStateName(6, undefined), 'Saved');
  assert.is(vmStateName(null, 32779), 'FastSaved');
  assert.is(vmStateName(null, 32783), null, 'RunningCritical on older builds, Hibernated on newer: ambiguous');
  assert.is(vmStateName('Hibernated', 32783), 'Hibernated');
});

test('OnOffState is On = 0, Off = 1; VMSwitchType Private 0, Internal 1, External 2', () => {
  assert.equal([onOff('On', 0), onOff('Off', 1), onOff(null, 0), onOff(null, 1), onOff(1, undefined), onOff(null, 7)], [true, false, true, false, false, null]);
  assert.equal([switchTypeName('External', 2), switchTypeName(null, 0), switchTypeName(1, undefined), switchTypeName('Weird', null)], ['external', 'private', 'internal', null]);
});

test('allOf: every socket must agree', () => {
  assert.equal([allOf([true, true]), allOf([true, false]), allOf([true, null]), allOf([])], [true, false, null, null]);
});

test('extractRawJson: a BOM, a console line before the JSON, or a cut-off capture', () => {
  assert.ok(extractRawJson('\uFEFF{"nestreadyRaw":1}').ok);
  const withWarning = extractRawJson('WARNING: Module Hyper-V is loaded in Windows PowerShell using WinPSCompatSession remoting session.\r\n{"nestreadyRaw":1,"x":{}}\r\n');
  assert.equal(withWarning, { ok: true, value: { nestreadyRaw: 1, x: {} } });
  const cut = extractRawJson('{"nestreadyRaw":1,"sections":{"os":');
  assert.is(cut.ok, false);
  assert.match((cut as { error: string }).error, /was the capture cut short\?/);
});

test.run();
