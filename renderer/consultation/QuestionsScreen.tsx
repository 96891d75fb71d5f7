import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { useNavigation } from '../app/NavigationContext';
import { HotlineCard } from '../shared/HotlineCard';
import { ListButton } from '../../ui/buttons/ListButton';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { pickLanguage, useLanguage } from '../../ui/i18n/use-language';
import { useServiceQuery } from '../app/service/use-service-query';
import '../shared/content.css';

/** 智能咨询, third step: the questions people ask in this situation. */
export function QuestionsScreen({ situationId, health }: { situationId: string; health: Health }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const language = useLanguage();
  const topics = useServiceQuery('topics', undefined);
  const questions = useServiceQuery('faqList', { topicId: situationId });

  const situation =
    topics.status === 'ok'
      ? topics.data.topics.flatMap((topic) => topic.situations).find((s) => s.id === situationId)
      : undefined;
  const { hotlines } = health.terminal;
  return (
    <main className="screen choice-screen" data-testid="questions">
      <ScreenHeader title={situation ? pickLanguage(situation.title, language) : t('features.consultation.title')} />
      <QueryView query={questions}>
        {({ items }) =>
          items.length === 0 ? (
            <div className="screen__content">
              <StatusNotice tone="info">{t('consultation.noQuestions')}</StatusNotice>
              <HotlineCard size="large" number={hotlines.publicLegalService} local={hotlines.local} />
            </div>
          ) : (
            <>
              <p className="screen__lead">{t('consultation.questionsLead')}</p>
              <ul className="choice-list">
                {items.map((q) => (
                  <li key={q.id}>
                    <ListButton testId={`question-${q.id}`} onPress={() => nav.push({ name: 'answer', faqId: q.id })}>
                      <span lang="zh-CN">{q.question}</span>
                    </ListButton>
                  </li>
                ))}
              </ul>
            </>
          )
        }
      </QueryView>
    </main>
  );
}
