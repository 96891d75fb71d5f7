import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { err, ok, type Result } from '../../common/result';
import { useNavigation } from '../app/NavigationContext';
import { BigButton } from '../../ui/buttons/BigButton';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { formatPrintedAt } from '../shared/dates';
import { calculationReceipt } from './calculation-receipt';
import {
  type AnyCalculation,
  type CalculatorDraft,
  type CalculatorId,
  type CalculatorInput,
  parseDraft,
  runCalculator,
} from './forms';
import {
  type CitedArticle,
  type LooseT,
  citedArticles,
  citedDocuments,
  describeCalculation,
  describeInputs,
  valueFormat,
} from './step-text';
import { useLanguage } from '../../ui/i18n/use-language';
import { PrintSlipButton } from '../print/PrintSlipButton';
import { citationLabel, jobTitle } from '../print/receipt-builder';
import { hotlineNumber } from '../app/service/health-view';
import { useServiceQuery } from '../app/service/use-service-query';
import { useCountOnce } from '../app/session/SessionUse';
import { Section } from '../../ui/answer/AnswerBlocks';
import '../shared/content.css';
import '../flow/flows.css';
import './calculators.css';

/** The answers and the sum made of them, or why there is none: the screen says the same calm words for both. */
type Outcome = Result<{ input: CalculatorInput; calc: AnyCalculation }, 'draft-invalid' | 'out-of-range'>;

function calculate(draft: CalculatorDraft): Outcome {
  const parsed = parseDraft(draft);
  if (!parsed.ok) return err('draft-invalid');
  try {
    return ok({ input: parsed.value, calc: runCalculator(parsed.value) });
  } catch (error) {
    // The form checks what the calculators check; a case it missed is said calmly, not thrown.
    if (error instanceof RangeError) return err('out-of-range');
    throw error;
  }
}

/**
 * The estimate: the figure in large type (and in capitals), that it is an
 * estimate, what was entered, each step of the sum in words with its numbers
 * and provisions, the notes, and the articles it rests on as buttons to
 * their text when this kiosk ships them. Recomputed from the draft in the
 * navigation stack, so it is the same after a look at an article.
 */
export function CalculatorResultScreen({ draft, health }: { draft: CalculatorDraft; health: Health }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const outcome = useMemo(() => calculate(draft), [draft]);
  const calculator = draft.calculator;
  // Usage figures: a calculator used, once a session each (added by 调解申请's usage work).
  useCountOnce('calculator', outcome.ok ? calculator : null);
  return (
    <main className="screen calculator-result" data-testid="calculator-result" data-calculator={calculator}>
      <ScreenHeader title={t(`calculators.names.${calculator}.title`)} />
      {outcome.ok ? (
        <Estimate calculator={calculator} value={outcome.value.input} calc={outcome.value.calc} health={health} />
      ) : (
        <>
          <StatusNotice tone="warning">{t('calculators.errors.date-invalid')}</StatusNotice>
          <div className="screen-actions">
            <BigButton icon="back" onClick={nav.back}>
              {t('calculators.result.change')}
            </BigButton>
          </div>
        </>
      )}
    </main>
  );
}

