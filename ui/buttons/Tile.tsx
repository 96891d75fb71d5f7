import { Icon, type IconName } from '../icons/Icon';
import '../components.css';

export interface TileProps {
  title: string;
  description?: string;
  icon: IconName;
  onPress(): void;
  /**
   * Set when the service behind the tile cannot be used now. The tile still
   * reacts to a tap (to explain why), so it is not `disabled`; the label says
   * it in words and the icon repeats it, colour is only a third cue.
   */
  unavailable?: { label: string; icon: IconName };
  testId?: string;
}

/**
 * A large square choice on a menu screen. The accessible name starts with the
 * title (the icon is decorative), then the description and any status.
 */
export function Tile({ title, description, icon, onPress, unavailable, testId }: TileProps) {
  return (
    <button
      type="button"
      className="tile"
      data-available={unavailable ? 'false' : 'true'}
      data-testid={testId}
      onClick={onPress}
    >
      <Icon name={icon} className="tile__icon" />
      <span className="tile__title">{title}</span>
      {description && <span className="tile__description">{description}</span>}
      {unavailable && (
        <span className="tile__status">
          <Icon name={unavailable.icon} className="tile__status-icon" />
          {unavailable.label}
        </span>
      )}
    </button>
  );
}
