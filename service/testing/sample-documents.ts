import { createHash } from 'node:crypto';
import type { CallDocument, CallDocumentNotice } from '../../common/hub/api/calls';

/**
 * Filled documents for tests: answers to a template, and documents a lawyer
 * might push during a call with their notices — the SHA-256 the live
 * contract names worked out here on their own, not with the kiosk's code
 * under test.
 */

/** Answers to the 借条 (the content release's `iou` template) that pass its checks. */
export const IOU_VALUES: Readonly<Record<string, string>> = {
  'borrower.name': '张三',
  'borrower.idNumber': '11010519491231002X',
  'borrower.address': '湖北省武汉市洪山区珞喻路1号',
  'borrower.phone': '138 0013 8000',
  'lender.name': '李四',
  'lender.idNumber': '420111195003080241',
  'loan.amount': '12,345.60',
  'loan.date': '2024-03-05',
  'loan.method': '银行转账',
  'loan.due': '2025-03-05',
};

/** What the hub says of a pushed document: the hash over the bytes each kind is made of (common/hub/api/calls.ts). */
export function noticeOf(doc: CallDocument): CallDocumentNotice {
  const bytes =
    doc.kind === 'template'
      ? Buffer.from(JSON.stringify({ templateId: doc.templateId, values: doc.values }))
      : doc.kind === 'note'
        ? Buffer.from(doc.text)
        : Buffer.from(doc.base64, 'base64');
  return {
    documentId: doc.documentId,
    title: doc.title,
    kind: doc.kind,
    bytes: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
