import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { ArticleRef } from '../../common/api/content';
import type { Health } from '../../common/api/health';
import type { LegalAidAnswers } from '../../common/legal-aid/answers';
import { checkLegalAid, type LegalAidResult } from '../../common/legal-aid/check';
import { useNavigation } from '../app/NavigationContext';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { formatPrintedAt } from '../shared/dates';
import { useLanguage } from '../../ui/i18n/use-language';
import { articleCitations, OUTCOME_ICON, offersApplication, timeLimitLines } from './result-view';
import { resultReceipt } from './receipts';
import { citationLabel, jobTitle } from '../print/receipt-builder';
import { PrintSlipButton } from '../print/PrintSlipButton';
import { hotlineNumber } from '../app/service/health-view';
import { useServiceQuery } from '../app/service/use-service-query';
import { useCountOnce } from '../app/session/SessionUse';
import { Section } from '../../ui/answer/AnswerBlocks';
import { FeatureLinkButton } from '../consultation/AnswerSections';
import { NumberedList, OfficeCard, useNearestLegalAidOffice } from './OfficeCard';
import '../shared/content.css';
import '../flow/flows.css';
import './legal-aid.css';

/** The result's texts in the language on screen, shared by the screen and its slip. */
function useResultTexts(result: LegalAidResult) {
  const { t } = useTranslation();
  return {
    outcome: t(`legalAid.outcome.${result.outcome}`),
    route: t(`legalAid.route.${result.route}`),
    reasons: result.reasons.map((r) => t(`legalAid.reasons.${r}`)),
    hardship: result.hardshipReview.skipped
      ? t('legalAid.hardshipReview.skipped')
      : t('legalAid.hardshipReview.checked'),
    materials: result.materials.map((m) => t(`legalAid.materials.${m}`)),
    where: result.whereToApply === null ? null : t(`legalAid.whereToApply.${result.whereToApply}`),
    timeLimits: timeLimitLines(result.timeLimits).map((line) =>
      line.key === 'refusal'
        ? t('legalAid.timeLimits.refusal')
        : t(`legalAid.timeLimits.${line.key}`, { days: line.days }),
    ),
  };
}

/**
 * The check's outcome: in large words with its icon (likely eligible, likely
 * not, the office must review — never colour alone), why (each rule applied,
 * in plain words), the articles it rests on as buttons to their text, whether
 * the hardship review is skipped, aid first when urgent (Art. 44), what to
 * bring, where to apply (the nearest legal-aid centre) and how long the office
 * takes. Then: apply now, print this, or talk to a lawyer.
 */
