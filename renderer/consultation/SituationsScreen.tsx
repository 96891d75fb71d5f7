import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/NavigationContext';
import { ListButton } from '../../ui/buttons/ListButton';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { situationScreen } from './consultation';
import { pickLanguage, useLanguage } from '../../ui/i18n/use-language';
import { useApi } from '../app/service/ServiceContext';
import { useServiceQuery } from '../app/service/use-service-query';
import '../shared/content.css';

/**
 * 智能咨询, second step: which situation. A situation with exactly one
 * question goes straight to its answer — no list of one to tap through.
 */
export function SituationsScreen({ topicId }: { topicId: string }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const api = useApi();
  const language = useLanguage();
  const topics = useServiceQuery('topics', undefined);
  const opening = useRef(false);

  const open = async (situationId: string, faqCount: number): Promise<void> => {
    if (faqCount !== 1) {
      nav.push({ name: 'questions', situationId });
      return;
    }
    // A second tap while the first is on its way must not open two screens.
    if (opening.current) return;
    opening.current = true;
    try {
      const { items } = await api.call('faqList', { topicId: situationId });
      nav.push(situationScreen(situationId, items));
    } catch {
      // The list screen has its own "try again".
      nav.push(situationScreen(situationId, null));
    } finally {
      opening.current = false;
    }
  };

  const topic = topics.status === 'ok' ? topics.data.topics.find((x) => x.id === topicId) : undefined;
  return (
    <main className="screen choice-screen" data-testid="situations">
      <ScreenHeader title={topic ? pickLanguage(topic.title, language) : t('features.consultation.title')} />
      <QueryView query={topics}>
        {() =>
          topic ? (
            <>
              <p className="screen__lead">{t('consultation.situationsLead')}</p>
              <ul className="choice-list">
                {topic.situations.map((s) => (
                  <li key={s.id}>
                    <ListButton testId={`situation-${s.id}`} onPress={() => void open(s.id, s.faqCount)}>
                      {pickLanguage(s.title, language)}
                    </ListButton>
                  </li>
                ))}
              </ul>
            </>
          ) : (
            <StatusNotice tone="warning">{t('load.notFound')}</StatusNotice>
          )
        }
      </QueryView>
    </main>
  );
}
