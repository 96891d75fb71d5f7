import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { type TakeAwaySubject, takeAwayCode } from '../../common/take-away';
import { qrMatrix, qrPath } from './qr-matrix';
import './take-away.css';

/** The quiet zone the QR standard asks for, in modules; phones fail on codes drawn edge to edge. */
const QUIET_ZONE = 4;
/** Largest side of the code on screen, in CSS pixels. */
const MAX_SIDE_PX = 360;

/**
 * "扫码带走": a QR code of this answer or article for the citizen's phone,
 * with words saying what the phone will get — a link, the text, or the name
 * of the article to look up again.
 */
export function TakeAwayQr({ subject, hubUrl }: { subject: TakeAwaySubject; hubUrl: string | null }) {
  const { t } = useTranslation();
  const titleId = useId();
  const code = takeAwayCode(subject, hubUrl);
  const { path, side } = useMemo(() => {
    const matrix = qrMatrix(code.data);
    return { path: qrPath(matrix, QUIET_ZONE), side: matrix.length + QUIET_ZONE * 2 };
  }, [code.data]);
  // A whole number of pixels per module: scaled codes with uneven modules are what phones misread.
  const px = side * Math.max(2, Math.floor(MAX_SIDE_PX / side));
  const citation = { article: 'citationArticle', guide: 'citationGuide', answer: 'citationAnswer' } as const;
  const what = code.kind === 'citation' ? citation[subject.kind] : code.kind;
  return (
    <section className="take-away" aria-labelledby={titleId} data-testid="take-away" data-code-kind={code.kind}>
      <svg
        className="take-away__code"
        viewBox={`0 0 ${side} ${side}`}
        width={px}
        height={px}
        role="img"
        aria-label={t('takeAway.codeLabel')}
        shapeRendering="crispEdges"
        data-testid="take-away-code"
      >
        <rect width={side} height={side} fill="#fff" />
        <path d={path} fill="#000" />
      </svg>
      <div className="take-away__words">
        <h2 id={titleId} className="take-away__title">
          {t('takeAway.title')}
        </h2>
        <p className="take-away__what">{t(`takeAway.${what}`)}</p>
      </div>
    </section>
  );
}
