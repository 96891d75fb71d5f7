import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/NavigationContext';
import { ListButton } from '../../ui/buttons/ListButton';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { useServiceQuery } from '../app/service/use-service-query';
import '../shared/content.css';

/** 法规查询, first step: the kind of law (社会法, 民法典, 司法解释 …). */
export function LawCategoriesScreen() {
  const { t } = useTranslation();
  const nav = useNavigation();
  const laws = useServiceQuery('laws', undefined);
  return (
    <main className="screen choice-screen" data-testid="law-categories">
      <ScreenHeader title={t('features.lawLookup.title')} />
      <p className="screen__lead">{t('laws.categoriesLead')}</p>
      <QueryView query={laws}>
        {({ categories }) => (
          <ul className="choice-list choice-list--grid">
            {categories.map((c) => (
              <li key={c.name}>
                <ListButton
                  icon="lawLookup"
                  testId={`category-${c.name}`}
                  detail={t('laws.lawCount', { count: c.laws.length })}
                  onPress={() => nav.push({ name: 'law-list', category: c.name })}
                >
                  <span lang="zh-CN">{c.name}</span>
                </ListButton>
              </li>
            ))}
          </ul>
        )}
      </QueryView>
    </main>
  );
}
