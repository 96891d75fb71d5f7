import { describe, expect, it } from 'vitest';
import { encodeCardText } from './encode';
import { CardDecodeError, ReaderCorruptAnswerError } from './errors';
import { decodeReadAnswer } from './read-answer';
import { SAMPLE_CARDS } from '../../common/idcard/sample-cards';

function readData(text: Buffer, photo = Buffer.alloc(1024, 0x57), lengths = [256, 1024]): Buffer {
  const head = Buffer.alloc(lengths.length * 2);
  lengths.forEach((n, i) => head.writeUInt16BE(n, i * 2));
  return Buffer.concat([head, text, photo]);
}

describe('decodeReadAnswer', () => {
  it('decodes the card and zeroes the whole answer, photo included', () => {
    const data = readData(encodeCardText(SAMPLE_CARDS.mainlandLongTerm));
    const { card, fingerprintBytes } = decodeReadAnswer('read', data);
    expect(card).toEqual(SAMPLE_CARDS.mainlandLongTerm);
    expect(fingerprintBytes).toBe(0);
    expect(data.every((b) => b === 0)).toBe(true);
    expect(Object.values(card).some((v) => Buffer.isBuffer(v))).toBe(false);
  });

  it('zeroes the answer even when the text cannot be decoded', () => {
    const text = encodeCardText(SAMPLE_CARDS.mainlandLongTerm);
    Buffer.from('Q', 'utf16le').copy(text, 248);
    const data = readData(text);
    expect(() => decodeReadAnswer('read', data)).toThrow(CardDecodeError);
    expect(data.every((b) => b === 0)).toBe(true);
  });

  it('refuses an answer whose inner lengths do not add up (a damaged LEN that passed the checksum)', () => {
    const full = readData(encodeCardText(SAMPLE_CARDS.mainlandLongTerm));
    for (const data of [
      full.subarray(0, 1000),
      Buffer.concat([full, Buffer.alloc(3)]),
      readData(encodeCardText(SAMPLE_CARDS.mainlandLongTerm), Buffer.alloc(1024), [256, 1000]),
    ]) {
      const error = (() => {
        try {
          decodeReadAnswer('read', Buffer.from(data));
        } catch (e) {
          return e;
        }
      })();
      expect(error).toBeInstanceOf(ReaderCorruptAnswerError);
      expect((error as ReaderCorruptAnswerError).reason).toBe('layout');
    }
  });

  it('reads the third length of a fingerprint answer and drops the prints', () => {
    const text = encodeCardText(SAMPLE_CARDS.mainlandDated);
    const data = Buffer.concat([
      Buffer.from([0x01, 0x00, 0x04, 0x00, 0x04, 0x00]),
      text,
      Buffer.alloc(1024, 1),
      Buffer.alloc(1024, 2),
    ]);
    const read = decodeReadAnswer('readFingerprint', data);
    expect(read.fingerprintBytes).toBe(1024);
    expect(read.card).toEqual(SAMPLE_CARDS.mainlandDated);
    expect(data.every((b) => b === 0)).toBe(true);
  });
});
