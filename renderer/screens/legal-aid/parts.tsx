import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../../common/api/directory';
import type { Health } from '../../../common/api/health';
import { useNavigation } from '../../app/NavigationContext';
import { Icon, type IconName } from '../../components/Icon';
import { ListButton } from '../../components/ListButton';
import { Loading } from '../../components/QueryView';
import { hotlineNumber } from '../../service/health-view';
import { useServiceQuery } from '../../service/use-service-query';
import '../../styles/flows.css';
import './legal-aid.css';

/**
 * One answer to a question: a full-width button, an icon beside the words.
 * A choice that answers at once leads on (arrow); one of several that can be
 * picked together toggles, and says so in words and a tick, not colour alone.
 */
export function ChoiceButton({
  icon,
  children,
  onPress,
  pressed,
  testId,
}: {
  icon: IconName;
  children: ReactNode;
  onPress(): void;
  /** Set for a choice of several: whether it is picked. */
  pressed?: boolean;
  testId?: string;
}) {
  const { t } = useTranslation();
  if (pressed === undefined) {
    return (
      <ListButton icon={icon} testId={testId} onPress={onPress}>
        {children}
      </ListButton>
    );
  }
  return (
    <button
      type="button"
      className="button button--list button--raised list-button la-toggle"
      aria-pressed={pressed}
      data-testid={testId}
      onClick={onPress}
    >
      <Icon name={icon} className="button__icon" />
      <span className="la-toggle__label">{children}</span>
      <span className="la-toggle__mark" aria-hidden="true">
        {pressed ? <Icon name="ok" className="la-toggle__tick" /> : <span className="la-toggle__box" />}
        {pressed && <span className="la-toggle__picked">{t('legalAid.ask.selected')}</span>}
      </span>
    </button>
  );
}

/** The nearest legal-aid centre (the directory lists the terminal's region first), or null when the release has none. */
export function useNearestLegalAidOffice() {
  const query = useServiceQuery('directory', { kind: 'legal-aid-centre' });
  const office = query.status === 'ok' ? (query.data.entries[0] ?? null) : null;
  return { status: query.status, office };
}

/** Name, address, phone and hours of an office, with a way to its page in 机构查询 (map code, print) where that is offered. */
export function OfficeCard({
  office,
  loading,
  health,
  linkToDirectory = true,
}: {
  office: DirectoryEntry | null;
  loading: boolean;
  health: Health;
  linkToDirectory?: boolean;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  if (loading) return <Loading />;
  if (office === null) {
    return <p className="la-office__none">{t('legalAidScreens.office.none', { hotline: hotlineNumber(health) })}</p>;
  }
  const directoryOpen = health.features.some((f) => f.id === 'directory' && f.available);
  return (
    <div className="la-office" data-testid="legal-aid-office">
      <p className="la-office__name" lang="zh-CN">
        <Icon name="building" className="la-office__icon" />
        <span>{office.name}</span>
      </p>
      {office.demo && (
        <p className="la-office__demo">
          <Icon name="warning" className="la-office__demo-icon" />
          <span>{t('legalAidScreens.office.demo')}</span>
        </p>
      )}
      <dl className="la-office__details">
        <div>
          <dt>{t('legalAidScreens.office.address')}</dt>
          <dd lang="zh-CN">{office.address}</dd>
        </div>
        {office.phone !== null && (
          <div>
            <dt>{t('legalAidScreens.office.phone')}</dt>
            <dd className="la-office__phone">{office.phone}</dd>
          </div>
        )}
        {office.hours !== null && (
          <div>
            <dt>{t('legalAidScreens.office.hours')}</dt>
            <dd lang="zh-CN">{office.hours}</dd>
          </div>
        )}
      </dl>
      {linkToDirectory && directoryOpen && (
        <ListButton
          icon="directory"
          testId="legal-aid-office-more"
          onPress={() => nav.push({ name: 'directory-office', choice: 'legal-aid-centre', officeId: office.id })}
        >
          {t('legalAidScreens.office.more')}
        </ListButton>
      )}
    </div>
  );
}

/** Numbered sentences with a marker each (materials, time limits, next steps). */
export function NumberedList({ items, testId }: { items: readonly string[]; testId?: string }) {
  return (
    <ol className="plain-list la-list" data-testid={testId}>
      {items.map((item, i) => (
        <li key={i} className="la-list__item">
          <span className="la-list__number" aria-hidden="true">
            {i + 1}
          </span>
          <span>{item}</span>
        </li>
      ))}
    </ol>
  );
}
