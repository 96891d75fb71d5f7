import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import type { ReceiptInput } from '../../common/receipt/receipt';
import { publicPageUrl } from '../../common/take-away';
import type { PrintSource } from '../app/navigation';
import { LoadFailed, Loading, QueryView } from '../shared/QueryView';
import { ReceiptPaper } from './ReceiptPaper';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { formatLegalDate, formatPrintedAt } from '../shared/dates';
import { useLanguage } from '../../ui/i18n/use-language';
import {
  type ReceiptContext,
  answerReceipt,
  articleReceipt,
  citationLabel,
  guideReceipt,
  jobTitle,
} from './receipt-builder';
import { hotlineNumber, printerAvailability } from '../app/service/health-view';
import { useServiceQuery } from '../app/service/use-service-query';
import { PrintJobControls } from './PrintJobControls';
import '../shared/content.css';

/**
 * Print preview and printing: the slip as it will come out, "打印", then
 * what the printer is doing — printing, printed ("请取走回执"), or waiting
 * with the reason in plain words (the job is kept and prints by itself).
 */
export function PrintScreen({ source, health }: { source: PrintSource; health: Health }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // One time for preview and paper: what is shown is what prints.
  const [printedAt] = useState(() => new Date());
  const faq = useServiceQuery(
    'faq',
    { id: source.kind === 'answer' ? source.faqId : '-' },
    { enabled: source.kind === 'answer' },
  );
  const guide = useServiceQuery(
    'guide',
    { id: source.kind === 'guide' ? source.guideId : '-' },
    { enabled: source.kind === 'guide' },
  );
  const article = useServiceQuery(
    'article',
    { articleId: source.kind === 'article' ? source.articleId : 1 },
    { enabled: source.kind === 'article' },
  );
  const content = source.kind === 'answer' ? faq : source.kind === 'guide' ? guide : article;

  const ctx: ReceiptContext = useMemo(
    () => ({
      terminalName: health.terminal.displayName,
      printedAt: formatPrintedAt(printedAt, language),
      hotline: hotlineNumber(health),
      labels: {
        answerTitle: t('print.receipt.answerTitle'),
        articleTitle: t('print.receipt.articleTitle'),
        guideTitle: t('print.receipt.guideTitle'),
        steps: t('print.receipt.steps'),
        nextSteps: t('print.receipt.nextSteps'),
        timeLimit: t('print.receipt.timeLimit'),
        cites: t('print.receipt.cites'),
        terminal: t('print.receipt.terminal'),
        printedAt: t('print.receipt.printedAt'),
        hotline: t('print.receipt.hotline'),
        disclaimer: t('print.receipt.disclaimer'),
        link: t('print.receipt.link'),
      },
    }),
    [health, printedAt, language, t],
  );

  const hubUrl = health.terminal.hubUrl;
  const faqData = faq.status === 'ok' ? faq.data : null;
  const articleData = article.status === 'ok' ? article.data : null;
  const guideData = guide.status === 'ok' ? guide.data : null;
  const printDoc = useMemo((): { title: string; receipt: ReceiptInput } | null => {
    if (source.kind === 'answer' && faqData) {
      const link = hubUrl === null ? {} : { link: publicPageUrl(hubUrl, { kind: 'answer', ...faqData }) };
      return { title: jobTitle(faqData.question), receipt: answerReceipt(faqData, { ...ctx, ...link }) };
    }
    if (source.kind === 'guide' && guideData) {
      const link = hubUrl === null ? {} : { link: publicPageUrl(hubUrl, { kind: 'guide', ...guideData }) };
      return { title: jobTitle(guideData.title), receipt: guideReceipt(guideData, { ...ctx, ...link }) };
    }
    if (source.kind === 'article' && articleData) {
      const a = articleData;
      const versionLine = t('article.versionDate', { date: formatLegalDate(a.law.versionDate, language) });
      const link =
        hubUrl === null
          ? {}
          : {
              link: publicPageUrl(hubUrl, {
                kind: 'article',
                lawTitle: a.law.title,
                lawShort: a.law.shortName,
                versionDate: a.law.versionDate,
                number: a.number,
                text: a.text,
              }),
            };
      return {
        title: jobTitle(citationLabel({ lawShort: a.law.shortName, article: a.number })),
        receipt: articleReceipt(
          { number: a.number, headings: a.headings, text: a.text, law: a.law, versionLine },
          { ...ctx, ...link },
        ),
      };
    }
    return null;
  }, [source.kind, faqData, guideData, articleData, ctx, t, language, hubUrl]);

  const printer = printerAvailability(health);
  return (
    <main className="screen print-screen" data-testid="print">
      <ScreenHeader title={t('print.title')} />
      {printer.state === 'none' ? (
        <div className="screen__content">
          <StatusNotice tone="warning">{t('print.notConfigured')}</StatusNotice>
        </div>
      ) : source.kind === 'receipt' ? (
        // Built by the screen that prints it (机构查询, 算一算), with its own print time.
        <PrintDocument title={source.title} receipt={source.receipt} health={health} />
      ) : content.status !== 'ok' ? (
        <QueryView query={content}>{() => null}</QueryView>
      ) : (
        printDoc && <PrintDocument title={printDoc.title} receipt={printDoc.receipt} health={health} />
      )}
    </main>
  );
}

function PrintDocument({ title, receipt, health }: { title: string; receipt: ReceiptInput; health: Health }) {
  const { t } = useTranslation();
  const preview = useServiceQuery('printPreview', { receipt });
  return (
    <div className="print-layout">
      <div className="print-layout__preview">
        <p className="screen__lead">{t('print.lead')}</p>
        {preview.status === 'ok' ? (
          // Long receipts scroll here; focusable so a keyboard can scroll it too.
          <div className="paper-scroll" tabIndex={0} role="region" aria-label={t('print.preview')}>
            <ReceiptPaper layout={preview.data} label={t('print.preview')} qrLabel="QR" />
          </div>
        ) : preview.status === 'loading' ? (
          <Loading />
        ) : (
          <LoadFailed error={preview.error} onRetry={preview.retry} />
        )}
      </div>
      <div className="print-layout__actions">
        <PrintJobControls title={title} receipt={receipt} health={health} ready={preview.status === 'ok'} />
      </div>
    </div>
  );
}
