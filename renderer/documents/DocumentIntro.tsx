import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import type { TemplateResponse } from '../../common/api/templates';
import { useNavigation } from '../app/NavigationContext';
import { BigButton } from '../../ui/buttons/BigButton';
import { type FormValues, type Party, countOptional, hasAnswers } from './form-model';
import { citationLabel } from '../print/receipt-builder';
import { Section } from '../../ui/answer/AnswerBlocks';
import { CardButton } from './CardButton';

/**
 * Before the form: what this document is for, what to watch out for (the
 * template's note, as written), and the article it rests on, one tap from
 * its text. Then 开始填写, or 读身份证填写 to start from a card.
 */
export function DocumentIntro({
  template,
  values,
  health,
  parties,
  onStart,
  onCard,
}: {
  template: TemplateResponse;
  values: FormValues;
  health: Health;
  parties: readonly Party[];
  onStart(): void;
  onCard(): void;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const { note, governs } = template;
  const optional = countOptional(template);
  return (
    <>
      <Section title={t('documents.intro.when')}>
        <p className="accent-box accent-box--roomy accent-box--reading reading" lang="zh-CN">
          {note.when}
        </p>
      </Section>
      {note.check.length > 0 && (
        <Section title={t('documents.intro.check')}>
          <ul className="doc-checklist reading" lang="zh-CN">
            {note.check.map((item, i) => (
              <li key={i}>{item}</li>
            ))}
          </ul>
        </Section>
      )}
      {governs && (
        <Section title={t('documents.intro.governs')} hint={t('documents.intro.governsHint')}>
          <div className="citations">
            <BigButton
              icon="article"
              data-testid="document-governs"
              onClick={() => nav.push({ name: 'article', articleId: governs.articleId })}
            >
              {citationLabel(governs)}
            </BigButton>
          </div>
        </Section>
      )}
      <p className="doc-intro__count">
        {t('documents.intro.fieldCount', { count: template.fields.length })}
        {optional > 0 && ` ${t('documents.intro.optionalCount', { count: optional })}`}
      </p>
      <div className="screen-actions">
        {parties.length > 0 && <CardButton health={health} label={t('documents.card.button')} onPress={onCard} />}
        <BigButton variant="primary" icon="edit" data-testid="document-start" onClick={onStart}>
          {hasAnswers(values) ? t('documents.intro.continue') : t('documents.intro.start')}
        </BigButton>
      </div>
    </>
  );
}
