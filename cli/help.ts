// --help text. Kept as data so the README and the tests can quote it.
export const HELP = `nestready — can this host run nested virtualization, and if not, what exactly fixes it?

Usage
  nestready scan      [options]            collect this machine, evaluate, report
  nestready collect   [--root DIR] [-o F]  write the facts document (JSON) only
  nestready evaluate  <file|dir|->... [options]
                                           evaluate facts files, captured trees (dirs), or stdin
  nestready rules     [--profile P]        list profiles and the rules they select
  nestready export-collector [-o FILE]     write the Windows collector script (nestready-collect.ps1)
                                           for hosts without Node; evaluate its output file
  nestready import    systeminfo|coreinfo FILE|- [-o F]
                                           pasted English systeminfo / Coreinfo -v text → facts
                                           (evaluate also reads such a file directly)

Options
  -f, --format F[,F...]     text|json|sarif|html|markdown|junit (default text);
                            several formats need --output-dir
  -o, --output FILE         write the report to FILE (atomically) instead of stdout
      --output-dir DIR      write each format to DIR/nestready.{txt,json,sarif,html,md,junit.xml}
      --include-passed      sarif: list passing checks too (kind "pass")
      --sarif-artifact PATH sarif: the file findings point at when the facts came from a live
                            scan or stdin (default: nestready-live/<host>)
      --fail-on LEVEL       error|warning|note|none: exit 1 when a finding is at or above LEVEL
                            (default error; an unknown result counts as a warning)
  -p, --profile ID[@N]      rule profile, e.g. linux-kvm@1 (default: chosen from the OS)
      --rules DIR           use the rule packs in DIR instead of the built-in ones
      --root DIR            read /proc, /sys, /etc and /dev/kvm under DIR (a captured tree)
      --vm NAME             Windows: check only this Hyper-V VM (exact name; repeat for more)
      --timeout SECONDS     Windows: stop the PowerShell collector after SECONDS (default 60)
      --emit-fix FILE       scan, evaluate: write one PowerShell script that fixes the VM findings
                            (idempotent, -WhatIf, asks before stopping a VM; nestready changes nothing)
  -j, --jobs N              evaluate --format json: judge NDJSON bundles on N worker threads
                            (default 1: none). Same bytes either way; slower than inline on 2 CPUs
      --timestamp T         pin generated times (ISO 8601 or epoch seconds; also SOURCE_DATE_EPOCH)
  -q, --quiet               print only the verdict line
      --details             text: every requirement of every host (default for one host only)
      --no-color            no ANSI colours (NO_COLOR is honoured too)
      --debug               show stack traces for internal errors
  -V, --version             print the version
  -h, --help                this help

Exit codes
  0  nothing at or above --fail-on      1  findings at or above --fail-on
  2  usage, input or internal error (one line on stderr)

Examples
  npx nestready scan
  nestready scan --format json --output report.json --fail-on warning
  nestready evaluate facts/ --format sarif,html,junit --output-dir reports/
  nestready collect --output host-facts.json        # send this file to support
  nestready evaluate host-facts.json customer/ -    # files, captured trees, stdin
  nestready scan --root ./capture                # replay a captured /proc, /sys tree
  nestready scan --vm lab-01 --vm "lab 02"       # Windows: only these Hyper-V VMs
  nestready export-collector -o nestready-collect.ps1   # then on the host: powershell -File … > host.json
  nestready evaluate host.json --emit-fix fix.ps1  # then on the host: .\\fix.ps1 -WhatIf
  nestready import systeminfo ticket.txt -o facts.json
  nestready rules --profile linux-kvm
`;
