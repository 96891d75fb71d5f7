import { useTranslation } from 'react-i18next';
import { type TakeAwaySubject, takeAwayCode } from '../../common/take-away';
import { QrPanel } from '../../ui/qr/QrCode';
import '../../ui/qr/qr-panel.css';

/**
 * "扫码带走": a QR code of this answer or article for the citizen's phone,
 * with words saying what the phone will get — a link, the text, or the name
 * of the article to look up again.
 */
export function TakeAwayQr({ subject, hubUrl }: { subject: TakeAwaySubject; hubUrl: string | null }) {
  const { t } = useTranslation();
  const code = takeAwayCode(subject, hubUrl);
  const citation = { article: 'citationArticle', guide: 'citationGuide', answer: 'citationAnswer' } as const;
  const what = code.kind === 'citation' ? citation[subject.kind] : code.kind;
  return (
    <QrPanel
      data={code.data}
      codeLabel={t('takeAway.codeLabel')}
      title={t('takeAway.title')}
      lines={[t(`takeAway.${what}`)]}
      kind={code.kind}
      testId="take-away"
      codeTestId="take-away-code"
    />
  );
}
