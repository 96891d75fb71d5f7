import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { useNavigation } from '../app/NavigationContext';
import { featureTarget } from '../app/navigation';
import { BigButton } from '../../ui/buttons/BigButton';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { formatLegalDate } from '../shared/dates';
import { useLanguage } from '../../ui/i18n/use-language';
import { TextSizeControl, readingSizeClass, useReadingSize } from '../app/reading/ReadingSize';
import { featureState } from '../app/service/health-view';
import { useServiceQuery } from '../app/service/use-service-query';
import { useCountOnce } from '../app/session/SessionUse';
import { TakeAwayQr } from '../shared/TakeAwayQr';
import { PrintButton } from '../print/PrintSlipButton';
import { REASON_ICON } from '../shared/reason-icons';
import '../shared/content.css';

/** One article of a law, in full and in large type, with the law it belongs to and that law's version date. */
export function ArticleScreen({ articleId, health }: { articleId: number; health: Health }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const language = useLanguage();
  const { step } = useReadingSize();
  const article = useServiceQuery('article', { articleId });
  useCountOnce('law-lookup', article.status === 'ok' ? 'article' : null, `law-lookup:article:${articleId}`);
  const reader = featureTarget(featureState(health, 'lawLookup'));

  return (
    <main className="screen article-screen" data-testid="article">
      <ScreenHeader
        title={
          article.status === 'ok'
            ? `${article.data.law.shortName} ${article.data.number}`
            : t('features.lawLookup.title')
        }
      />
      <QueryView query={article}>
        {(a) => (
          <>
            <div className="law-meta" lang="zh-CN">
              <p className="law-meta__title">{a.law.title}</p>
              <p className="law-meta__version" lang={language}>
                {t('article.versionDate', { date: formatLegalDate(a.law.versionDate, language) })}
                {a.law.effectiveDate && (
                  <> · {t('article.effectiveDate', { date: formatLegalDate(a.law.effectiveDate, language) })}</>
                )}
              </p>
              {a.headings.length > 0 && <p className="law-meta__chapter">{a.headings.join(' ')}</p>}
            </div>
            <div className="reading-toolbar">
              <TextSizeControl />
            </div>
            <div className={`article-text ${readingSizeClass(step)} reading`} lang="zh-CN" data-testid="article-text">
              {a.text.split('\n').map((para, i) => (
                <p key={i}>
                  {i === 0 && <strong className="article-text__number">{a.number}</strong>}
                  {para}
                </p>
              ))}
            </div>
            <TakeAwayQr
              subject={{
                kind: 'article',
                lawTitle: a.law.title,
                lawShort: a.law.shortName,
                versionDate: a.law.versionDate,
                number: a.number,
                text: a.text,
              }}
              hubUrl={health.terminal.hubUrl}
            />
            <div className="screen-actions">
              <BigButton
                icon="lawLookup"
                unavailable={
                  reader.name === 'feature-unavailable'
                    ? { label: t(`featureUnavailable.${reader.reason}.badge`), icon: REASON_ICON[reader.reason] }
                    : undefined
                }
                onClick={() =>
                  nav.push(
                    reader.name === 'feature-unavailable'
                      ? reader
                      : { name: 'law-reader', lawId: a.law.id, articleId: a.id },
                  )
                }
              >
                {t('article.readWholeLaw')}
              </BigButton>
              <PrintButton source={{ kind: 'article', articleId: a.id }} label={t('article.print')} health={health} />
            </div>
          </>
        )}
      </QueryView>
    </main>
  );
}
