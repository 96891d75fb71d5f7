import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { useNavigation } from '../app/NavigationContext';
import { ListButton } from '../../ui/buttons/ListButton';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { useServiceQuery } from '../app/service/use-service-query';
import { TakeAwayQr } from '../shared/TakeAwayQr';
import { useCountOnce } from '../app/session/SessionUse';
import { PrintButton } from '../print/PrintSlipButton';
import { AnswerText, Section, StepList } from '../../ui/answer/AnswerBlocks';
import { Citations, FeatureLinkButton } from './AnswerSections';
import '../flow/flows.css';
import '../shared/content.css';

/**
 * The answer to one question: the question as the heading, the plain answer
 * in large type, what to do next (time limits marked), the law it rests on,
 * related questions, and where to go from here — a lawyer, legal aid, paper.
 */
export function AnswerScreen({ faqId, health }: { faqId: string; health: Health }) {
  const { t } = useTranslation();
  const faq = useServiceQuery('faq', { id: faqId });
  // Usage figures: an answer opened (once a session), by its topic — a code, never anything the citizen typed.
  useCountOnce('consultation', faq.status === 'ok' ? faq.data.topicId : null, `answer:${faqId}`);
  return (
    <main className="screen answer" data-testid="answer">
      {faq.status === 'ok' ? (
        <ScreenHeader title={faq.data.question} />
      ) : (
        <ScreenHeader title={t('features.consultation.title')} />
      )}
      <QueryView query={faq}>
        {(answer) => (
          <>
            <div className="answer__body" lang="zh-CN">
              <AnswerText>{answer.answer}</AnswerText>
              {answer.nextSteps.length > 0 && (
                <Section title={t('answer.nextSteps')}>
                  <StepList steps={answer.nextSteps} />
                </Section>
              )}
            </div>
            <Citations cites={answer.cites} />
            {answer.related.length > 0 && <Related related={answer.related} />}
            <Section title={t('answer.moreHelp')}>
              <div className="action-row">
                <FeatureLinkButton feature="videoCall" label={t('answer.videoCall')} health={health} />
                <FeatureLinkButton feature="legalAid" label={t('answer.legalAid')} health={health} />
              </div>
            </Section>
            <p className="disclaimer">{t('answer.disclaimer')}</p>
            <TakeAwayQr
              subject={{
                kind: 'answer',
                id: answer.id,
                question: answer.question,
                answer: answer.answer,
                cites: answer.cites,
              }}
              hubUrl={health.terminal.hubUrl}
            />
            <div className="screen-actions">
              <PrintButton source={{ kind: 'answer', faqId: answer.id }} label={t('answer.print')} health={health} />
            </div>
          </>
        )}
      </QueryView>
    </main>
  );
}

function Related({ related }: { related: readonly { id: string; question: string }[] }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <Section title={t('answer.related')}>
      <ul className="choice-list">
        {related.map((r) => (
          <li key={r.id}>
            <ListButton onPress={() => nav.push({ name: 'answer', faqId: r.id })}>
              <span lang="zh-CN">{r.question}</span>
            </ListButton>
          </li>
        ))}
      </ul>
    </Section>
  );
}
