import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { BigButton } from './BigButton';
import { Icon } from './Icon';
import './components.css';

export interface SearchFormProps {
  initial?: string;
  onSearch(query: string): void;
  className?: string;
}

/**
 * A search field and its button. Typing works with a physical keyboard (the
 * on-screen keyboard comes later); Enter or the button searches. An empty
 * field searches nothing.
 */
export function SearchForm({ initial = '', onSearch, className }: SearchFormProps) {
  const { t } = useTranslation();
  const [query, setQuery] = useState(initial);
  const inputId = useId();
  const submit = (): void => {
    const q = query.trim();
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
      <input
        id={inputId}
        className="search-form__input"
        type="search"
        enterKeyHint="search"
        autoComplete="off"
        maxLength={100}
        placeholder={t('search.placeholder')}
        value={query}
        data-testid="search-input"
        onChange={(e) => setQuery(e.target.value)}
      />
      <BigButton variant="primary" data-testid="search-submit" onClick={submit}>
        {t('search.submit')}
      </BigButton>
    </form>
  );
}
