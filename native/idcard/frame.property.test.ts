import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IdCard } from '../../common/idcard/card';
import { encodeCardText } from './encode';
import { encodeAnswer, IdCardFrameParser, PREAMBLE, type BadFrame, type ParsedAnswer } from './frame';
import { decodeReadAnswer } from './read-answer';
import { SAMPLE_CARDS } from '../../common/idcard/sample-cards';

/**
 * The frame parser against what a serial line does to bytes: arbitrary
 * chunking, noise before and between frames, damaged and cut-off frames.
 */

const CARDS: IdCard[] = Object.values(SAMPLE_CARDS);
const TODAY = { today: '2026-01-01' };

function containsPreamble(bytes: Uint8Array, from = 0): boolean {
  return Buffer.from(bytes).indexOf(PREAMBLE, from) >= 0;
}

/** A read answer for one of the sample cards, with a photo of random bytes. */
const readAnswer = fc
  .tuple(fc.nat(CARDS.length - 1), fc.uint8Array({ minLength: 1024, maxLength: 1024 }))
  .map(([i, photo]) => {
    const lengths = Buffer.from([0x01, 0x00, 0x04, 0x00]);
    return encodeAnswer(0x90, Buffer.concat([lengths, encodeCardText(CARDS[i]!), photo]));
  });
const shortAnswer = fc.constantFrom(
  encodeAnswer(0x9f, Buffer.alloc(4)),
  encodeAnswer(0x80),
  encodeAnswer(0x41),
  encodeAnswer(0x90, Buffer.alloc(8)),
);
const anyAnswer = fc.oneof(readAnswer, shortAnswer);

/** Noise that may hold preamble fragments but never a whole preamble. */
const noise = fc
  .array(
    fc.oneof(
      fc.uint8Array({ maxLength: 12 }),
      fc.constantFrom(PREAMBLE.subarray(0, 1), PREAMBLE.subarray(0, 3), PREAMBLE.subarray(0, 4)),
    ),
    {
      maxLength: 4,
    },
  )
  .map((parts) => Buffer.concat(parts))
  .filter((b) => !containsPreamble(b));

/** Noise that may also fake a frame start, with any LEN and body. */
const hostileNoise = fc.oneof(
  noise,
  fc.tuple(noise, fc.uint8Array({ maxLength: 30 })).map(([n, tail]) => Buffer.concat([n, PREAMBLE, tail])),
);

/** Cut points for splitting a stream into chunks. */
function chunked(stream: Buffer, cuts: number[]): Buffer[] {
  const points = [...new Set(cuts.map((c) => c % (stream.length + 1)))].sort((a, b) => a - b);
  const out: Buffer[] = [];
  let last = 0;
  for (const p of [...points, stream.length]) {
    if (p > last) out.push(stream.subarray(last, p));
    last = p;
  }
  return out;
}

function parseAll(chunks: Buffer[]): (ParsedAnswer | BadFrame)[] {
  const parser = new IdCardFrameParser();
  const out: (ParsedAnswer | BadFrame)[] = [];
  parser.on('data', (item: ParsedAnswer | BadFrame) => out.push(item));
  for (const c of chunks) parser.write(c);
  parser.end();
  return out;
}

const answersOf = (items: (ParsedAnswer | BadFrame)[]) =>
  items.filter((i): i is ParsedAnswer => i.type === 'answer').map((a) => encodeAnswer(a.sw3, a.data, a.sw1, a.sw2));

describe('frame parser properties', () => {
  it('yields exactly the frames sent, whatever the chunking and the noise around them', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noise, anyAnswer), { minLength: 1, maxLength: 5 }),
        noise,
        fc.array(fc.nat(), { maxLength: 40 }),
        (items, trailing, cuts) => {
          const stream = Buffer.concat([...items.flatMap(([n, f]) => [n, f]), trailing]);
          const out = parseAll(chunked(stream, cuts));
          expect(out.every((i) => i.type === 'answer')).toBe(true);
          expect(answersOf(out)).toEqual(items.map(([, f]) => f));
        },
      ),
      { numRuns: 150 },
    );
  });

  it('drops a frame with a damaged body or checksum and still yields every other frame', () => {
    const damaged = fc
      .tuple(anyAnswer, fc.boolean(), fc.nat(), fc.integer({ min: 1, max: 255 }))
      .map(([frame, damage, at, mask]) => {
        if (!damage) return { frame, sent: frame, damaged: false };
        // Past the preamble and LEN: exactly the bytes the checksum covers and nothing that moves the frame end.
        const sent = Buffer.from(frame);
        const pos = 7 + (at % (frame.length - 7));
        sent[pos] = sent[pos]! ^ mask;
        return { frame, sent, damaged: true };
      })
      // A damage that happens to spell a preamble inside the frame is a different test (below).
      .filter(({ sent }) => !containsPreamble(sent, 1));
    fc.assert(
      fc.property(
        fc.array(fc.tuple(noise, damaged), { minLength: 1, maxLength: 5 }),
        fc.array(fc.nat(), { maxLength: 40 }),
        (items, cuts) => {
          fc.pre(items.every(([, d]) => !containsPreamble(d.frame, 1)));
          const stream = Buffer.concat(items.flatMap(([n, d]) => [n, d.sent]));
          const out = parseAll(chunked(stream, cuts));
          expect(answersOf(out)).toEqual(items.filter(([, d]) => !d.damaged).map(([, d]) => d.frame));
          expect(out.filter((i) => i.type === 'bad-frame')).toEqual(
            items.filter(([, d]) => d.damaged).map(() => ({ type: 'bad-frame', reason: 'checksum' })),
          );
        },
      ),
      { numRuns: 150 },
    );
  });

  it('never throws and never yields a wrong card, whatever is damaged, cut off or faked', () => {
    // One damaged byte per frame: a one-byte XOR checksum cannot see two flips
    // that cancel, so that is the protocol's limit, not the parser's.
    const mangled = fc
      .tuple(anyAnswer, fc.constantFrom('none', 'flip', 'cut'), fc.nat(), fc.integer({ min: 1, max: 255 }))
      .map(([frame, how, at, mask]) => {
        const sent = Buffer.from(frame);
        if (how === 'flip') sent[at % sent.length] = sent[at % sent.length]! ^ mask;
        return how === 'cut' ? sent.subarray(0, at % sent.length) : sent;
      });
    fc.assert(
      fc.property(
        fc.array(fc.tuple(hostileNoise, mangled), { minLength: 1, maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 60 }),
        (items, cuts) => {
          const stream = Buffer.concat(items.flatMap(([n, f]) => [n, f]));
          const out = parseAll(chunked(stream, cuts));
          for (const item of out) {
            if (item.type !== 'answer' || item.sw3 !== 0x90 || item.data.length < 1000) continue;
            let card: IdCard | undefined;
            try {
              card = decodeReadAnswer('read', item.data, TODAY).card;
            } catch {
              continue; // refused: exactly what a damaged answer should get
            }
            expect(CARDS).toContainEqual(card);
          }
        },
      ),
      { numRuns: 200 },
    );
  });

  it('finds a frame hidden behind a faked preamble with an absurd length', () => {
    const fake = Buffer.concat([PREAMBLE, Buffer.from([0xff, 0xff])]);
    fc.assert(
      fc.property(anyAnswer, fc.array(fc.nat(), { maxLength: 20 }), (frame, cuts) => {
        expect(answersOf(parseAll(chunked(Buffer.concat([fake, frame]), cuts)))).toEqual([frame]);
      }),
    );
  });
});
