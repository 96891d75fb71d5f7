import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/NavigationContext';
import { ListButton } from '../../ui/buttons/ListButton';
import { ScreenHeader } from '../shared/ScreenHeader';
import { CALCULATORS } from './forms';
import '../shared/content.css';
import '../flow/flows.css';
import './calculators.css';

/** 算一算: the four calculators, each a large choice with what it is for. */
export function CalculatorsScreen() {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <main className="screen calculators" data-testid="calculators">
      <ScreenHeader title={t('calculators.title')} />
      <p className="screen__lead">{t('calculators.menuLead')}</p>
      <ul className="choice-list">
        {CALCULATORS.map((id) => (
          <li key={id}>
            <ListButton
              icon="calculator"
              testId={`calculator-${id}`}
              detail={t(`calculators.names.${id}.description`)}
              onPress={() => nav.push({ name: 'calculator', calculator: id })}
            >
              {t(`calculators.names.${id}.title`)}
            </ListButton>
          </li>
        ))}
      </ul>
      <p className="disclaimer">{t('calculators.disclaimer')}</p>
    </main>
  );
}
