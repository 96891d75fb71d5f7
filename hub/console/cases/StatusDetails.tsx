import { useTranslation } from 'react-i18next';
import type { CaseStatusWithDetails } from '../../../common/hub/cases';

/** A status's details in words, as the officer gave them (what is missing, the reason and article, the lawyer…). */
export function StatusDetails({ current }: { current: CaseStatusWithDetails }) {
  const { t } = useTranslation();
  const lines: [string, string][] = [];
  const d = current.details;
  const add = (label: string, value: string | undefined): void => {
    if (value !== undefined) lines.push([label, value]);
  };
  if ('note' in d) add(t('hubCases.change.note'), d.note);
  if ('missing' in d) add(t('hubCases.change.missing'), d.missing);
  if ('deadline' in d) add(t('hubCases.change.deadline'), d.deadline);
  if ('where' in d) add(t('hubCases.change.where'), d.where);
  if ('reason' in d) add(t('hubCases.change.reason'), d.reason);
  if ('article' in d) add(t('hubCases.change.article'), d.article);
  if ('lawyer' in d) add(t('hubCases.change.lawyer'), d.lawyer);
  if ('contactPhone' in d) add(t('hubCases.change.contactPhone'), d.contactPhone);
  if ('agreementDate' in d) add(t('hubCases.change.agreementDate'), d.agreementDate);
  if ('nextStep' in d) add(t('hubCases.change.nextStep'), t(`hubCases.nextSteps.${d.nextStep}`));
  if (lines.length === 0) return null;
  return (
    <ul className="console-plain-list">
      {lines.map(([label, value]) => (
        <li key={label}>
          {label}：{value}
        </li>
      ))}
    </ul>
  );
}
