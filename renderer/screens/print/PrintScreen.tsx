import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJob } from '../../../common/api/devices';
import type { Health } from '../../../common/api/health';
import type { ReceiptInput } from '../../../common/receipt/receipt';
import { publicPageUrl } from '../../../common/take-away';
import { useNavigation } from '../../app/NavigationContext';
import type { PrintSource } from '../../app/navigation';
import { BigButton } from '../../components/BigButton';
import { Icon, type IconName } from '../../components/Icon';
import { LoadFailed, Loading, QueryView } from '../../components/QueryView';
import { ReceiptPaper } from '../../components/ReceiptPaper';
import { ScreenHeader } from '../../components/ScreenHeader';
import { StatusNotice } from '../../components/StatusNotice';
import { formatLegalDate, formatPrintedAt } from '../../content/dates';
import { useLanguage } from '../../i18n/use-language';
import { type PrintPhase, newerJob, printJobView } from '../../print/print-job';
import { type ReceiptContext, answerReceipt, articleReceipt, citationLabel, guideReceipt, jobTitle } from '../../print/receipt-builder';
import { useApi, useServiceEvents } from '../../service/ServiceContext';
import { hotlineNumber, printerAvailability } from '../../service/health-view';
import { useServiceQuery } from '../../service/use-service-query';
import '../content.css';

/** While a job is not settled, ask for it this often too, in case an event was missed (socket reconnecting). */
const JOB_POLL_MS = 2000;

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
  const faq = useServiceQuery('faq', { id: source.kind === 'answer' ? source.faqId : '-' }, { enabled: source.kind === 'answer' });
  const guide = useServiceQuery('guide', { id: source.kind === 'guide' ? source.guideId : '-' }, { enabled: source.kind === 'guide' });
  const article = useServiceQuery('article', { articleId: source.kind === 'article' ? source.articleId : 1 }, { enabled: source.kind === 'article' });
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
          : { link: publicPageUrl(hubUrl, { kind: 'article', lawTitle: a.law.title, lawShort: a.law.shortName, versionDate: a.law.versionDate, number: a.number, text: a.text }) };
      return {
        title: jobTitle(citationLabel({ lawShort: a.law.shortName, article: a.number })),
        receipt: articleReceipt({ number: a.number, headings: a.headings, text: a.text, law: a.law, versionLine }, { ...ctx, ...link }),
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
  const api = useApi();
  const preview = useServiceQuery('printPreview', { receipt });
  const [job, setJob] = useState<PrintJob | null>(null);
  const [sending, setSending] = useState(false);
  const [sendError, setSendError] = useState<unknown>(null);
  // Events can arrive before the answer to `print` says which job is ours: keep the latest of each.
  const seen = useRef(new Map<string, PrintJob>());

  const merge = (incoming: PrintJob): void => setJob((current) => (current === null || current.id === incoming.id ? newerJob(current, incoming) : current));

  useServiceEvents((event) => {
    if (event.type !== 'print-job') return;
    seen.current.set(event.job.id, newerJob(seen.current.get(event.job.id) ?? null, event.job));
    setJob((current) => (current !== null && current.id === event.job.id ? newerJob(current, event.job) : current));
  });

  const view = printJobView(job);
  const jobId = job?.id;
  const settled = job !== null && view.settled;
  useEffect(() => {
    if (jobId === undefined || settled) return;
    const timer = setInterval(() => {
      api.call('printJobs').then(
        ({ jobs }) => {
          const latest = jobs.find((j) => j.id === jobId);
          if (latest) setJob((current) => (current !== null && current.id === latest.id ? newerJob(current, latest) : current));
        },
        () => undefined, // the events or the next poll will tell
      );
    }, JOB_POLL_MS);
    return () => clearInterval(timer);
  }, [api, jobId, settled]);

  const print = async (): Promise<void> => {
    if (sending) return;
    setSending(true);
    setSendError(null);
    try {
      const created = await api.call('print', { title, receipt });
      const early = seen.current.get(created.id);
      setJob(early ? newerJob(created, early) : created);
    } catch (error) {
      setSendError(error);
    } finally {
      setSending(false);
    }
  };

  const retry = async (): Promise<void> => {
    if (job === null || sending) return;
    setSending(true);
    setSendError(null);
    try {
      merge(await api.call('printRetry', { id: job.id }));
    } catch (error) {
      setSendError(error);
    } finally {
      setSending(false);
    }
  };

  const printer = printerAvailability(health);
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
        {job === null && printer.state === 'waiting' && (
          <StatusNotice tone="warning" detail={printer.reasonKey ? t(printer.reasonKey) : undefined}>
            {t('print.unavailable')}
          </StatusNotice>
        )}
        {job === null ? (
          <BigButton variant="primary" icon="print" data-testid="print-now" disabled={sending || preview.status !== 'ok'} onClick={() => void print()}>
            {t('print.print')}
          </BigButton>
        ) : (
          <JobStatus phase={view.phase} reason={view.reasonKey ? t(view.reasonKey) : null} sending={sending} onRetry={() => void retry()} />
        )}
        {sendError !== null && (
          <StatusNotice tone="warning" detail={t('print.sendFailedDetail')}>
            {t('print.sendFailed')}
          </StatusNotice>
        )}
      </div>
    </div>
  );
}

const PHASE_ICON: Record<PrintPhase, IconName> = { sending: 'print', printing: 'print', printed: 'ok', waiting: 'warning', failed: 'warning' };

function JobStatus({ phase, reason, sending, onRetry }: { phase: PrintPhase; reason: string | null; sending: boolean; onRetry(): void }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <div className="job-status" data-phase={phase} data-testid="print-status">
      <div className="job-status__message" role="status">
        <Icon name={PHASE_ICON[phase]} className="job-status__icon" />
        <div>
          <p className="job-status__text">{t(`print.${phase}`)}</p>
          {reason && <p className="job-status__reason">{reason}</p>}
          {phase === 'waiting' && <p className="job-status__reason">{t('print.waitingKept')}</p>}
        </div>
      </div>
      {phase === 'failed' && (
        <BigButton variant="primary" icon="retry" disabled={sending} data-testid="print-retry" onClick={onRetry}>
          {t('print.retry')}
        </BigButton>
      )}
      {(phase === 'printed' || phase === 'waiting' || phase === 'failed') && (
        <BigButton icon="back" data-testid="print-done" onClick={nav.back}>
          {t('print.done')}
        </BigButton>
      )}
    </div>
  );
}
