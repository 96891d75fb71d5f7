import type { IdCard } from '../../common/idcard/card';
import { decodeCardText, type DecodeOptions } from './decode';
import { ReaderCorruptAnswerError } from './errors';
import { PHOTO_BYTES, TEXT_BYTES } from './protocol';

export interface DecodedRead {
  card: IdCard;
  /** 0 when the card holds no fingerprints; the prints themselves are never returned. */
  fingerprintBytes: number;
}

/**
 * Splits the data of a read answer (lengths, text, photo[, fingerprints]),
 * decodes the text and zeroes the whole answer, photo included, before
 * returning or throwing: the photo is never decoded and never kept.
 *
 * Lengths must match the protocol exactly. The frame checksum is one XOR
 * byte, so a damaged LEN can slip past it with a chance of 1 in 256; the
 * lengths inside the answer then disagree and the answer is refused here
 * instead of becoming a wrong card.
 */
export function decodeReadAnswer(
  command: 'read' | 'readFingerprint',
  data: Buffer,
  options: DecodeOptions = {},
): DecodedRead {
  try {
    const lengths = command === 'readFingerprint' ? 3 : 2;
    if (data.length < lengths * 2) throw new ReaderCorruptAnswerError(command, 'layout');
    const textBytes = data.readUInt16BE(0);
    const photoBytes = data.readUInt16BE(2);
    const fingerprintBytes = lengths === 3 ? data.readUInt16BE(4) : 0;
    if (
      textBytes !== TEXT_BYTES ||
      photoBytes !== PHOTO_BYTES ||
      data.length !== lengths * 2 + textBytes + photoBytes + fingerprintBytes
    ) {
      throw new ReaderCorruptAnswerError(command, 'layout');
    }
    const text = Buffer.from(data.subarray(lengths * 2, lengths * 2 + TEXT_BYTES));
    try {
      return { card: decodeCardText(text, options), fingerprintBytes };
    } finally {
      text.fill(0);
    }
  } finally {
    data.fill(0);
  }
}
