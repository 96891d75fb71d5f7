import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon, type IconName } from '../../ui/icons/Icon';
import './flows.css';

/** One part of the notice: what is collected, why, or how long it is kept. */
export interface ConsentPart {
  icon: IconName;
  title: string;
  text: string;
}

export interface ConsentStepProps {
  title: string;
  /** A line under the title, e.g. "提交前，请看一看。" */
  lead?: string;
  /** What is collected, why, and how long it is kept — in that order. */
  parts: readonly ConsentPart[];
  /** Further lines after the parts: the card is read only after agreeing, the receipt shows only part of a name… */
  extra?: readonly string[];
  /** The notice's version, stored with the consent: the footnote names it. */
  noticeVersion: string;
  onAgree(): void;
  onDisagree(): void;
}

/**
 * The notice before any personal data is collected (个人信息保护法 第十四条、
 * 第十七条), the same in every flow: what is collected, why, and how long it
 * is kept, each with an icon and a heading; the notice's version; then
 * 不同意 beside 同意. Not agreeing is always a plain way out. The title is the
 * step's first paragraph, so 朗读 speaks it right after the screen's title.
 */
export function ConsentStep({ title, lead, parts, extra = [], noticeVersion, onAgree, onDisagree }: ConsentStepProps) {
  const { t } = useTranslation();
  const headingId = useId();
  return (
    <section className="flow-step consent-step" aria-labelledby={headingId} data-testid="consent-step">
      <p id={headingId} className="consent-step__title" role="heading" aria-level={2}>
        {title}
      </p>
      {lead !== undefined && <p className="consent-step__text">{lead}</p>}
      {parts.map((part) => (
        <div key={part.title} className="consent-step__part">
          <Icon name={part.icon} className="consent-step__icon" />
          <div>
            <h3 className="consent-step__heading">{part.title}</h3>
            <p className="consent-step__text">{part.text}</p>
          </div>
        </div>
      ))}
      {extra.map((line) => (
        <p key={line} className="consent-step__text">
          {line}
        </p>
      ))}
      <p className="flow-footnote">{t('flow.consent.version', { version: noticeVersion })}</p>
      <div className="flow-actions">
        <BigButton icon="close" data-testid="consent-disagree" onClick={onDisagree}>
          {t('flow.consent.disagree')}
        </BigButton>
        <BigButton variant="primary" icon="ok" data-testid="consent-agree" onClick={onAgree}>
          {t('flow.consent.agree')}
        </BigButton>
      </div>
    </section>
  );
}
