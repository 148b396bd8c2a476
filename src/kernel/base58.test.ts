import { describe, expect, it } from 'vitest';
import { base58btcDecode, base58btcEncode } from './base58.js';

describe('base58btc', () => {
  it('encodes the draft-msporny-base58 examples, leading zero bytes as 1s', () => {
    expect(base58btcEncode(Buffer.from('Hello World!'))).toBe('2NEpo7TZRRrLZSi2U');
    expect(base58btcEncode(Buffer.from('The quick brown fox jumps over the lazy dog.'))).toBe('USm3fpXnKG5EUBx2ndxBDMPVciP5hGey2Jh4NDv6gmeo1LkMeiKrLJUUBk6Z');
    expect(base58btcEncode(Uint8Array.from([0, 0, 0x28, 0x7f, 0xb4, 0xcd]))).toBe('11233QC4');
  });

  it('decodes what it encodes and refuses characters outside the alphabet', () => {
    const bytes = Uint8Array.from([0, 1, 2, 250, 255, 0, 7]);
    expect(base58btcDecode(base58btcEncode(bytes))).toEqual(bytes);
    expect(base58btcDecode('0OIl')).toBeUndefined();
  });
});
