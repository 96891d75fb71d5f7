import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/NavigationContext';
import { ScreenHeader } from '../shared/ScreenHeader';
import { Tile } from '../../ui/buttons/Tile';
import { DIRECTORY_CHOICES, KIND_ICON, countByChoice } from './office-view';
import { useServiceQuery } from '../app/service/use-service-query';
import '../shared/content.css';
import './directory.css';

/**
 * 机构查询, first step: what kind of office — a large tile with an icon for
 * each kind, and one for all of them, each saying how many this terminal
 * lists near it.
 */
export function DirectoryKindsScreen() {
  const { t } = useTranslation();
  const nav = useNavigation();
  const all = useServiceQuery('directory', {});
  const counts = all.status === 'ok' ? countByChoice(all.data.entries) : null;
  return (
    <main className="screen choice-screen directory-kinds" data-testid="directory">
      <ScreenHeader title={t('features.directory.title')} />
      <p className="screen__lead">{t('directory.kindsLead')}</p>
      <section className="tile-grid directory-grid" aria-label={t('features.directory.title')}>
        {DIRECTORY_CHOICES.map((choice) => {
          const hint = t(`directory.kindHints.${choice}`);
          const count =
            counts === null
              ? null
              : counts[choice] === 0
                ? t('directory.noOffice')
                : t('directory.officeCount', { count: counts[choice] });
          return (
            <Tile
              key={choice}
              testId={`directory-kind-${choice}`}
              title={t(`directory.kinds.${choice}`)}
              description={count === null ? hint : `${hint} · ${count}`}
              icon={KIND_ICON[choice]}
              onPress={() => nav.push({ name: 'directory-list', choice })}
            />
          );
        })}
      </section>
    </main>
  );
}
