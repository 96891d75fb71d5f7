import { useTranslation } from 'react-i18next';
import { useNavigation } from '../app/NavigationContext';
import { ListButton } from '../../ui/buttons/ListButton';

/** "查询申请进度": the way to 查询进度, on the legal-aid and mediation start screens, where a citizen comes back with a receipt. */
export function CaseStatusButton() {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <ListButton
      icon="search"
      testId="case-status-lookup"
      detail={t('caseStatus.buttonHint')}
      onPress={() => nav.push({ name: 'case-status' })}
    >
      {t('caseStatus.button')}
    </ListButton>
  );
}
