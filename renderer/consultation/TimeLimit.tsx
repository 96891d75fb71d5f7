import { useTranslation } from 'react-i18next';
import { Icon } from '../../ui/icons/Icon';
import '../../ui/components.css';

/** A deadline beside a step: clock icon, the word "时限" and the limit — never colour alone. */
export function TimeLimit({ limit }: { limit: string }) {
  const { t } = useTranslation();
  return (
    <p className="time-limit">
      <Icon name="clock" className="time-limit__icon" />
      <strong className="time-limit__label">{t('answer.timeLimit')}</strong>
      <span className="reading">{limit}</span>
    </p>
  );
}
