import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CallDocumentView } from '../../common/api/calls';
import type { Health } from '../../common/api/health';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { printerAvailability } from '../app/service/health-view';
import { useApi, useServiceEvents } from '../app/service/ServiceContext';
import { JobStatusMessage } from '../print/JobStatusMessage';
import { printJobView } from '../print/print-job';
import { ReceiptPaper } from '../print/ReceiptPaper';
import { useTrackedJob } from '../print/use-tracked-job';
import '../flow/flows.css';
import '../shared/content.css';
import './video-call.css';

/**
 * 律师发来文书: the documents the lawyer pushed in this session, newest
 * first, as the service received and checked them — each with its preview
 * (what prints, line for line) and 打印, then the job's progress as on every
 * print screen. The service prints a document once; 打印 is not offered again
 * once a job is under way or done.
 */
export function CallDocumentsPanel({ health }: { health: Health }) {
  const { t } = useTranslation();
  const api = useApi();
  const headingId = useId();
  const [documents, setDocuments] = useState<CallDocumentView[]>([]);
  const add = (doc: CallDocumentView): void =>
    setDocuments((list) => [doc, ...list.filter((d) => d.documentId !== doc.documentId)]);

  useServiceEvents((event) => {
    if (event.type === 'call-document') add(event.document);
  });
  useEffect(() => {
    let stopped = false;
    api.call('callCurrent').then(
      ({ documents: known }) => {
        if (!stopped) for (const doc of known) add(doc);
      },
      () => undefined,
    );
    return () => {
      stopped = true;
    };
  }, [api]);

  if (documents.length === 0) return null;
  return (
    <section className="flow-card call-documents" aria-labelledby={headingId} data-testid="call-documents">
      <h2 id={headingId} className="call-documents__title">
        <Icon name="documents" className="call-documents__icon" />
        {t('videoCall.documents.title')}
      </h2>
      {documents.map((doc) => (
        <CallDocumentItem key={doc.documentId} doc={doc} health={health} />
      ))}
    </section>
  );
}

function CallDocumentItem({ doc, health }: { doc: CallDocumentView; health: Health }) {
  const { t } = useTranslation();
  const api = useApi();
  const { job, track, merge } = useTrackedJob();
  const [sending, setSending] = useState(false);
  const [failed, setFailed] = useState(false);

  const print = async (): Promise<void> => {
    if (sending) return;
    setSending(true);
    setFailed(false);
    try {
      // Asked twice, the service answers with the first job: one document, one paper.
      track(await api.call('callDocumentPrint', { documentId: doc.documentId }));
    } catch {
      setFailed(true);
    } finally {
      setSending(false);
    }
  };
  const retry = async (): Promise<void> => {
    if (job === null || sending) return;
    setSending(true);
    try {
      merge(await api.call('printRetry', { id: job.id }));
    } catch {
      setFailed(true);
    } finally {
      setSending(false);
    }
  };

  const view = job === null ? null : printJobView(job);
  const printer = printerAvailability(health);
  return (
    <article className="call-document" data-testid="call-document" data-kind={doc.kind} data-state={doc.state}>
      <h3 className="call-document__title">
        <span className="call-document__kind">{t(`videoCall.documents.kinds.${doc.kind}`)}</span>
        <span lang="zh-CN">{doc.title}</span>
      </h3>
      {doc.state === 'failed' ? (
        <StatusNotice tone="warning">{t(`videoCall.documents.problems.${doc.problem}`)}</StatusNotice>
      ) : (
        <>
          {doc.layout !== null && (
            <div className="call-document__preview">
              <ReceiptPaper
                layout={doc.layout}
                label={t('videoCall.documents.preview', { title: doc.title })}
                qrLabel={t('videoCall.documents.qr')}
              />
            </div>
          )}
          {!doc.printable && <StatusNotice tone="info">{t('videoCall.documents.pdf')}</StatusNotice>}
          {doc.printable && view === null && (
            <>
              {printer.state === 'waiting' && (
                <StatusNotice tone="warning" detail={printer.reasonKey ? t(printer.reasonKey) : undefined}>
                  {t('print.unavailable')}
                </StatusNotice>
              )}
              <BigButton
                variant="primary"
                icon="print"
                disabled={sending}
                data-testid="call-document-print"
                onClick={() => void print()}
              >
                {t('videoCall.documents.print')}
              </BigButton>
            </>
          )}
          {view !== null && (
            <div className="job-status" data-phase={view.phase} data-testid="print-status">
              <JobStatusMessage phase={view.phase} reason={view.reasonKey ? t(view.reasonKey) : null} />
              {view.phase === 'failed' && (
                <BigButton icon="retry" disabled={sending} data-testid="print-retry" onClick={() => void retry()}>
                  {t('print.retry')}
                </BigButton>
              )}
            </div>
          )}
          <div className="flow-live" aria-live="polite">
            {failed && (
              <StatusNotice tone="warning" detail={t('print.sendFailedDetail')}>
                {t('print.sendFailed')}
              </StatusNotice>
            )}
          </div>
        </>
      )}
    </article>
  );
}
