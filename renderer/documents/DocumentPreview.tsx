import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import type { TemplateResponse } from '../../common/api/templates';
import type { FieldError } from '../../common/templates/values';
import { BigButton } from '../../ui/buttons/BigButton';
import { LoadFailed, Loading } from '../shared/QueryView';
import { ReceiptPaper } from '../print/ReceiptPaper';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { documentCode, documentText } from './document-text';
import { type FormValues, previewValues } from './form-model';
import { jobTitle } from '../print/receipt-builder';
import { printerAvailability } from '../app/service/health-view';
import { useSessionUse } from '../app/session/SessionUse';
import { useServiceQuery } from '../app/service/use-service-query';
import { useApi } from '../app/service/ServiceContext';
import { QrPanel } from '../../ui/qr/QrCode';
import { PrintJobControls } from '../print/PrintJobControls';
import '../../ui/qr/qr-panel.css';

/**
 * The filled document as it will print, checked by the service: answers
 * that do not pass send the citizen back to the first wrong item (`onErrors`).
 * Then 打印文书 (the print job's progress as on the print screen), 扫码带走
 * and 修改.
 */
export function DocumentPreview({
  template,
  values,
  health,
  onErrors,
  onEdit,
}: {
  template: TemplateResponse;
  values: FormValues;
  health: Health;
  onErrors(errors: readonly FieldError[]): void;
  onEdit(): void;
}) {
  const { t } = useTranslation();
  const use = useSessionUse();
  const api = useApi();
  // The answers cannot change while the preview is on screen: one check per visit.
  const [body] = useState(() => ({ id: template.id, values: previewValues(template, values) }));
  const preview = useServiceQuery('templatePreview', body);
  const [showCode, setShowCode] = useState(false);

  const result = preview.status === 'ok' ? preview.data : null;
  const failed = result !== null && !result.ok ? result.errors : null;
  const onErrorsRef = useRef(onErrors);
  useLayoutEffect(() => {
    onErrorsRef.current = onErrors;
  });
  useEffect(() => {
    if (failed !== null) onErrorsRef.current(failed);
  }, [failed]);

  if (preview.status === 'error') return <LoadFailed error={preview.error} onRetry={preview.retry} />;
  if (result === null || !result.ok) return <Loading />;

  const printer = printerAvailability(health);
  return (
    <div className="print-layout doc-preview">
      <div className="print-layout__preview">
        <p className="screen__lead">{t('documents.preview.lead')}</p>
        {/* Long documents scroll here; focusable so a keyboard can scroll it too. */}
        <div
          className="paper-scroll"
          tabIndex={0}
          role="region"
          aria-label={t('documents.preview.paper')}
          data-testid="document-paper"
        >
          <ReceiptPaper layout={result.layout} label={t('documents.preview.paper')} qrLabel="QR" />
        </div>
      </div>
      <div className="print-layout__actions">
        {printer.state === 'none' ? (
          <StatusNotice tone="warning">{t('print.notConfigured')}</StatusNotice>
        ) : (
          <PrintJobControls
            title={jobTitle(template.title)}
            receipt={result.receipt}
            // The service fills the document again from the answers and prints that, the parties' numbers whole.
            send={() => api.call('templatePrint', { ...body, title: jobTitle(template.title) })}
            health={health}
            ready
            printLabel={t('documents.preview.print')}
            onSent={() => {
              use.countOnce(`template-printed:${template.id}`, 'template-printed', template.id);
              use.served('documents');
            }}
          />
        )}
        <BigButton
          icon="qrCode"
          aria-expanded={showCode}
          data-testid="document-take-away"
          onClick={() => setShowCode((on) => !on)}
        >
          {showCode ? t('documents.preview.takeAwayHide') : t('documents.preview.takeAway')}
        </BigButton>
        {showCode && <DocumentCode text={documentText(result.receipt)} />}
        <BigButton icon="edit" data-testid="document-edit" onClick={onEdit}>
          {t('documents.preview.edit')}
        </BigButton>
      </div>
    </div>
  );
}

/**
 * The document's text as a QR code for the citizen's phone, or, when it is
 * too long to scan from a screen, a word that it should be printed instead.
 *
 * Personal data on screen in a code: acceptable only because this is the
 * citizen's own document, filled by them and shown only when they ask for it
 * (and hidden again with one tap). It never leaves the screen this way — no
 * link, no upload — and it is gone when the session ends.
 */
function DocumentCode({ text }: { text: string }) {
  const { t } = useTranslation();
  const code = useMemo(() => documentCode(text), [text]);
  if (code.kind !== 'text') {
    return (
      <div className="doc-code" data-testid="document-code" data-code-kind="too-long">
        <StatusNotice tone="info">{t('documents.preview.tooLong')}</StatusNotice>
      </div>
    );
  }
  return (
    <QrPanel
      className="doc-code"
      data={code.data}
      codeLabel={t('documents.preview.qrLabel')}
      title={t('documents.preview.takeAway')}
      lines={[t('documents.preview.qrText'), t('documents.preview.qrPrivacy')]}
      kind="text"
      testId="document-code"
      codeTestId="document-qr"
    />
  );
}
