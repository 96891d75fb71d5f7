import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { useNavigation } from './NavigationContext';
import { featureTarget } from './navigation';
import { HotlineCard } from '../shared/HotlineCard';
import { NoticeBanner } from './NoticeBanner';
import { SearchForm } from '../search/SearchForm';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { Tile } from '../../ui/buttons/Tile';
import { availableFeatureCount, featureState, subsystemNotices } from './service/health-view';
import { REASON_ICON } from '../shared/reason-icons';
import './shell.css';

/**
 * What this kiosk offers, in the service's order. Unavailable services stay
 * on screen with the reason in words; devices that are down are listed above
 * the tiles so nobody finds out halfway through a task.
 */
export function HomeScreen({ health }: { health: Health }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const noticesHeadingId = useId();
  const notices = subsystemNotices(health);
  const { terminal } = health;
  // Search answers from the consultation and law content: offered when either is.
  const searchable = featureState(health, 'consultation').available || featureState(health, 'lawLookup').available;

  return (
    <main className="screen home" data-testid="home">
      <header className="home__header">
        <div className="home__intro">
          <h1 className="home__title">{terminal.displayName}</h1>
          <p className="home__region">{terminal.regionName}</p>
          <p className="home__lead">
            {availableFeatureCount(health) === 0 ? t('home.leadComingSoon') : t('home.lead')}
          </p>
        </div>
        {searchable && (
          <SearchForm className="home__search" onSearch={(query) => nav.push({ name: 'search', query })} />
        )}
      </header>

      <NoticeBanner notices={health.notices} />

      {notices.length > 0 && (
        <section className="home__notices" aria-labelledby={noticesHeadingId} data-testid="home-notices">
          <h2 id={noticesHeadingId} className="home__notices-heading">
            {t('home.noticesHeading')}
          </h2>
          <div className="home__notice-list">
            {notices.map((n) => (
              <StatusNotice
                key={n.subsystem}
                tone={n.state === 'degraded' ? 'info' : 'warning'}
                detail={n.reasonKey ? t(n.reasonKey) : undefined}
              >
                {t(n.textKey)}
              </StatusNotice>
            ))}
          </div>
        </section>
      )}

      <section className="tile-grid home__grid" aria-label={t('home.services')}>
        {health.features.map((feature) => {
          const target = featureTarget(feature);
          return (
            <Tile
              key={feature.id}
              testId={`tile-${feature.id}`}
              title={t(`features.${feature.id}.title`)}
              description={t(`features.${feature.id}.description`)}
              icon={feature.id}
              unavailable={
                target.name === 'feature-unavailable'
                  ? { label: t(`featureUnavailable.${target.reason}.badge`), icon: REASON_ICON[target.reason] }
                  : undefined
              }
              onPress={() => nav.push(target)}
            />
          );
        })}
        <HotlineCard number={terminal.hotlines.publicLegalService} local={terminal.hotlines.local} />
      </section>
    </main>
  );
}