export function LegalAidResultScreen({ answers, health }: { answers: LegalAidAnswers; health: Health }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const language = useLanguage();
  const result = useMemo(
    () => checkLegalAid(answers, health.terminal.legalAid.threshold),
    [answers, health.terminal.legalAid.threshold],
  );
  const texts = useResultTexts(result);
  // Usage figures: a check answered, by its outcome — once per set of answers in a session (返回 from an article is not a new check).
  useCountOnce('legal-aid-check', result.outcome, `legal-aid-check:${JSON.stringify(answers)}`);
  const nearest = useNearestLegalAidOffice();
  const citations = useMemo(() => articleCitations(result.articles), [result.articles]);
  const refs = useServiceQuery('articlesByCitation', { citations });
  const found: (ArticleRef | null)[] = refs.status === 'ok' ? refs.data.articles : citations.map(() => null);
  const articleLabels = citations.map((c, i) =>
    found[i] ? citationLabel(found[i]) : `${t('legalAid.lawName')} ${c.article}`,
  );

  const buildSlip = (printedAt: Date) => ({
    title: jobTitle(t('legalAid.receipt.resultTitle')),
    receipt: resultReceipt({
      labels: {
        title: t('legalAid.receipt.resultTitle'),
        outcome: t('legalAid.receipt.outcome'),
        why: t('legalAid.receipt.why'),
        articles: t('legalAid.receipt.articles'),
        materials: t('legalAid.receipt.materials'),
        where: t('legalAid.receipt.where'),
        timeLimits: t('legalAid.receipt.timeLimits'),
        office: t('legalAid.receipt.office'),
        address: t('legalAid.receipt.address'),
        officePhone: t('legalAid.receipt.officePhone'),
        hours: t('legalAid.receipt.hours'),
        demo: t('legalAid.receipt.demo'),
      },
      outcome: texts.outcome,
      notes: [texts.route, texts.hardship, ...(result.aidFirst.possible ? [t('legalAid.aidFirst')] : [])],
      reasons: texts.reasons,
      articles: articleLabels,
      materials: texts.materials,
      where: texts.where,
      office: result.whereToApply === null ? null : nearest.office,
      timeLimits: texts.timeLimits,
      disclaimer: t('legalAid.officeDecides'),
      footer: {
        terminalName: health.terminal.displayName,
        printedAt: formatPrintedAt(printedAt, language),
        hotline: hotlineNumber(health),
        labels: {
          terminal: t('legalAid.receipt.terminal'),
          printedAt: t('legalAid.receipt.printedAt'),
          hotline: t('legalAid.receipt.hotline'),
        },
      },
    }),
  });

  return (
    <main className="screen legal-aid-result" data-testid="legal-aid-result" data-outcome={result.outcome}>
      <ScreenHeader title={t('legalAid.result.title')} />
      <section className="la-outcome" data-outcome={result.outcome} data-testid="legal-aid-outcome">
        <Icon name={OUTCOME_ICON[result.outcome]} className="la-outcome__icon" />
        <div className="la-outcome__words">
          {/* A heading that is also the first paragraph: 朗读 speaks the outcome after the title. */}
          <p className="la-outcome__text" role="heading" aria-level={2}>
            {texts.outcome}
          </p>
          <p className="la-outcome__route">{texts.route}</p>
        </div>
      </section>
      <p className="la-decides">
        <Icon name="info" className="la-decides__icon" />
        <span>{t('legalAid.officeDecides')}</span>
      </p>

      <Section title={t('legalAid.result.why')}>
        <ul className="plain-list la-reasons" data-testid="legal-aid-reasons">
          {texts.reasons.map((r, i) => (
            <li key={result.reasons[i]} className="accent-box la-reasons__item">
              {r}
            </li>
          ))}
        </ul>
      </Section>

      <Section title={t('legalAid.result.articles')} hint={t('legalAid.result.articlesHint')}>
        <div className="citations" data-testid="legal-aid-articles">
          {citations.map((c, i) => {
            const ref = found[i];
            return ref ? (
              <BigButton
                key={c.article}
                icon="article"
                onClick={() => nav.push({ name: 'article', articleId: ref.articleId })}
              >
                {articleLabels[i]}
              </BigButton>
            ) : (
              <p key={c.article} className="la-article-words" lang="zh-CN">
                {articleLabels[i]}
              </p>
            );
          })}
        </div>
      </Section>

      <Section title={t('legalAid.result.hardship')}>
        <p className="la-hardship" data-testid="legal-aid-hardship" data-skipped={result.hardshipReview.skipped}>
          <Icon name={result.hardshipReview.skipped ? 'ok' : 'info'} className="la-hardship__icon" />
          <span>
            <strong>{texts.hardship}</strong>
            {result.hardshipReview.skipped && (
              <span className="la-hardship__why">{t(`legalAid.reasons.${result.hardshipReview.why}`)}</span>
            )}
          </span>
        </p>
      </Section>

      {result.aidFirst.possible && (
        <Section title={t('legalAid.result.aidFirst')}>
          <StatusNotice tone="info">{t('legalAid.aidFirst')}</StatusNotice>
        </Section>
      )}

      {texts.materials.length > 0 && (
        <Section title={t('legalAid.materialsTitle')}>
          <NumberedList items={texts.materials} testId="legal-aid-materials" />
        </Section>
      )}

      {texts.where !== null && (
        <Section title={t('legalAid.result.where')}>
          <p className="la-where">{texts.where}</p>
          <OfficeCard office={nearest.office} loading={nearest.status === 'loading'} health={health} />
        </Section>
      )}

      <Section title={t('legalAid.result.timeLimits')}>
        <NumberedList items={texts.timeLimits} testId="legal-aid-time-limits" />
      </Section>

      <div className="screen-actions la-actions">
        {offersApplication(result) && result.outcome === 'likely-not' && (
          <p className="la-actions__note">{t('legalAid.result.likelyNotNote')}</p>
        )}
        <FeatureLinkButton feature="videoCall" label={t('legalAid.result.videoCall')} health={health} />
        <PrintSlipButton label={t('legalAid.result.print')} build={buildSlip} health={health} />
        {offersApplication(result) && (
          <BigButton
            variant="primary"
            icon="pen"
            data-testid="legal-aid-apply-now"
            onClick={() => nav.push({ name: 'legal-aid-apply', answers })}
          >
            {t('legalAid.result.apply')}
          </BigButton>
        )}
      </div>
    </main>
  );
}