function Estimate({
  calculator,
  value,
  calc,
  health,
}: {
  calculator: CalculatorId;
  value: CalculatorInput;
  calc: AnyCalculation;
  health: Health;
}) {
  const { t: typedT } = useTranslation();
  const t = typedT as unknown as LooseT;
  const nav = useNavigation();
  const language = useLanguage();
  const format = useMemo(() => valueFormat(t, language), [t, language]);
  const described = useMemo(() => describeCalculation(calculator, calc, t, format), [calculator, calc, t, format]);
  const inputs = useMemo(() => describeInputs(value, t, format), [value, t, format]);
  const articles = useMemo(() => citedArticles(calc), [calc]);
  const documents = useMemo(() => citedDocuments(calc), [calc]);

  const build = (printedAt: Date) => ({
    title: jobTitle(`${t('calculators.title')} ${t(`calculators.names.${calculator}.title`)}`),
    receipt: calculationReceipt(
      {
        name: t(`calculators.names.${calculator}.title`),
        amount: described.amount,
        capitals: described.capitals,
        inputs,
        steps: described.steps,
        notes: described.notes,
        cites: [...articles.map(citationLabel), ...documents],
        disclaimer: t('calculators.disclaimer'),
      },
      {
        terminalName: health.terminal.displayName,
        printedAt: formatPrintedAt(printedAt, language),
        hotline: hotlineNumber(health),
        labels: {
          title: t('calculators.receipt.title'),
          amount: t('calculators.receipt.amount'),
          inputs: t('calculators.receipt.inputs'),
          steps: t('calculators.receipt.steps'),
          notes: t('calculators.receipt.notes'),
          cites: t('calculators.receipt.cites'),
          terminal: t('print.receipt.terminal'),
          printedAt: t('print.receipt.printedAt'),
          hotline: t('print.receipt.hotline'),
        },
      },
    ),
  });

  return (
    <>
      <section className="reference-display calc-figure" aria-label={t('calculators.result.lead')}>
        <p className="calc-figure__lead">{t('calculators.result.lead')}</p>
        <p className="calc-figure__amount" data-testid="calc-amount">
          {described.amount}
        </p>
        <p className="calc-figure__capitals" lang="zh-CN">
          {described.capitals}
        </p>
      </section>
      <div data-testid="calc-disclaimer">
        <StatusNotice tone="info">{t('calculators.disclaimer')}</StatusNotice>
      </div>
      <Section title={t('calculators.result.steps')}>
        <ol className="steps calc-steps" data-testid="calc-steps">
          {described.steps.map((s, i) => (
            <li key={i} className="steps__item">
              <span className="steps__number" aria-hidden="true">
                {i + 1}
              </span>
              <div className="steps__body">
                <p className="steps__text reading">{s.text}</p>
                {s.basis !== '' && <p className="calc-steps__basis">{s.basis}</p>}
              </div>
            </li>
          ))}
        </ol>
      </Section>
      {described.notes.length > 0 && (
        <Section title={t('calculators.result.notes')}>
          <ul className="calc-notes" data-testid="calc-notes">
            {described.notes.map((n, i) => (
              <li key={i} className="reading">
                {n}
              </li>
            ))}
          </ul>
        </Section>
      )}
      <Section title={t('calculators.result.inputs')}>
        <ul className="calc-inputs">
          {inputs.map(({ label, value: v }) => (
            <li key={label}>
              <span className="calc-inputs__label">{label}</span>
              <span className="calc-inputs__value">{v}</span>
            </li>
          ))}
        </ul>
      </Section>
      <CitedArticles articles={articles} documents={documents} />
      <div className="screen-actions">
        <BigButton icon="back" data-testid="calc-change" onClick={nav.back}>
          {t('calculators.result.change')}
        </BigButton>
        <PrintSlipButton label={t('calculators.result.print')} build={build} health={health} />
      </div>
    </>
  );
}

/** The articles the figure rests on: a button to each one this kiosk ships; the others, and documents, in words. */
function CitedArticles({ articles, documents }: { articles: readonly CitedArticle[]; documents: readonly string[] }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const refs = useServiceQuery(
    'articlesByCitation',
    { citations: articles.length > 0 ? [...articles] : [{ lawShort: '-', article: '-' }] },
    { enabled: articles.length > 0 },
  );
  if (articles.length === 0 && documents.length === 0) return null;
  const noArticles = { status: 'ok' as const, data: { articles: [] }, retry: () => undefined };
  return (
    <Section title={t('calculators.result.cites')} hint={t('calculators.result.citesHint')}>
      <QueryView query={articles.length === 0 ? noArticles : refs}>
        {({ articles: found }) => (
          <>
            <div className="citations" data-testid="calc-cites">
              {found.map((ref) =>
                ref === null ? null : (
                  <BigButton
                    key={ref.articleId}
                    icon="article"
                    onClick={() => nav.push({ name: 'article', articleId: ref.articleId })}
                  >
                    {citationLabel(ref)}
                  </BigButton>
                ),
              )}
            </div>
            {(found.some((r) => r === null) || documents.length > 0) && (
              <ul className="calc-notes calc-notes--cites">
                {articles.map((a, i) =>
                  found[i] === null ? (
                    <li key={`${a.lawShort} ${a.article}`}>
                      {citationLabel(a)}（{t('calculators.result.notShipped')}）
                    </li>
                  ) : null,
                )}
                {documents.map((d) => (
                  <li key={d}>{d}</li>
                ))}
              </ul>
            )}
          </>
        )}
      </QueryView>
    </Section>
  );
}
