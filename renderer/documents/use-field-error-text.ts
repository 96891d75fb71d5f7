import { useTranslation } from 'react-i18next';
import type { FieldError } from '../../common/templates/values';
import { useLanguage } from '../../ui/i18n/use-language';
import { fieldErrorText } from '../../ui/templates/field-errors';

/** A field error in the words of the language on screen, for the flow kit's FieldProblem. */
export function useFieldErrorText(): (error: FieldError) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  return (error) => {
    const text = fieldErrorText(error, language);
    return t(text.key, text.params);
  };
}
