import { useTranslation } from 'react-i18next';
import type { TerminalInfo } from '../../common/api/health';
import { Icon } from '../../ui/icons/Icon';
import '../../ui/components.css';

export interface HotlineCardProps {
  /** The public legal-service number, normally 12348. */
  number: string;
  /** The terminal's local numbers (legal-aid centre …), if any. */
  local?: TerminalInfo['hotlines']['local'];
  /** `compact` fits a grid cell; `large` stands alone on a screen. */
  size?: 'compact' | 'large';
}

/** The way to a person when the kiosk cannot help: shown, not dialled (the kiosk has no phone). */
export function HotlineCard({ number, local = [], size = 'compact' }: HotlineCardProps) {
  const { t } = useTranslation();
  return (
    <section className={`hotline hotline--${size}`} aria-label={t('hotline.title')} data-testid="hotline">
      <p className="hotline__title">
        <Icon name="phone" className="hotline__icon" />
        {t('hotline.title')}
      </p>
      <p className="hotline__number">{number}</p>
      <p className="hotline__label">{t('hotline.publicLegalService')}</p>
      {local.length > 0 && (
        <ul className="hotline__local">
          {local.map((h) => (
            <li key={`${h.name}-${h.number}`}>
              <span className="hotline__local-name">{h.name}</span>{' '}
              <span className="hotline__local-number">{h.number}</span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
