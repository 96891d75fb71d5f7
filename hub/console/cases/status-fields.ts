import { CaseStatusWithDetails, type CaseStatus } from '../../../common/hub/cases';
import type { hubCasesZhCN } from '../../../common/i18n/sections/hub-cases';

type ChangeKey = `hubCases.change.${keyof typeof hubCasesZhCN.change}`;

/** One detail a status asks for, as the form shows it. */
export interface StatusField {
  name: string;
  /** Its label's catalogue key. */
  label: ChangeKey;
  kind: 'text' | 'date' | 'next-step';
  required: boolean;
  max?: number;
  hint?: ChangeKey;
}

const note: StatusField = { name: 'note', label: 'hubCases.change.note', kind: 'text', required: false, max: 200 };

/** The details each status asks for: the shapes of CaseStatusDetails (common/hub/cases.ts), field by field. */
export const STATUS_FIELDS: Readonly<Record<CaseStatus, readonly StatusField[]>> = {
  new: [],
  accepted: [note],
  'needs-materials': [
    {
      name: 'missing',
      label: 'hubCases.change.missing',
      kind: 'text',
      required: true,
      max: 200,
      hint: 'hubCases.change.missingHint',
    },
    { name: 'deadline', label: 'hubCases.change.deadline', kind: 'date', required: false },
    { name: 'where', label: 'hubCases.change.where', kind: 'text', required: false, max: 200 },
  ],
  refused: [
    { name: 'reason', label: 'hubCases.change.reason', kind: 'text', required: true, max: 300 },
    {
      name: 'article',
      label: 'hubCases.change.article',
      kind: 'text',
      required: true,
      max: 100,
      hint: 'hubCases.change.articleHint',
    },
  ],
  'lawyer-assigned': [
    { name: 'lawyer', label: 'hubCases.change.lawyer', kind: 'text', required: true, max: 100 },
    { name: 'contactPhone', label: 'hubCases.change.contactPhone', kind: 'text', required: false, max: 30 },
  ],
  closed: [note],
  mediating: [note],
  settled: [{ name: 'agreementDate', label: 'hubCases.change.agreementDate', kind: 'date', required: true }],
  'not-settled': [{ name: 'nextStep', label: 'hubCases.change.nextStep', kind: 'next-step', required: true }, note],
};

/** The status with the details the form holds: blanks left out, text trimmed; parsed as the hub will. */
export function detailsFor(status: CaseStatus, values: Record<string, string | undefined>): CaseStatusWithDetails {
  const details: Record<string, string> = {};
  for (const f of STATUS_FIELDS[status]) {
    const value = values[f.name]?.trim();
    if (value !== undefined && value !== '') details[f.name] = value;
  }
  return CaseStatusWithDetails.parse({ status, details });
}
