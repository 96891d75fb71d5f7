import { createHash } from 'node:crypto';
import { CALL_DOCUMENT_MAX_BYTES, type PushCallDocumentRequest } from '../../common/hub/api/calls';
import { err, ok, type Result } from '../../common/result';

/**
 * A pushed document as it is stored and announced: its content as text
 * (a template's JSON, a note, a PDF's base64), its size and the SHA-256
 * the kiosk checks before it prints, over the bytes the contract names
 * (common/hub/api/calls.ts, CallDocument).
 */
export interface PreparedDocument {
  kind: PushCallDocumentRequest['kind'];
  title: string;
  content: string;
  bytes: number;
  sha256: string;
}

const sha256 = (bytes: Buffer): string => createHash('sha256').update(bytes).digest('hex');
const PDF_MAGIC = Buffer.from('%PDF-', 'ascii');

export function prepareDocument(req: PushCallDocumentRequest): Result<PreparedDocument, string> {
  const title = req.title;
  switch (req.kind) {
    case 'template': {
      const content = JSON.stringify({ templateId: req.templateId, values: req.values });
      const bytes = Buffer.from(content, 'utf8');
      return ok({ kind: 'template', title, content, bytes: bytes.length, sha256: sha256(bytes) });
    }
    case 'note': {
      const bytes = Buffer.from(req.text, 'utf8');
      return ok({ kind: 'note', title, content: req.text, bytes: bytes.length, sha256: sha256(bytes) });
    }
    case 'pdf': {
      const bytes = Buffer.from(req.base64, 'base64');
      // Node skips what is not base64; reading it back must give the text sent.
      if (bytes.toString('base64') !== req.base64) return err('base64: not valid base64 (padding or length)');
      if (bytes.length > CALL_DOCUMENT_MAX_BYTES)
        return err(`base64: the PDF is larger than ${CALL_DOCUMENT_MAX_BYTES} bytes`);
      if (!bytes.subarray(0, PDF_MAGIC.length).equals(PDF_MAGIC)) return err('base64: not a PDF (no %PDF- header)');
      return ok({ kind: 'pdf', title, content: req.base64, bytes: bytes.length, sha256: sha256(bytes) });
    }
  }
}
