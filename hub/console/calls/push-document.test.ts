import { describe, expect, it } from 'vitest';
import { CALL_DOCUMENT_MAX_BYTES } from '../../../common/hub/api/calls';
import { pdfProblem, pdfRequest, toBase64 } from './push-document';

const CALL = '5a0d6f1e-2b3c-4d5e-8f90-a1b2c3d4e5f6';
const pdf = (size: number): Uint8Array => {
  const bytes = new Uint8Array(size);
  bytes.set(new TextEncoder().encode('%PDF-1.7\n'));
  return bytes;
};

describe('a PDF the lawyer sends to the kiosk', () => {
  it('is refused on the page past the limit, or when it is not a PDF', () => {
    expect(pdfProblem(pdf(CALL_DOCUMENT_MAX_BYTES))).toBeNull();
    expect(pdfProblem(pdf(CALL_DOCUMENT_MAX_BYTES + 1))).toBe('too-large');
    expect(pdfProblem(new TextEncoder().encode('<html>not a pdf</html>'))).toBe('not-pdf');
    expect(pdfRequest(CALL, '须知', new Uint8Array())).toEqual({ ok: false, problem: 'not-pdf' });
  });

  it('goes as base64 the contract accepts, up to the largest file', () => {
    const big = pdf(CALL_DOCUMENT_MAX_BYTES);
    big[big.length - 1] = 0xff;
    const built = pdfRequest(CALL, '调解须知', big);
    expect(built.ok).toBe(true);
    if (!built.ok || built.request.kind !== 'pdf') return;
    expect(built.request).toMatchObject({ callId: CALL, kind: 'pdf', title: '调解须知' });
    expect(Buffer.from(built.request.base64, 'base64').equals(Buffer.from(big))).toBe(true);
    expect(toBase64(new Uint8Array([0xe4, 0xbd, 0xa0]))).toBe(Buffer.from([0xe4, 0xbd, 0xa0]).toString('base64'));
  });
});
