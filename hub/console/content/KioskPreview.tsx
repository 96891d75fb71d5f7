import { Alert, Button, Space, Spin, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { ContentItemFields } from '../../../common/hub/api/content-edits';
import { AnswerText, Section, StepList } from '../../../ui/answer/AnswerBlocks';
import { createI18n } from '../../../ui/i18n/i18n';
import '../../../ui/styles/tokens.css';
import { useHubQuery } from '../data/queries';
import { PageError } from '../shared/PageError';
import { problemText } from './field-problems';
import './kiosk-preview.css';

/** The kiosk's portrait screen, in CSS px, and how much smaller the console draws it. */
const KIOSK_WIDTH = 1080;
const KIOSK_HEIGHT = 1920;
const SCALE = 0.4;

/**
 * How an answer looks on the kiosk: a portrait kiosk screen drawn smaller,
 * with the answer screen's own blocks (ui/answer) in the kiosk's tokens
 * and its first language — the question, the plain answer, the next steps
 * with their time limits, and each cited article with its text as the hub
 * finds it in the shipped laws. It shows the item as last refreshed, not
 * at every key pressed, since each look asks the hub.
 */
export function KioskPreview({ item }: { item: ContentItemFields }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(item);
  const preview = useHubQuery('contentPreview', { item: shown });
  // The kiosk's screens are in its first language whatever the console's is.
  const kioskI18n = useMemo(() => createI18n('zh-CN'), []);
  const data = preview.data;
  return (
    <section className="kiosk-preview" aria-labelledby="kiosk-preview-title" data-testid="kiosk-preview">
      <Space className="kiosk-preview__bar">
        <Typography.Title level={2} id="kiosk-preview-title" className="kiosk-preview__title">
          {t('hubContent.preview.title')}
        </Typography.Title>
        <Button onClick={() => (shown === item ? preview.reload() : setShown(item))} data-testid="preview-refresh">
          {t('hubContent.preview.refresh')}
        </Button>
      </Space>
      {preview.error !== undefined && <PageError error={preview.error} retry={preview.reload} />}
      {data !== undefined && data.problems.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('hubContent.problemsTitle', { count: data.problems.length })}
          description={
            <ul className="kiosk-preview__problems">
              {data.problems.map((p, i) => (
                <li key={i}>{problemText(t, p)}</li>
              ))}
            </ul>
          }
        />
      )}
      <div
        className="kiosk-preview__viewport"
        style={{ width: KIOSK_WIDTH * SCALE, height: KIOSK_HEIGHT * SCALE }}
        role="group"
        aria-label={t('hubContent.preview.frameLabel')}
      >
        <div
          className="kiosk-preview__screen"
          style={{ width: KIOSK_WIDTH, height: KIOSK_HEIGHT, transform: `scale(${SCALE})` }}
          lang="zh-CN"
          data-testid="kiosk-preview-screen"
        >
          {data === undefined ? (
            preview.loading && <Spin />
          ) : data.item.kind !== 'faq' ? (
            <p className="kiosk-preview__note">{t('hubContent.preview.notFaq')}</p>
          ) : (
            <I18nextProvider i18n={kioskI18n}>
              <KioskAnswer fields={data.item.fields} articles={data.articles} />
            </I18nextProvider>
          )}
        </div>
      </div>
    </section>
  );
}

type FaqFields = Extract<ContentItemFields, { kind: 'faq' }>['fields'];

/** The answer screen's body, as renderer/consultation/AnswerScreen.tsx lays it out. */
function KioskAnswer({
  fields,
  articles,
}: {
  fields: FaqFields;
  articles: readonly { citation: string; text: string }[];
}) {
  const { t } = useTranslation();
  return (
    <div className="kiosk-preview__answer">
      <p className="screen-header__title screen-header__title--long" data-testid="preview-question">
        {fields.question}
      </p>
      <div className="answer__body">
        <AnswerText>{fields.answer}</AnswerText>
        {fields.nextSteps.length > 0 && (
          <Section title={t('answer.nextSteps')}>
            <StepList steps={fields.nextSteps} />
          </Section>
        )}
      </div>
      {fields.cites.length > 0 && (
        <Section title={t('answer.cites')}>
          <ul className="kiosk-preview__articles">
            {fields.cites.map((cite, i) => {
              const article = articles.find((a) => a.citation === cite);
              return (
                <li key={i} className="accent-box" data-testid={`preview-article-${i}`}>
                  <p className="kiosk-preview__citation">{cite}</p>
                  <p className="reading">{article?.text ?? t('hubContent.preview.articleMissing')}</p>
                </li>
              );
            })}
          </ul>
        </Section>
      )}
      <p className="kiosk-preview__disclaimer">{t('answer.disclaimer')}</p>
    </div>
  );
}
