import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../common/api/directory';
import type { Health } from '../../common/api/health';
import { useNavigation } from '../app/NavigationContext';
import { Icon } from '../../ui/icons/Icon';
import { QueryView } from '../shared/QueryView';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { type DirectoryChoice, directoryRequest } from './office-view';
import { hotlineNumber } from '../app/service/health-view';
import { useServiceQuery } from '../app/service/use-service-query';
import { OfficeBadges } from './OfficeBadges';
import '../shared/content.css';
import './directory.css';

/**
 * The offices of one kind (or all), nearest first as the service orders
 * them: each card says where it serves, whether it is sample data, its
 * address, hours, phone in large type and what it does. A tap opens it.
 */
export function DirectoryListScreen({ choice, health }: { choice: DirectoryChoice; health: Health }) {
  const { t } = useTranslation();
  const offices = useServiceQuery('directory', directoryRequest(choice));
  return (
    <main className="screen directory-list" data-testid="directory-list">
      <ScreenHeader title={t(`directory.kinds.${choice}`)} />
      <QueryView query={offices}>
        {({ regionCode, entries }) =>
          entries.length === 0 ? (
            <StatusNotice tone="info" detail={t('directory.noneDetail', { number: hotlineNumber(health) })}>
              {t('directory.none')}
            </StatusNotice>
          ) : (
            <>
              <p className="screen__lead">{t('directory.listLead')}</p>
              <ul className="office-list">
                {entries.map((entry) => (
                  <li key={entry.id}>
                    <OfficeCard entry={entry} choice={choice} regionCode={regionCode} />
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

function OfficeCard({
  entry,
  choice,
  regionCode,
}: {
  entry: DirectoryEntry;
  choice: DirectoryChoice;
  regionCode: string;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <button
      type="button"
      className="button button--list button--raised list-button office-card"
      data-testid={`office-${entry.id}`}
      data-demo={entry.demo}
      onClick={() => nav.push({ name: 'directory-office', choice, officeId: entry.id })}
    >
      <span className="office-card__body">
        <span className="office-card__name" lang="zh-CN">
          {entry.name}
        </span>
        <OfficeBadges entry={entry} regionCode={regionCode} showKind={choice === 'all'} />
        <span className="office-card__line" lang="zh-CN">
          <Icon name="directory" className="office-card__icon" />
          <span className="visually-hidden">{t('directory.address')}</span>
          {entry.address}
        </span>
        <span className="office-card__line" lang="zh-CN">
          <Icon name="clock" className="office-card__icon" />
          <span className="visually-hidden">{t('directory.hours')}</span>
          {entry.hours ?? t('directory.noHours')}
        </span>
        <span className="office-card__phone" data-testid="office-phone">
          <Icon name="phone" className="office-card__icon" />
          <span className="visually-hidden">{t('directory.phone')}</span>
          {entry.phone ?? t('directory.noPhone')}
        </span>
        {entry.services.length > 0 && (
          <span className="office-chips" lang="zh-CN">
            <span className="visually-hidden">{t('directory.services')}</span>
            {entry.services.map((s) => (
              <span key={s} className="office-chip">
                {s}
              </span>
            ))}
          </span>
        )}
      </span>
      <Icon name="forward" className="button__icon" />
    </button>
  );
}
