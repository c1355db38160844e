// byteLength counts UTF-8 bytes exactly as TextEncoder does, without encoding.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { byteLength } from '../../server/src/rules/api/k8s-names';

test('byteLength equals the length of the UTF-8 encoding', () => {
  const samples = ['', 'app.kubernetes.io/name', 'é', '€', '𝄞', 'a\ud800b', '\udc00', 'x\ud83d', '日本語-ラベル', 'mixed é€𝄞 text'];
  let seed = 1;
  for (let i = 0; i < 500; i++) {
    let s = '';
    for (let j = 0; j < 12; j++) {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      s += String.fromCharCode([0x61, 0xe9, 0x20ac, 0xd83d, 0xde00, 0xdc00][seed % 6]!);
    }
    samples.push(s);
  }
  for (const s of samples) assert.equal(byteLength(s), new TextEncoder().encode(s).length, JSON.stringify(s));
});
