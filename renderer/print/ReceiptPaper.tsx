import type { CSSProperties } from 'react';
import type { LayoutLine, ReceiptLayout } from '../../common/receipt/layout';
import './receipt-paper.css';

/**
 * The receipt as it will come out of the printer: the service's layout, line
 * for line, on a paper-coloured strip in a monospace face where a Han
 * character takes two columns — as on the printer. Text keeps its spaces
 * (pairs are spread with them) and its alignment, size and weight.
 */
export function ReceiptPaper({ layout, label, qrLabel }: { layout: ReceiptLayout; label: string; qrLabel: string }) {
  const style = { '--paper-columns': layout.columns } as CSSProperties;
  return (
    <figure className="paper" style={style} aria-label={label} data-testid="receipt-paper" lang="zh-CN">
      {layout.lines.map((line, i) => (
        <PaperLine key={i} line={line} qrLabel={qrLabel} />
      ))}
    </figure>
  );
}

function PaperLine({ line, qrLabel }: { line: LayoutLine; qrLabel: string }) {
  switch (line.kind) {
    case 'text':
      return (
        <div className={`paper__line paper__line--${line.align}`}>
          <span className={`paper__text paper__text--${line.size}${line.bold ? ' paper__text--bold' : ''}`}>
            {line.text === '' ? '\u00a0' : line.text}
          </span>
        </div>
      );
    case 'feed':
      return (
        <div className="paper__feed" style={{ height: `calc(${line.lines} * var(--paper-line))` }} aria-hidden="true" />
      );
    case 'qr':
      // Drawn as a placeholder for now; the printer makes the real symbol from the same data.
      return (
        <div className="paper__line paper__line--center">
          <span className="paper__qr" role="img" aria-label={qrLabel} />
        </div>
      );
    case 'cut':
      return <div className="paper__cut" aria-hidden="true" />;
  }
}
