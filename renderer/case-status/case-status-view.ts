import type { LanguageTag } from '../../common/i18n/catalogue';
import type { KioskCaseStatus } from '../../common/hub/cases';
import { formatLegalDate } from '../shared/dates';

/**
 * A case's status in plain words: what has happened (with the details the
 * office gave: what is missing and where to bring it, why refused and under
 * which article, the lawyer, the agreement date) and what to do next. The
 * same words go on screen and on the printed slip. Pure: the screen passes
 * its translate function.
 */

export type Translate = (key: string, values?: Record<string, string | number>) => string;

export interface StatusWordsContext {
  t: Translate;
  language: LanguageTag;
  /** The hotline the kiosk names for help. */
  hotline: string;
}

export interface StatusWords {
  /** 已受理, 需补充材料…: the status in two to five characters. */
  label: string;
  /** What has happened, one sentence a line. */
  lines: string[];
  /** What the citizen does now, one sentence a line. */
  next: string[];
}

export function statusWords(status: KioskCaseStatus, { t, language, hotline }: StatusWordsContext): StatusWords {
  const w = (key: string, values?: Record<string, string | number>): string => t(`caseStatus.words.${key}`, values);
  const date = (iso: string): string => formatLegalDate(iso, language);
  const legalAid = status.kind === 'legal-aid-application';
  const label = t(`caseStatus.statuses.${status.current.status}`);
  const note = (text: string | undefined): string[] => (text === undefined ? [] : [w('note', { note: text })]);
  const { current } = status;
  switch (current.status) {
    case 'new':
      return { label, lines: [w(legalAid ? 'newLegalAid' : 'newMediation')], next: [w('newNext')] };
    case 'accepted':
      return {
        label,
        lines: [w(legalAid ? 'acceptedLegalAid' : 'acceptedMediation'), ...note(current.details.note)],
        next: [w(legalAid ? 'acceptedNextLegalAid' : 'acceptedNextMediation')],
      };
    case 'needs-materials': {
      const { missing, deadline, where } = current.details;
      const bring =
        deadline !== undefined && where !== undefined
          ? w('bringByAt', { deadline: date(deadline), where })
          : deadline !== undefined
            ? w('bringBy', { deadline: date(deadline) })
            : where !== undefined
              ? w('bringAt', { where })
              : w('bring');
      return { label, lines: [w('missing', { missing })], next: [bring] };
    }
    case 'refused':
      return {
        label,
        lines: [
          w('refused', { reason: current.details.reason }),
          w('refusedArticle', { article: current.details.article }),
        ],
        next: [w(legalAid ? 'refusedNextLegalAid' : 'refusedNextMediation', { hotline })],
      };
    case 'lawyer-assigned': {
      const { lawyer, contactPhone } = current.details;
      return {
        label,
        lines: [
          w('lawyer', { lawyer }),
          ...(contactPhone === undefined ? [] : [w('lawyerPhone', { phone: contactPhone })]),
        ],
        next: [w('lawyerNext')],
      };
    }
    case 'closed':
      return { label, lines: [w('closed'), ...note(current.details.note)], next: [] };
    case 'mediating':
      return { label, lines: [w('mediating'), ...note(current.details.note)], next: [w('mediatingNext')] };
    case 'settled':
      return { label, lines: [w('settled', { date: date(current.details.agreementDate) })], next: [w('settledNext')] };
    case 'not-settled':
      return {
        label,
        lines: [w('notSettled'), ...note(current.details.note)],
        next: [w(`notSettledNext.${current.details.nextStep}`)],
      };
  }
}
