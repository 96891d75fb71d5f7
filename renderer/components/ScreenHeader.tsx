import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/NavigationContext';
import { Icon } from './Icon';
import './components.css';

export interface ScreenHeaderProps {
  /** The screen's heading (rendered as its h1). */
  title: string;
}

/**
 * The top of every screen but home: "返回" on the left, the title, "首页" on
 * the right. Both buttons carry a word and an icon and are at least 64 px.
 */
export function ScreenHeader({ title }: ScreenHeaderProps) {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <header className="screen-header">
      <div className="screen-header__side">
        {nav.canGoBack && (
          <button type="button" className="nav-button" data-testid="nav-back" onClick={nav.back}>
            <Icon name="back" className="nav-button__icon" />
            <span>{t('nav.back')}</span>
          </button>
        )}
      </div>
      <h1 className="screen-header__title">{title}</h1>
      <div className="screen-header__side screen-header__side--end">
        {nav.current.name !== 'home' && (
          <button type="button" className="nav-button" data-testid="nav-home" onClick={nav.home}>
            <Icon name="home" className="nav-button__icon" />
            <span>{t('nav.home')}</span>
          </button>
        )}
      </div>
    </header>
  );
}
