import { AutoComplete } from 'antd';
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { REGION_CODE_PATTERN } from '../../../common/hub/accounts';

/**
 * A region typed as its 6-digit code, with the regions the caller is
 * likely to mean offered as they type (region-options.ts). A code that is
 * not one is said under the field; the page acts only on a whole code.
 */
export function RegionPicker({
  value,
  onChange,
  options,
  placeholder,
  testId,
}: {
  value: string;
  onChange: (value: string) => void;
  options: readonly string[];
  placeholder?: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const id = useId();
  const invalid = value !== '' && !REGION_CODE_PATTERN.test(value);
  return (
    <div className="console-region-picker">
      <label htmlFor={id} className="console-field-label">
        {t('hubCallAdmin.region.label')}
      </label>
      <AutoComplete
        id={id}
        value={value}
        options={options.map((code) => ({ value: code, label: code }))}
        filterOption={(typed, option) => option?.value.startsWith(typed.trim()) ?? false}
        onChange={(v: string) => onChange(v.trim())}
        placeholder={placeholder ?? t('hubCallAdmin.region.placeholder')}
        status={invalid ? 'error' : undefined}
        className="console-region-input"
        data-testid={testId}
      />
      {invalid && (
        <div role="alert" className="console-field-problem">
          {t('hubCallAdmin.region.invalid')}
        </div>
      )}
    </div>
  );
}
