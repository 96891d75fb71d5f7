import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/NavigationContext';
import { BigButton } from '../../ui/buttons/BigButton';
import { contentIcon } from '../../ui/icons/Icon';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { Tile } from '../../ui/buttons/Tile';
import { pickLanguage, useLanguage } from '../../ui/i18n/use-language';
import { useServiceQuery } from '../app/service/use-service-query';
import '../shared/content.css';

/** 智能咨询, first step: what kind of problem — large tiles with an icon each. */
export function TopicsScreen() {
  const { t } = useTranslation();
  const nav = useNavigation();
  const language = useLanguage();
  const topics = useServiceQuery('topics', undefined);
  return (
    <main className="screen choice-screen" data-testid="topics">
      <ScreenHeader title={t('features.consultation.title')} />
      <p className="screen__lead">{t('consultation.topicsLead')}</p>
      <QueryView query={topics}>
        {({ topics: list }) => (
          <section className="tile-grid topic-grid" aria-label={t('features.consultation.title')}>
            {list.map((topic) => (
              <Tile
                key={topic.id}
                testId={`topic-${topic.id}`}
                title={pickLanguage(topic.title, language)}
                icon={contentIcon(topic.icon)}
                onPress={() => nav.push({ name: 'situations', topicId: topic.id })}
              />
            ))}
          </section>
        )}
      </QueryView>
      {/* 算一算: the calculators, for the sums labour and court questions lead to. */}
      <BigButton icon="calculator" data-testid="open-calculators" onClick={() => nav.push({ name: 'calculators' })}>
        {t('calculators.openFromTopics')}
      </BigButton>
    </main>
  );
}
