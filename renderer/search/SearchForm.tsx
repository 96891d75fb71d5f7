import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { KeyboardField } from '../flow/KeyboardField';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import '../../ui/components.css';

export interface SearchFormProps {
  initial?: string;
  onSearch(query: string): void;
  className?: string;
}

/**
 * A search field and its button. Touching the field opens the on-screen
 * keyboard (pinyin with phrases, English, 123); its 搜索 key, Enter or the
 * button searches. A physical keyboard works too. An empty field searches
 * nothing.
 */
export function SearchForm({ initial = '', onSearch, className }: SearchFormProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(initial);
  const inputId = useId();
  const submit = (text: string = query): void => {
    const q = text.trim();
    if (q !== '') onSearch(q);
  };
  return (
    <form
      className={className ? `search-form ${className}` : 'search-form'}
      role="search"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <label htmlFor={inputId} className="search-form__label">
        <Icon name="search" className="search-form__icon" />
        <span className="visually-hidden">{t('search.label')}</span>
      </label>
      <KeyboardField
        id={inputId}
        className="search-form__input"
        type="search"
        enterKeyHint="search"
        autoComplete="off"
        maxLength={100}
        placeholder={t('search.placeholder')}
        value={query}
        data-testid="search-input"
        onValueChange={setQuery}
        doneKind="search"
        onDone={submit}
      />
      <BigButton variant="primary" data-testid="search-submit" onClick={() => submit()}>
        {t('search.submit')}
      </BigButton>
    </form>
  );
}
