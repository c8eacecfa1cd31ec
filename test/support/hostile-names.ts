// VM names that try to break out of a PowerShell string, a comment, a terminal or an HTML page.
export const HOSTILE_NAMES = [
  "it's",
  'typographic ‘left’ and ’right’ ‚low‚ ‛reversed‛',
  "'; Stop-Computer -Force; '",
  '’; Remove-Item C:\\ -Recurse; ’',
  'with spaces  and  tabs\tinside',
  '$(Stop-Computer) $env:USERNAME ${x}',
  '`n backtick `$ `" escape',
  'Ünïcødé 名前 đ',
  '<script>alert(1)</script>',
  'line\r\nbreak #> <# comment',
  'wild[card]*?',
];
