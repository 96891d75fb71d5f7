import type { Receipt } from '../../common/receipt/receipt';
import { utf8Length } from '../../common/receipt/receipt';
import { SCREEN_QR_MAX_BYTES } from '../../common/take-away';

/**
 * "扫码带走" for a filled document: its text, for a phone to keep. The text
 * comes from the very receipt that prints (title, body, signature lines,
 * the closing line), one line per paragraph, without the paper's indents,
 * rules and blank feeds.
 */
export function documentText(receipt: Receipt): string {
  const lines: string[] = [];
  for (const block of receipt.blocks) {
    if (block.type === 'text') {
      for (const line of block.text.split('\n')) {
        // The paper indents paragraphs with ideographic spaces; a phone's text needs none.
        const trimmed = line.replace(/^[\s\u3000]+|[\s\u3000]+$/g, '');
        if (trimmed !== '') lines.push(trimmed);
      }
    } else if (block.type === 'pair') {
      lines.push(`${block.label}：${block.value}`);
    }
  }
  return lines.join('\n');
}

export type DocumentCode = { kind: 'text'; data: string } | { kind: 'too-long'; bytes: number };

/**
 * The code shown on screen: the document's text when it fits a code a phone
 * reads from the screen (SCREEN_QR_MAX_BYTES), otherwise nothing — a
 * document cut short is worse than none, so the citizen is asked to print it.
 */
export function documentCode(text: string): DocumentCode {
  const bytes = utf8Length(text);
  return bytes <= SCREEN_QR_MAX_BYTES ? { kind: 'text', data: text } : { kind: 'too-long', bytes };
}
