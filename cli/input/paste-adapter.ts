// Pasted Windows text (English systeminfo, Coreinfo -v, or both) given straight to `nestready evaluate`.
// The same conversion as `nestready import`; the parser loads only when a paste is recognised.
import type { InputAdapter } from './adapters.js';

// Cheap recognisers, kept here so that claiming an input does not load the parser.
const SYSTEMINFO = /^\s*OS Name:\s/m;
const SYSTEMINFO_MORE = /^\s*(OS Version|System Type|Hyper-V Requirements|Processor\(s\)):/m;
const COREINFO = /Coreinfo v\d|^\s*(VMX|SVM)\s+[*-]\s+Supports/im;

export const windowsPasteAdapter: InputAdapter = {
  name: 'windows-paste',
  claims: (text, json) => json === undefined && ((SYSTEMINFO.test(text) && SYSTEMINFO_MORE.test(text)) || COREINFO.test(text)),
  convert: async (text) => (await import('../../collectors/imports/windows-paste.js')).importWindowsPaste(text),
};
