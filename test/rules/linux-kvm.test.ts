import { facts, intelBareMetal } from '../support/facts-builder.js';
import { ruleTable } from '../support/rule-table.js';

const P = 'linux-kvm@1';
const healthy = intelBareMetal();
const amdGuestNoSvm = facts({
  host: {
    cpu: { vendor: 'AMD', model: 'AMD EPYC', virtualizationExtensions: false, slat: false, nx: true, flags: ['nx', 'hypervisor'] },
    guest: { isVirtual: true, hypervisor: 'Firecracker (KVM)' },
    kvm: { modules: { kvm: true, kvmIntel: false, kvmAmd: false, kvmPvm: true }, hardwareModule: 'kvm_amd', device: { present: true, readWrite: true } },
  },
});
const intelGuestVmx = facts(
  { host: { guest: { isVirtual: true, hypervisor: 'QEMU/KVM' }, kvm: { modules: { kvm: false, kvmIntel: false, kvmAmd: false, kvmPvm: false }, device: { present: false, readWrite: false }, nested: null, nestedRaw: null } } },
  healthy,
);

ruleTable(P, 'KVM-001', {
  pass: [{ name: 'Intel bare metal with vmx', facts: healthy }],
  fail: [
    {
      name: 'bare metal, firmware off (no vmx)',
      facts: facts({ host: { cpu: { virtualizationExtensions: false, slat: false, firmwareEnabled: null } } }, healthy),
      message: /No vmx\/svm flag on this bare-metal Intel host/,
      command: /grep/,
    },
  ],
  unknown: [
    { name: 'cpuinfo unreadable', facts: facts({ host: { cpu: { virtualizationExtensions: null } } }, healthy) },
    { name: 'cannot tell guest from bare metal', facts: facts({ host: { guest: { isVirtual: null } } }, healthy), message: /Cannot tell whether this applies: host.guest.isVirtual/ },
  ],
  'not-applicable': [{ name: 'a guest (KVM-006 covers it)', facts: amdGuestNoSvm }],
});

ruleTable(P, 'KVM-002', {
  pass: [{ name: 'EPT present', facts: healthy }],
  fail: [{ name: 'vmx without ept', facts: facts({ host: { cpu: { slat: false } } }, healthy), message: /no EPT\/NPT/ }],
  unknown: [{ name: 'slat unreadable', facts: facts({ host: { cpu: { slat: null } } }, healthy) }],
  'not-applicable': [{ name: 'no virtualization extensions at all', facts: amdGuestNoSvm }],
});

ruleTable(P, 'KVM-003', {
  pass: [{ name: 'nx present', facts: healthy }],
  fail: [{ name: 'nx off', facts: facts({ host: { cpu: { nx: false } } }, healthy), message: /hardware DEP is off/ }],
  unknown: [{ name: 'nx unknown', facts: facts({ host: { cpu: { nx: null } } }, healthy) }],
});

ruleTable(P, 'KVM-004', {
  pass: [{ name: '/dev/kvm rw', facts: healthy }],
  fail: [
    { name: 'no /dev/kvm', facts: facts({ host: { kvm: { device: { present: false, readWrite: false } } } }, healthy), message: /present: no/, command: /modprobe kvm_intel/ },
    { name: 'no permission', facts: facts({ host: { kvm: { device: { present: true, readWrite: false } } } }, healthy), command: /usermod -aG kvm/ },
  ],
  unknown: [{ name: 'captured tree without access line', facts: facts({ host: { kvm: { device: { present: true, readWrite: null } } } }, healthy) }],
  'not-applicable': [
    {
      name: 'no vmx/svm and no PVM: the missing device is KVM-001/KVM-006, not a modprobe away',
      facts: facts({ host: { cpu: { virtualizationExtensions: false }, kvm: { modules: { kvmPvm: false }, device: { present: false, readWrite: false } } } }, healthy),
    },
  ],
});

ruleTable(P, 'KVM-005', {
  pass: [{ name: 'nested=Y', facts: healthy }],
  fail: [
    {
      name: 'nested=N on bare metal',
      facts: facts({ host: { kvm: { nested: false, nestedRaw: 'N' } } }, healthy),
      message: /kvm_intel is loaded with nested = N/,
      command: /options kvm_intel nested=1/,
    },
  ],
  unknown: [{ name: 'module not loaded, parameter unreadable', facts: facts({ host: { kvm: { nested: null, nestedRaw: null } } }, healthy), message: /could not be read/ }],
  'not-applicable': [{ name: 'a guest', facts: intelGuestVmx }],
});

ruleTable(P, 'KVM-006', {
  pass: [{ name: 'guest with vmx exposed', facts: intelGuestVmx }],
  fail: [
    {
      name: 'AMD guest without svm (this build machine)',
      facts: amdGuestNoSvm,
      message: /Firecracker \(KVM\) guest on an AMD CPU .*Nothing inside this guest can fix that/s,
      command: /host-passthrough/,
    },
  ],
  unknown: [{ name: 'guest, flags unreadable', facts: facts({ host: { cpu: { virtualizationExtensions: null } } }, amdGuestNoSvm) }],
  'not-applicable': [{ name: 'bare metal', facts: healthy }],
});

ruleTable(P, 'KVM-007', {
  pass: [{ name: 'PVM beside kvm_intel', facts: facts({ host: { kvm: { modules: { kvmPvm: true } } } }, healthy) }],
  fail: [{ name: 'PVM only', facts: amdGuestNoSvm, message: /only by the PVM software backend.*only for PVM-enabled Linux guest kernels/s }],
  unknown: [{ name: 'PVM loaded, other modules unknown', facts: facts({ host: { kvm: { modules: { kvmIntel: null, kvmAmd: null } } } }, amdGuestNoSvm) }],
  'not-applicable': [{ name: 'no PVM', facts: healthy }],
});

ruleTable(P, 'KVM-008', {
  pass: [{ name: 'guest with vmx and kvm_intel', facts: facts({ host: { kvm: { modules: { kvmIntel: true } } } }, intelGuestVmx) }],
  fail: [{ name: 'guest with vmx but no kvm module', facts: intelGuestVmx, message: /kvm_intel loaded: no/, command: /modprobe kvm_intel/ }],
  unknown: [{ name: 'modules unknown', facts: facts({ host: { kvm: { modules: { kvmIntel: null } } } }, intelGuestVmx) }],
  'not-applicable': [{ name: 'guest without vmx', facts: amdGuestNoSvm }],
});
