import { SEX_LABEL_ZH, type IdCard } from '../idcard/card';
import { fieldGroup, type Template } from './template';

/**
 * Answers taken from the citizen's ID card, for the fields of one party
 * (`applicant`, `borrower`…) whose `prefill` names a card field. The citizen
 * sees and can change every one before anything is printed. Only the group
 * the citizen chose is filled: reading one card must never fill the other
 * party's name.
 */
export function prefillValues(template: Pick<Template, 'fields'>, card: IdCard, group: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const field of template.fields) {
    if (field.prefill === undefined || fieldGroup(field.id) !== group) continue;
    let value: string | null;
    switch (field.prefill) {
      case 'name':
        value = card.name.trim() === '' ? null : card.name;
        break;
      case 'idNumber':
        value = card.idNumber;
        break;
      case 'address':
        value = card.address;
        break;
      case 'birthDate':
        value = card.birthDate;
        break;
      case 'sex':
        value = card.sex === 'male' || card.sex === 'female' ? SEX_LABEL_ZH[card.sex] : null;
        break;
      case 'nation':
        value = nationForDocument(card.nation);
        break;
    }
    if (value === null) continue;
    // A choice takes only one of its options.
    if (field.kind === 'choice' && !field.options.includes(value)) continue;
    out[field.id] = value;
  }
  return out;
}

/** Groups that have fields filled from a card, in the order they first appear: the parties a card can be read for. */
export function prefillGroups(template: Pick<Template, 'fields'>): string[] {
  return [...new Set(template.fields.filter((f) => f.prefill !== undefined).map((f) => fieldGroup(f.id)))];
}

/** The card prints 汉, 蒙古; documents write 汉族, 蒙古族. */
function nationForDocument(nation: string | null): string | null {
  if (nation === null || nation === '') return null;
  if (nation.endsWith('族') || nation === '其他' || nation === '外国血统中国籍人士') return nation;
  return `${nation}族`;
}
