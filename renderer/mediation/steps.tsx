import { type ReactNode, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { DirectoryEntry } from '../../common/api/directory';
import type { Health } from '../../common/api/health';
import {
  AVAILABILITIES,
  DISPUTE_CATEGORIES,
  type MediationAnswers,
  type MediationStep,
  OTHER_PARTY_RELATIONS,
  parseAmountYuan,
  situationsOf,
  toggleSituation,
} from '../../common/mediation/mediation';
import { formatYuan } from '../../common/money/fen';
import { formatRmbCapitals } from '../../common/money/rmb-capitals';
import { useNavigation } from '../app/NavigationContext';
import { BigButton } from '../../ui/buttons/BigButton';
import { HotlineCard } from '../shared/HotlineCard';
import { Icon } from '../../ui/icons/Icon';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import { hotlineNumber } from '../app/service/health-view';
import { ToggleChip } from '../../ui/buttons/ToggleChip';
import { StatusLookupButton } from '../submission-status/StatusLookupButton';
import { CaseStatusButton } from '../case-status/CaseStatusButton';
import { ChoiceButton } from '../flow/ChoiceButton';
import { Field, FieldProblem, KeyboardTextField } from '../flow/Field';
import { SubmissionProblem } from '../flow/SubmissionProblem';
import type { SubmissionState } from '../flow/use-submission';
import { DISPUTE_ICON, problemKey, situationKey } from './mediation-view';

/**
 * A step: its question as a level-2 heading that is also the screen's first
 * paragraph, so 朗读 speaks the question right after the title.
 */
function StepSection({ title, lead, children }: { title: string; lead?: string; children: ReactNode }) {
  const headingId = useId();
  return (
    <section className="flow-step med-step" aria-labelledby={headingId}>
      <p id={headingId} className="flow-title" role="heading" aria-level={2}>
        {title}
      </p>
      {lead !== undefined && <p className="flow-hint">{lead}</p>}
      {children}
    </section>
  );
}

function NextButton({ onNext }: { onNext(): void }) {
  const { t } = useTranslation();
  return (
    <div className="med-actions">
      <BigButton variant="primary" icon="forward" data-testid="mediation-next" onClick={onNext}>
        {t('mediation.next')}
      </BigButton>
    </div>
  );
}

/**
 * Answers given by buttons (a dispute type, a time, what happened): what is
 * wrong with the choice sits above them, as a field's problem does, and the
 * group points at it.
 */
function Choices({
  label,
  problem,
  className,
  children,
}: {
  label: string;
  problem: string | null;
  className: string;
  children: ReactNode;
}) {
  const problemId = useId();
  return (
    <>
      {problem !== null && <FieldProblem id={problemId}>{problem}</FieldProblem>}
      <div
        className={className}
        role="group"
        aria-label={label}
        aria-describedby={problem !== null ? problemId : undefined}
      >
        {children}
      </div>
    </>
  );
}

/**
 * What mediation is, then 开始申请 — or, when the kiosk cannot keep a request
 * now (records.db down), that it cannot, before anything is asked.
 */
export function IntroStep({
  committee,
  health,
  recordsDown,
  onStart,
}: {
  committee: DirectoryEntry | null;
  health: Health;
  recordsDown: boolean;
  onStart(): void;
}) {
  const { t } = useTranslation();
  return (
    <div className="flow-step med-intro">
      <p className="screen__lead">{t('mediation.intro.lead')}</p>
      <ul className="med-points">
        <li>
          <Icon name="ok" className="med-points__icon" />
          {t('mediation.intro.free')}
        </li>
        <li>
          <Icon name="handshake" className="med-points__icon" />
          {t('mediation.intro.voluntary')}
        </li>
        <li>
          <Icon name="clock" className="med-points__icon" />
          {t('mediation.intro.time')}
        </li>
        <li>
          <Icon name="phone" className="med-points__icon" />
          {t('mediation.intro.needs')}
        </li>
      </ul>
      <StatusNotice tone="warning">{t('mediation.intro.danger')}</StatusNotice>
      <p className="flow-footnote">{t('mediation.intro.basis')}</p>
      {recordsDown ? (
        <SubmissionProblem
          state="unavailable"
          health={health}
          unavailableDetail={t('mediation.elsewhere', { hotline: hotlineNumber(health) })}
        />
      ) : (
        <div className="med-actions">
          <BigButton variant="primary" icon="mediation" data-testid="mediation-start" onClick={onStart}>
            {t('mediation.intro.start')}
          </BigButton>
        </div>
      )}
      <CaseStatusButton />
      <StatusLookupButton />
      {committee !== null && <CommitteeCard committee={committee} />}
    </div>
  );
}

export interface AnswerStepProps {
  step: MediationStep;
  answers: MediationAnswers;
  /** Field → problem code, for the fields to mark now. */
  problems: Partial<Record<string, string>>;
  onChange(patch: Partial<MediationAnswers>): void;
  /** An answer given by one big button: stored and on to the next step. */
  onChoose(patch: Partial<MediationAnswers>): void;
  onNext(): void;
}

export function AnswerStep({ step, answers, problems, onChange, onChoose, onNext }: AnswerStepProps) {
  const { t } = useTranslation();
  const problem = (field: string): string | null => {
    const p = problems[field];
    return p === undefined ? null : t(problemKey(field, p));
  };
  switch (step) {
    case 'category':
      return (
        <StepSection title={t('mediation.category.title')} lead={t('mediation.category.lead')}>
          <Choices
            label={t('mediation.category.title')}
            problem={problem('category')}
            className="option-grid option-grid--3 med-choices"
          >
            {DISPUTE_CATEGORIES.map((c) => (
              <ChoiceButton
                key={c}
                icon={DISPUTE_ICON[c]}
                chosen={answers.category === c}
                testId={`dispute-${c}`}
                onPress={() => onChoose({ category: c, situations: answers.category === c ? answers.situations : [] })}
              >
                {t(`mediation.category.names.${c}`)}
              </ChoiceButton>
            ))}
          </Choices>
        </StepSection>
      );
    case 'situation': {
      const category = answers.category ?? 'other';
      return (
        <StepSection title={t('mediation.situation.title')} lead={t('mediation.situation.lead')}>
          <Choices label={t('mediation.situation.title')} problem={problem('situation')} className="med-chips">
            {situationsOf(category).map((s) => (
              <ToggleChip
                key={s}
                pressed={answers.situations.includes(s)}
                testId={`situation-${s}`}
                onPress={() => onChange({ situations: toggleSituation(category, answers.situations, s) })}
              >
                {t(situationKey(category, s))}
              </ToggleChip>
            ))}
          </Choices>
          <KeyboardTextField
            label={t('mediation.situation.detailsLabel')}
            value={answers.details}
            onValueChange={(details) => onChange({ details })}
            problem={problem('details')}
            keyboardHint={t('mediation.situation.keyboardHint')}
            placeholder={t('mediation.situation.detailsPlaceholder')}
            maxLength={300}
            data-testid="mediation-details"
          />
          <NextButton onNext={onNext} />
        </StepSection>
      );
    }
    case 'applicant':
      return (
        <StepSection title={t('mediation.applicant.title')} lead={t('mediation.applicant.lead')}>
          <KeyboardTextField
            label={t('mediation.applicant.name')}
            value={answers.applicantName}
            onValueChange={(applicantName) => onChange({ applicantName })}
            problem={problem('applicantName')}
            keyboardHint={t('mediation.applicant.nameKeyboard')}
            maxLength={50}
            data-testid="applicant-name"
            fieldTestId="applicant-name-field"
          />
          <KeyboardTextField
            label={t('mediation.applicant.phone')}
            value={answers.applicantPhone}
            onValueChange={(applicantPhone) => onChange({ applicantPhone })}
            problem={problem('applicantPhone')}
            number
            layout="digits"
            digitKeys={[null, null]}
            keyboardHint={t('mediation.applicant.phoneKeyboard')}
            maxLength={12}
            data-testid="applicant-phone"
            fieldTestId="applicant-phone-field"
          />
          <KeyboardTextField
            label={t('mediation.applicant.idNumber')}
            hint={t('mediation.applicant.idNumberHint')}
            value={answers.applicantIdNumber}
            onValueChange={(applicantIdNumber) => onChange({ applicantIdNumber })}
            problem={problem('applicantIdNumber')}
            number
            layout="digits"
            digitKeys={['X', null]}
            keyboardHint={t('mediation.applicant.idNumberKeyboard')}
            maxLength={18}
            data-testid="applicant-id"
          />
          <NextButton onNext={onNext} />
        </StepSection>
      );
    case 'other-party':
      return (
        <StepSection title={t('mediation.otherParty.title')} lead={t('mediation.otherParty.lead')}>
          <KeyboardTextField
            label={t('mediation.otherParty.name')}
            hint={t('mediation.otherParty.nameHint')}
            value={answers.otherPartyName}
            onValueChange={(otherPartyName) => onChange({ otherPartyName })}
            problem={problem('otherPartyName')}
            keyboardHint={t('mediation.otherParty.nameKeyboard')}
            maxLength={100}
            data-testid="other-name"
          />
          <Field label={t('mediation.otherParty.relation')} group>
            {() => (
              <div className="med-chips">
                {OTHER_PARTY_RELATIONS.map((r) => (
                  <ToggleChip
                    key={r}
                    pressed={answers.otherPartyRelation === r}
                    testId={`relation-${r}`}
                    onPress={() => onChange({ otherPartyRelation: answers.otherPartyRelation === r ? null : r })}
                  >
                    {t(`mediation.relations.${r}`)}
                  </ToggleChip>
                ))}
              </div>
            )}
          </Field>
          <KeyboardTextField
            label={t('mediation.otherParty.phone')}
            value={answers.otherPartyPhone}
            onValueChange={(otherPartyPhone) => onChange({ otherPartyPhone })}
            problem={problem('otherPartyPhone')}
            number
            layout="digits"
            digitKeys={[null, null]}
            keyboardHint={t('mediation.otherParty.phoneKeyboard')}
            maxLength={12}
            data-testid="other-phone"
          />
          <NextButton onNext={onNext} />
        </StepSection>
      );
    case 'amount': {
      const parsed = parseAmountYuan(answers.amountYuan);
      return (
        <StepSection title={t('mediation.amount.title')} lead={t('mediation.amount.lead')}>
          <KeyboardTextField
            label={t('mediation.amount.label')}
            value={answers.amountYuan}
            onValueChange={(amountYuan) => onChange({ amountYuan })}
            problem={problem('amountYuan')}
            number
            layout="digits"
            digitKeys={[null, '.']}
            keyboardHint={t('mediation.amount.keyboard')}
            maxLength={15}
            data-testid="mediation-amount"
          />
          <p className="med-capitals" aria-live="polite" data-testid="amount-capitals">
            {parsed.fen !== null && (
              <span lang="zh-CN">{t('mediation.amount.capitals', { capitals: formatRmbCapitals(parsed.fen) })}</span>
            )}
          </p>
          <div className="med-actions">
            <BigButton icon="forward" data-testid="amount-skip" onClick={() => onChoose({ amountYuan: '' })}>
              {t('mediation.amount.skip')}
            </BigButton>
            <BigButton variant="primary" icon="forward" data-testid="mediation-next" onClick={onNext}>
              {t('mediation.next')}
            </BigButton>
          </div>
        </StepSection>
      );
    }
    case 'availability':
      return (
        <StepSection title={t('mediation.availability.title')} lead={t('mediation.availability.lead')}>
          <Choices
            label={t('mediation.availability.title')}
            problem={problem('availability')}
            className="option-grid option-grid--3 med-choices"
          >
            {AVAILABILITIES.map((a) => (
              <ChoiceButton
                key={a}
                icon="clock"
                chosen={answers.availability === a}
                testId={`availability-${a}`}
                onPress={() => onChoose({ availability: a })}
              >
                {t(`mediation.availability.options.${a}`)}
              </ChoiceButton>
            ))}
          </Choices>
        </StepSection>
      );
  }
}

export function DeclinedStep({ committee, health }: { committee: DirectoryEntry | null; health: Health }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  return (
    <div className="flow-step med-intro" data-testid="mediation-declined">
      <p className="screen__lead">{t('mediation.consent.disagreed')}</p>
      {committee !== null ? (
        <CommitteeCard committee={committee} />
      ) : (
        <p className="flow-hint">{t('mediation.committee.none')}</p>
      )}
      <HotlineCard number={hotlineNumber(health)} local={health.terminal.hotlines.local} />
      <div className="med-actions">
        <BigButton icon="home" onClick={nav.home}>
          {t('flow.done.home')}
        </BigButton>
      </div>
    </div>
  );
}

export function ReviewStep({
  answers,
  send,
  health,
  onEdit,
  onSubmit,
}: {
  answers: MediationAnswers;
  send: SubmissionState;
  health: Health;
  onEdit(step: MediationStep): void;
  onSubmit(): void;
}) {
  const { t } = useTranslation();
  const none = t('mediation.review.none');
  const category = answers.category ?? 'other';
  const summary = [...answers.situations.map((s) => t(situationKey(category, s))), answers.details.trim()]
    .filter((x) => x !== '')
    .join('；');
  const amount = parseAmountYuan(answers.amountYuan).fen;
  const rows: { step: MediationStep; items: { label: string; value: string; testId?: string }[] }[] = [
    {
      step: 'category',
      items: [
        {
          label: t('mediation.review.category'),
          value: answers.category === null ? none : t(`mediation.category.names.${answers.category}`),
        },
      ],
    },
    { step: 'situation', items: [{ label: t('mediation.review.summary'), value: summary || none }] },
    {
      step: 'applicant',
      items: [
        { label: t('mediation.review.applicant'), value: answers.applicantName.trim() },
        { label: t('mediation.review.phone'), value: answers.applicantPhone.trim() },
        { label: t('mediation.review.idNumber'), value: answers.applicantIdNumber.trim() || none },
      ],
    },
    {
      step: 'other-party',
      items: [
        { label: t('mediation.review.otherParty'), value: answers.otherPartyName.trim() },
        {
          label: t('mediation.review.relation'),
          value: answers.otherPartyRelation === null ? none : t(`mediation.relations.${answers.otherPartyRelation}`),
        },
        { label: t('mediation.review.otherPhone'), value: answers.otherPartyPhone.trim() || none },
      ],
    },
    {
      step: 'amount',
      items: [
        {
          label: t('mediation.review.amount'),
          value:
            amount === null
              ? none
              : t('mediation.review.amountValue', { yuan: formatYuan(amount), capitals: formatRmbCapitals(amount) }),
        },
      ],
    },
    {
      step: 'availability',
      items: [
        {
          label: t('mediation.review.availability'),
          value: answers.availability === null ? none : t(`mediation.availability.options.${answers.availability}`),
        },
      ],
    },
  ];
  return (
    <StepSection title={t('mediation.review.title')} lead={t('mediation.review.lead')}>
      <div className="med-review">
        {rows.map((row) => (
          <div key={row.step} className="med-review__group">
            <dl className="med-review__items">
              {row.items.map((item) => (
                <div key={item.label} className="med-review__item">
                  <dt>{item.label}</dt>
                  <dd lang="zh-CN">{item.value}</dd>
                </div>
              ))}
            </dl>
            <BigButton icon="edit" data-testid={`review-edit-${row.step}`} onClick={() => onEdit(row.step)}>
              {t('mediation.review.edit')}
            </BigButton>
          </div>
        ))}
      </div>
      <SubmissionProblem
        state={send}
        health={health}
        unavailableDetail={t('mediation.elsewhere', { hotline: hotlineNumber(health) })}
      />
      <div className="med-actions">
        <BigButton
          variant="primary"
          icon="mediation"
          disabled={send === 'sending'}
          data-testid="mediation-submit"
          onClick={onSubmit}
        >
          {send === 'sending' ? t('mediation.review.submitting') : t('mediation.review.submit')}
        </BigButton>
      </div>
    </StepSection>
  );
}

/** The nearest people's mediation committee from the directory: name, address, phone, hours. */
export function CommitteeCard({ committee, title }: { committee: DirectoryEntry; title?: string }) {
  const { t } = useTranslation();
  return (
    <section
      className="med-committee"
      aria-label={title ?? t('mediation.done.committee')}
      data-testid="mediation-committee"
    >
      {title !== undefined && <p className="med-committee__title">{title}</p>}
      <p className="med-committee__name" lang="zh-CN">
        {committee.name}
      </p>
      {committee.demo && (
        <p className="med-committee__demo">
          <Icon name="info" className="med-committee__demo-icon" />
          {t('mediation.done.demo')}
        </p>
      )}
      <dl className="med-committee__facts">
        <div>
          <dt>{t('mediation.committee.address')}</dt>
          <dd lang="zh-CN">{committee.address}</dd>
        </div>
        {committee.phone !== null && (
          <div>
            <dt>{t('mediation.committee.phone')}</dt>
            <dd className="med-committee__phone">{committee.phone}</dd>
          </div>
        )}
        {committee.hours !== null && (
          <div>
            <dt>{t('mediation.committee.hours')}</dt>
            <dd lang="zh-CN">{committee.hours}</dd>
          </div>
        )}
      </dl>
    </section>
  );
}
