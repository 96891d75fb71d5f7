import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/NavigationContext';
import { ListButton } from '../../ui/buttons/ListButton';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { formatLegalDate } from '../shared/dates';
import { useLanguage } from '../../ui/i18n/use-language';
import { useServiceQuery } from '../app/service/use-service-query';
import '../shared/content.css';

/** 法规查询, second step: the laws of one kind, each with its version date. */
export function LawListScreen({ category }: { category: string }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const language = useLanguage();
  const laws = useServiceQuery('laws', undefined);
  return (
    <main className="screen choice-screen" data-testid="law-list">
      <ScreenHeader title={category} />
      <QueryView query={laws}>
        {({ categories }) => {
          const found = categories.find((c) => c.name === category);
          if (!found) return <StatusNotice tone="warning">{t('load.notFound')}</StatusNotice>;
          return (
            <>
              <p className="screen__lead">{t('laws.lawListLead')}</p>
              <ul className="choice-list">
                {found.laws.map((law) => (
                  <li key={law.id}>
                    <ListButton
                      icon="article"
                      testId={`law-${law.id}`}
                      detail={`${t('article.versionDate', { date: formatLegalDate(law.versionDate, language) })} · ${t('laws.articleCount', { count: law.articleCount })}`}
                      onPress={() => nav.push({ name: 'law-reader', lawId: law.id })}
                    >
                      <span lang="zh-CN">{law.title}</span>
                    </ListButton>
                  </li>
                ))}
              </ul>
            </>
          );
        }}
      </QueryView>
    </main>
  );
}
