import { useId, useMemo } from 'react';
import { qrMatrix, qrPath } from './qr-matrix';
import './qr-panel.css';

/** The quiet zone the QR standard asks for, in modules; phones fail on codes drawn edge to edge. */
const QUIET_ZONE = 4;
/** Largest side of the code on screen, in CSS pixels, unless the caller asks otherwise. */
const MAX_SIDE_PX = 360;

/**
 * A QR code of `data` drawn as an SVG: black modules on white, with the quiet
 * zone, and a whole number of pixels per module (scaled codes with uneven
 * modules are what phones misread), no larger than `maxSide` pixels.
 */
export function QrCode({
  data,
  label,
  maxSide = MAX_SIDE_PX,
  testId,
}: {
  data: string;
  label: string;
  maxSide?: number;
  testId?: string;
}) {
  const { path, side } = useMemo(() => {
    const matrix = qrMatrix(data);
    return { path: qrPath(matrix, QUIET_ZONE), side: matrix.length + QUIET_ZONE * 2 };
  }, [data]);
  const px = side * Math.max(2, Math.floor(maxSide / side));
  return (
    <svg
      className="take-away__code"
      viewBox={`0 0 ${side} ${side}`}
      width={px}
      height={px}
      role="img"
      aria-label={label}
      shapeRendering="crispEdges"
      data-testid={testId}
    >
      <rect width={side} height={side} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}

export interface QrPanelProps {
  /** What the code holds. */
  data: string;
  /** The code's accessible name. */
  codeLabel: string;
  /** The panel's heading ("扫码带走"). */
  title: string;
  /** What the phone will get, a paragraph each. */
  lines: readonly string[];
  /** Says what the code holds (a link, the text…), for tests and styles. */
  kind: string;
  testId: string;
  codeTestId: string;
  className?: string;
}

/** "扫码带走": the QR code beside its heading and words saying what the phone will get. */
export function QrPanel({ data, codeLabel, title, lines, kind, testId, codeTestId, className }: QrPanelProps) {
  const titleId = useId();
  return (
    <section
      className={className === undefined ? 'take-away' : `take-away ${className}`}
      aria-labelledby={titleId}
      data-testid={testId}
      data-code-kind={kind}
    >
      <QrCode data={data} label={codeLabel} testId={codeTestId} />
      <div className="take-away__words">
        <h2 id={titleId} className="take-away__title">
          {title}
        </h2>
        {lines.map((line, i) => (
          <p key={i} className="take-away__what">
            {line}
          </p>
        ))}
      </div>
    </section>
  );
}
