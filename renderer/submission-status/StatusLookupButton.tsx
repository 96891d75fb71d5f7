import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/NavigationContext';
import { ListButton } from '../../ui/buttons/ListButton';

/**
 * "查询办理进度": the way to the status lookup, for any service's start
 * screen (mediation, legal aid…). Drop it in where the citizen might come
 * back with a receipt.
 */
export function StatusLookupButton() {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <ListButton
      icon="search"
      testId="status-lookup"
      detail={t('submissionStatus.buttonHint')}
      onPress={() => nav.push({ name: 'submission-status' })}
    >
      {t('submissionStatus.button')}
    </ListButton>
  );
}
