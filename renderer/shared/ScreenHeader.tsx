import { useTranslation } from 'react-i18next';
import { displayWidth } from '../../common/receipt/display-width';
import { useNavigation } from '../app/NavigationContext';
import { Icon } from '../../ui/icons/Icon';
import '../../ui/components.css';

export interface ScreenHeaderProps {
  /** The screen's heading (rendered as its h1). */
  title: string;
  /** What "返回" does when a screen has steps of its own (a form: the previous item); default: the previous screen. */
  onBack?(): void;
}

/** Titles wider than this many columns (a Han character is 2) — a question, a law's name — are set a size smaller so they wrap less. */
const LONG_TITLE_COLUMNS = 20;

/**
 * The top of every screen but home: "返回" on the left, the title, "首页" on
 * the right. Both buttons carry a word and an icon and are at least 64 px.
 */
export function ScreenHeader({ title, onBack }: ScreenHeaderProps) {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <header className="screen-header">
      <div className="screen-header__side">
        {(nav.canGoBack || onBack !== undefined) && (
          <button
            type="button"
            className="button button--large nav-button"
            data-testid="nav-back"
            onClick={onBack ?? nav.back}
          >
            <Icon name="back" className="button__icon" />
            <span>{t('nav.back')}</span>
          </button>
        )}
      </div>
      <h1
        className={
          displayWidth(title) > LONG_TITLE_COLUMNS
            ? 'screen-header__title screen-header__title--long'
            : 'screen-header__title'
        }
      >
        {title}
      </h1>
      <div className="screen-header__side screen-header__side--end">
        {nav.current.name !== 'home' && (
          <button type="button" className="button button--large nav-button" data-testid="nav-home" onClick={nav.home}>
            <Icon name="home" className="button__icon" />
            <span>{t('nav.home')}</span>
          </button>
        )}
      </div>
    </header>
  );
}
