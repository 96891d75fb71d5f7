import { type ReactNode, useId, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import type { SubmitResponse } from '../../common/api/submissions';
import { groupIdNumber } from '../../common/idcard/group-id-number';
import type { LegalAidAnswers } from '../../common/legal-aid/answers';
import { checkLegalAid, type LegalAidResult } from '../../common/legal-aid/check';
import { APPLICATION_TIME_LIMITS } from '../../common/legal-aid/procedure';
import { maskIdNumber, maskPhone } from '../../common/redact';
import { useNavigation } from '../app/NavigationContext';
import { BigButton } from '../../ui/buttons/BigButton';
import { Icon } from '../../ui/icons/Icon';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StepProgress } from '../flow/StepProgress';
import { ConsentStep } from '../flow/ConsentStep';
import { SubmissionDone } from '../flow/SubmissionDone';
import { SubmissionProblem } from '../flow/SubmissionProblem';
import { type SubmissionState, useSubmission } from '../flow/use-submission';
import { formatPrintedAt } from '../shared/dates';
import { useLanguage } from '../../ui/i18n/use-language';
import { IdCardStep } from '../flow/id-card/IdCardStep';
import { FieldProblem, keepAboveKeyboard, KeyboardTextField } from '../flow/Field';
import type { Identity } from '../flow/id-card/identity';
import { KeyboardField } from '../flow/KeyboardField';
import {
  applicationPayload,
  checkPhone,
  MAX_ADDRESS,
  MAX_DESCRIPTION,
  MAX_OPPOSING_PARTY,
  NOTICE_VERSION,
  normalisePhone,
  type PhoneProblem,
  submitRequest,
} from './application';
import { type ApplicationCategory, categoryChoices, categoryOf } from './questions';
import { applicationReceipt } from './receipts';
import { DEFAULT_MATERIALS } from './result-view';
import { useTrackedJob } from '../print/use-tracked-job';
import { hotlineNumber } from '../app/service/health-view';
import { useSessionUse } from '../app/session/SessionUse';
import { NumberedList, OfficeCard, useNearestLegalAidOffice } from './OfficeCard';
import { ChoiceButton } from '../flow/ChoiceButton';
import '../flow/id-card/idcard.css';
import '../shared/content.css';
import '../flow/flows.css';
import './legal-aid.css';

const STEPS = ['consent', 'identity', 'phone', 'matter', 'review'] as const;
type Step = (typeof STEPS)[number];

/** What stays once the application is in: nothing that identifies the citizen but the masked phone number. */
interface Submitted {
  response: SubmitResponse;
  maskedPhone: string;
}

/**
 * 申请法律援助: the notice and consent (what is collected, why, for how long),
 * then who the citizen is (ID card, or typed), a phone number, what it is
 * about, a last look — and the service's reference number, very large, while
 * the receipt prints.
 *
 * Everything typed or read lives in this screen's state only: "不同意" or
 * leaving the screen drops it, the session's end drops it, and once the
 * application is in, only the reference and the masked phone number stay.
 */
export function LegalAidApplyScreen({ answers, health }: { answers: LegalAidAnswers | null; health: Health }) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const use = useSessionUse();
  const language = useLanguage();
  const check = useMemo(
    () => (answers === null ? null : checkLegalAid(answers, health.terminal.legalAid.threshold)),
    [answers, health.terminal.legalAid.threshold],
  );
  const preselected = answers === null ? null : categoryOf(answers.matter);
  const nearest = useNearestLegalAidOffice();
  // Mounted before the submission: events about its receipt can arrive before the answer naming the job.
  const receiptJob = useTrackedJob();

  const [step, setStep] = useState<Step>('consent');
  const [consentAt, setConsentAt] = useState<string | null>(null);
  const [identity, setIdentity] = useState<Identity | null>(null);
  /** Typed details to correct: the identity step opens on typing with them. */
  const [retype, setRetype] = useState<{ name: string; idNumber: string } | null>(null);
  const [address, setAddress] = useState('');
  const [phone, setPhone] = useState('');
  const [category, setCategory] = useState<ApplicationCategory | null>(preselected);
  const [description, setDescription] = useState('');
  const [opposing, setOpposing] = useState('');
  const submission = useSubmission(health);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);

  const goTo = (next: Step): void => {
    // What the review shows is this attempt: the same answers keep one idempotency key.
    if (next === 'review')
      submission.review(JSON.stringify({ identity, address, phone, category, description, opposing, consentAt }));
    setStep(next);
  };

  const materials = (check?.materials ?? DEFAULT_MATERIALS).map((m) => t(`legalAid.materials.${m}`));
  const nextSteps = [
    t('legalAid.timeLimits.decide', { days: APPLICATION_TIME_LIMITS.decideWithinDays }),
    t('legalAid.timeLimits.assign', { days: APPLICATION_TIME_LIMITS.assignWithinDaysAfterGrant }),
  ];

  const submit = async (): Promise<void> => {
    if (identity === null || category === null || consentAt === null) return;
    const submittedAt = new Date();
    const payload = applicationPayload({
      identity,
      address,
      phone,
      category,
      description,
      opposingParty: opposing,
      precheck: check,
      consentAt,
    });
    const receipt = applicationReceipt({
      labels: {
        title: t('legalAid.receipt.applicationTitle'),
        reference: t('legalAid.receipt.reference'),
        qrCaption: t('legalAid.receipt.qrCaption'),
        applicant: t('legalAid.receipt.applicant'),
        idNumber: t('legalAid.receipt.idNumber'),
        phone: t('legalAid.receipt.phone'),
        matter: t('legalAid.receipt.matter'),
        submittedAt: t('legalAid.receipt.submittedAt'),
        next: t('legalAid.receipt.next'),
        materials: t('legalAid.receipt.materials'),
        office: t('legalAid.receipt.office'),
        address: t('legalAid.receipt.address'),
        officePhone: t('legalAid.receipt.officePhone'),
        hours: t('legalAid.receipt.hours'),
        demo: t('legalAid.receipt.demo'),
        keep: t('legalAid.receipt.keep'),
      },
      applicant: { name: identity.name, idNumber: identity.idNumber, phone: normalisePhone(phone) },
      matter: t(`legalAid.category.${category}`),
      nextSteps: [...nextSteps, t('legalAid.apply.done.call', { phone: maskPhone(normalisePhone(phone)) })],
      materials,
      office: nearest.office,
      footer: {
        terminalName: health.terminal.displayName,
        printedAt: formatPrintedAt(submittedAt, language),
        hotline: hotlineNumber(health),
        labels: {
          terminal: t('legalAid.receipt.terminal'),
          printedAt: t('legalAid.receipt.printedAt'),
          hotline: t('legalAid.receipt.hotline'),
        },
      },
    });
    const response = await submission.send((key) => submitRequest(payload, receipt, key));
    if (response === null) return;
    setSubmitted({ response, maskedPhone: maskPhone(normalisePhone(phone)) });
    receiptJob.track(response.printJob);
    // This session's own submission (its receipt may be reprinted here); the rating at 结束使用 asks about legal aid.
    use.markSubmitted(response.reference);
    use.served('legal-aid');
    // In: the service has it. Nothing personal stays on screen.
    setIdentity(null);
    setRetype(null);
    setAddress('');
    setPhone('');
    setDescription('');
    setOpposing('');
  };

  if (submitted !== null) {
    return (
      <main className="screen legal-aid-apply keyboard-room" data-testid="legal-aid-apply" data-step="done">
        <ScreenHeader title={t('legalAid.apply.title')} />
        <SubmissionDone
          title={t('legalAid.apply.done.title')}
          reference={submitted.response.reference}
          referenceLabel={t('legalAid.apply.done.reference')}
          receipt={receiptJob}
          receiptPrinted={submitted.response.receiptPrinted}
          health={health}
        >
          <h3 className="flow-title">{t('legalAid.apply.done.next')}</h3>
          <NumberedList
            items={[...nextSteps, t('legalAid.apply.done.call', { phone: submitted.maskedPhone })]}
            testId="legal-aid-next"
          />
          <h3 className="flow-title">{t('legalAid.apply.done.bring')}</h3>
          <NumberedList items={materials} />
          <OfficeCard
            office={nearest.office}
            loading={nearest.status === 'loading'}
            health={health}
            linkToDirectory={false}
          />
        </SubmissionDone>
      </main>
    );
  }

  // Without records.db nothing can be kept: say so before asking for anything.
  if (submission.recordsDown) {
    return (
      <main className="screen legal-aid-apply keyboard-room" data-testid="legal-aid-apply" data-step="unavailable">
        <ScreenHeader title={t('legalAid.apply.title')} />
        <SubmissionProblem
          state="unavailable"
          health={health}
          unavailableDetail={t('legalAid.apply.storageDownDetail', { hotline: hotlineNumber(health) })}
        />
        <OfficeCard office={nearest.office} loading={nearest.status === 'loading'} health={health} />
      </main>
    );
  }

  const back = (): void => {
    switch (step) {
      case 'consent':
        nav.back();
        return;
      case 'identity':
        setIdentity(null);
        setRetype(null);
        setStep('consent');
        return;
      default:
        setStep(STEPS[STEPS.indexOf(step) - 1]!);
    }
  };

  const index = STEPS.indexOf(step);
  return (
    <main className="screen legal-aid-apply keyboard-room" data-testid="legal-aid-apply" data-step={step}>
      <ScreenHeader title={t('legalAid.apply.title')} onBack={back} />
      <StepProgress
        text={t('legalAid.apply.progress', {
          current: index + 1,
          total: STEPS.length,
          name: t(`legalAid.apply.steps.${step}`),
        })}
        current={index + 1}
        total={STEPS.length}
        testId="legal-aid-apply-progress"
      />
      {step === 'consent' && (
        <ConsentStep
          title={t('legalAid.apply.consent.title')}
          parts={[
            { icon: 'contents', title: t('legalAid.apply.consent.what'), text: t('legalAid.apply.consent.whatText') },
            { icon: 'legalAid', title: t('legalAid.apply.consent.why'), text: t('legalAid.apply.consent.whyText') },
            { icon: 'clock', title: t('legalAid.apply.consent.keep'), text: t('legalAid.apply.consent.keepText') },
          ]}
          extra={[t('legalAid.apply.consent.card')]}
          noticeVersion={NOTICE_VERSION}
          onAgree={() => {
            setConsentAt(new Date().toISOString());
            goTo('identity');
          }}
          onDisagree={() => nav.back()}
        />
      )}
      {step === 'identity' &&
        (identity === null ? (
          <IdCardStep
            health={health}
            {...(retype === null ? {} : { manual: retype })}
            onIdentity={(found) => {
              setIdentity(found);
              setAddress(found.address ?? '');
              setRetype(null);
            }}
          />
        ) : (
          <IdentityCheck
            identity={identity}
            address={address}
            onAddress={setAddress}
            onAgain={() => {
              setRetype(identity.source === 'typed' ? { name: identity.name, idNumber: identity.idNumber } : null);
              setIdentity(null);
            }}
            onNext={() => goTo('phone')}
          />
        ))}
      {step === 'phone' && <PhoneStep phone={phone} onPhone={setPhone} onNext={() => goTo('matter')} />}
      {step === 'matter' && (
        <MatterStep
          preselected={preselected}
          category={category}
          onCategory={setCategory}
          description={description}
          onDescription={setDescription}
          opposing={opposing}
          onOpposing={setOpposing}
          onNext={() => goTo('review')}
        />
      )}
      {step === 'review' && identity !== null && category !== null && (
        <Review
          identity={identity}
          address={address}
          phone={normalisePhone(phone)}
          category={category}
          description={description}
          opposing={opposing}
          precheck={check}
          submission={submission.state}
          health={health}
          onEdit={(s) => goTo(s)}
          onSubmit={() => void submit()}
        />
      )}
    </main>
  );
}

/** The ID number masked on screen (420***********0241) until the citizen asks to see it. */
function IdNumberShown({ idNumber, testId }: { idNumber: string; testId: string }) {
  const { t } = useTranslation();
  const [shown, setShown] = useState(false);
  return (
    <span className="la-id">
      <span className="la-id__number" data-testid={testId} data-shown={shown}>
        {shown ? groupIdNumber(idNumber) : maskIdNumber(idNumber)}
      </span>
      <button
        type="button"
        className="button la-small-button"
        aria-pressed={shown}
        data-testid={`${testId}-toggle`}
        onClick={() => setShown((s) => !s)}
      >
        <Icon name={shown ? 'close' : 'search'} className="button__icon" />
        {shown ? t('legalAid.apply.identity.hide') : t('legalAid.apply.identity.show')}
      </button>
    </span>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return <dl className="la-facts">{children}</dl>;
}

function Fact({
  label,
  children,
  onEdit,
  testId,
}: {
  label: string;
  children: ReactNode;
  onEdit?: () => void;
  testId?: string;
}) {
  const { t } = useTranslation();
  return (
    <div className="la-facts__row" data-testid={testId}>
      <dt className="la-facts__label">{label}</dt>
      <dd className="la-facts__value">{children}</dd>
      {onEdit && (
        <dd className="la-facts__edit">
          <button
            type="button"
            className="button la-small-button"
            onClick={onEdit}
            aria-label={`${t('legalAid.apply.review.edit')} ${label}`}
          >
            <Icon name="edit" className="button__icon" />
            {t('legalAid.apply.review.edit')}
          </button>
        </dd>
      )}
    </div>
  );
}

function IdentityCheck({
  identity,
  address,
  onAddress,
  onAgain,
  onNext,
}: {
  identity: Identity;
  address: string;
  onAddress(v: string): void;
  onAgain(): void;
  onNext(): void;
}) {
  const { t } = useTranslation();
  return (
    <section className="flow-step la-step" data-testid="legal-aid-identity" data-source={identity.source}>
      <h2 className="la-step__title">{t('legalAid.apply.identity.title')}</h2>
      {identity.source === 'card' && (
        <p className="la-step__notice" role="status">
          <Icon name="idCard" className="la-step__notice-icon" />
          <span>{t('legalAid.apply.identity.takeCard')}</span>
        </p>
      )}
      <p className="screen__lead">
        {identity.source === 'card' ? t('legalAid.apply.identity.fromCard') : t('legalAid.apply.identity.typed')}
      </p>
      <Facts>
        <Fact label={t('legalAid.apply.identity.name')} testId="identity-name">
          <span lang="zh-CN">{identity.name}</span>
        </Fact>
        <Fact label={t('legalAid.apply.identity.idNumber')}>
          <IdNumberShown idNumber={identity.idNumber} testId="identity-id-number" />
        </Fact>
      </Facts>
      <KeyboardTextField
        label={t('legalAid.apply.identity.address')}
        maxLength={MAX_ADDRESS}
        placeholder={t('legalAid.apply.identity.addressPlaceholder')}
        value={address}
        data-testid="identity-address"
        onValueChange={onAddress}
      />
      <div className="flow-actions">
        <BigButton icon={identity.source === 'card' ? 'idCard' : 'edit'} data-testid="identity-again" onClick={onAgain}>
          {identity.source === 'card' ? t('legalAid.apply.identity.again') : t('legalAid.apply.review.edit')}
        </BigButton>
        <BigButton variant="primary" icon="forward" data-testid="step-next" onClick={onNext}>
          {t('legalAid.apply.next')}
        </BigButton>
      </div>
    </section>
  );
}

function PhoneStep({ phone, onPhone, onNext }: { phone: string; onPhone(v: string): void; onNext(): void }) {
  const { t } = useTranslation();
  const [problem, setProblem] = useState<PhoneProblem | null>(null);
  const inputId = useId();
  const problemId = useId();
  const next = (text: string = phone): void => {
    const found = checkPhone(text);
    setProblem(found);
    if (found === null) onNext();
  };
  return (
    <section className="flow-step la-step" data-testid="legal-aid-phone">
      <h2 className="la-step__title">
        <label htmlFor={inputId}>{t('legalAid.apply.phone.title')}</label>
      </h2>
      <p className="screen__lead">{t('legalAid.apply.phone.hint')}</p>
      <div className="form-field">
        {problem !== null && (
          <FieldProblem id={problemId}>{t(`legalAid.apply.phone.problems.${problem}`)}</FieldProblem>
        )}
        <KeyboardField
          id={inputId}
          className="text-input form-field__input form-field__input--number"
          autoComplete="off"
          layout="digits"
          digitKeys={[null, '-']}
          maxLength={20}
          keyboardHint={t('legalAid.apply.phone.keyboardHint')}
          aria-invalid={problem !== null ? true : undefined}
          aria-describedby={problem !== null ? problemId : undefined}
          value={phone}
          data-testid="phone-input"
          onValueChange={onPhone}
          onDone={next}
          onFocus={keepAboveKeyboard}
        />
      </div>
      <div className="flow-actions">
        <BigButton variant="primary" icon="forward" data-testid="step-next" onClick={() => next()}>
          {t('legalAid.apply.next')}
        </BigButton>
      </div>
    </section>
  );
}

function MatterStep(props: {
  preselected: ApplicationCategory | null;
  category: ApplicationCategory | null;
  onCategory(c: ApplicationCategory): void;
  description: string;
  onDescription(v: string): void;
  opposing: string;
  onOpposing(v: string): void;
  onNext(): void;
}) {
  const { t } = useTranslation();
  const [missing, setMissing] = useState(false);
  const missingId = useId();
  const choices = categoryChoices(props.preselected);
  return (
    <section className="flow-step la-step" data-testid="legal-aid-matter">
      <h2 className="la-step__title">{t('legalAid.apply.matter.title')}</h2>
      <p className="screen__lead">
        {props.preselected !== null && props.category === props.preselected
          ? t('legalAid.apply.matter.preselected')
          : t('legalAid.apply.matter.lead')}
      </p>
      {missing && props.category === null && (
        <FieldProblem id={missingId}>{t('legalAid.apply.matter.pickOne')}</FieldProblem>
      )}
      <ul
        className="choice-list la-choices la-choices--compact"
        aria-describedby={missing && props.category === null ? missingId : undefined}
      >
        {choices.map((c) => (
          <li key={c}>
            <ChoiceButton
              icon="contents"
              chosen={c === props.category}
              testId={`category-${c}`}
              onPress={() => props.onCategory(c)}
            >
              {t(`legalAid.category.${c}`)}
            </ChoiceButton>
          </li>
        ))}
      </ul>
      <KeyboardTextField
        label={t('legalAid.apply.matter.describe')}
        maxLength={MAX_DESCRIPTION}
        placeholder={t('legalAid.apply.matter.describePlaceholder')}
        value={props.description}
        data-testid="matter-description"
        onValueChange={props.onDescription}
      />
      <KeyboardTextField
        label={t('legalAid.apply.matter.opposing')}
        maxLength={MAX_OPPOSING_PARTY}
        placeholder={t('legalAid.apply.matter.opposingPlaceholder')}
        value={props.opposing}
        data-testid="matter-opposing"
        onValueChange={props.onOpposing}
      />
      <div className="flow-actions">
        <BigButton
          variant="primary"
          icon="forward"
          data-testid="step-next"
          onClick={() => {
            setMissing(props.category === null);
            if (props.category !== null) props.onNext();
          }}
        >
          {t('legalAid.apply.next')}
        </BigButton>
      </div>
    </section>
  );
}

function Review(props: {
  identity: Identity;
  address: string;
  phone: string;
  category: ApplicationCategory;
  description: string;
  opposing: string;
  precheck: LegalAidResult | null;
  submission: SubmissionState;
  health: Health;
  onEdit(step: Step): void;
  onSubmit(): void;
}) {
  const { t } = useTranslation();
  const notGiven = <span className="la-facts__empty">{t('legalAid.apply.review.notGiven')}</span>;
  return (
    <section className="flow-step la-step" data-testid="legal-aid-review">
      <h2 className="la-step__title">{t('legalAid.apply.review.title')}</h2>
      <Facts>
        <Fact label={t('legalAid.apply.identity.name')} onEdit={() => props.onEdit('identity')} testId="review-name">
          <span lang="zh-CN">{props.identity.name}</span>
        </Fact>
        <Fact label={t('legalAid.apply.identity.idNumber')}>
          <IdNumberShown idNumber={props.identity.idNumber} testId="review-id-number" />
        </Fact>
        <Fact label={t('legalAid.apply.identity.address')} onEdit={() => props.onEdit('identity')}>
          {props.address.trim() === '' ? notGiven : <span lang="zh-CN">{props.address}</span>}
        </Fact>
        <Fact label={t('legalAid.apply.phone.label')} onEdit={() => props.onEdit('phone')} testId="review-phone">
          <span className="la-facts__number">{props.phone}</span>
        </Fact>
        <Fact label={t('legalAid.apply.steps.matter')} onEdit={() => props.onEdit('matter')} testId="review-matter">
          {t(`legalAid.category.${props.category}`)}
        </Fact>
        <Fact label={t('legalAid.apply.matter.describe')} onEdit={() => props.onEdit('matter')}>
          {props.description.trim() === '' ? notGiven : <span lang="zh-CN">{props.description}</span>}
        </Fact>
        <Fact label={t('legalAid.apply.matter.opposing')} onEdit={() => props.onEdit('matter')}>
          {props.opposing.trim() === '' ? notGiven : <span lang="zh-CN">{props.opposing}</span>}
        </Fact>
        {props.precheck !== null && (
          <Fact label={t('legalAid.apply.review.precheck')}>{t(`legalAid.outcome.${props.precheck.outcome}`)}</Fact>
        )}
      </Facts>
      <SubmissionProblem state={props.submission} health={props.health} />
      <div className="flow-actions">
        <BigButton
          variant="primary"
          icon="forward"
          data-testid="legal-aid-submit"
          aria-disabled={props.submission === 'sending' || undefined}
          onClick={props.onSubmit}
        >
          {props.submission === 'sending' ? t('legalAid.apply.review.submitting') : t('legalAid.apply.review.submit')}
        </BigButton>
      </div>
    </section>
  );
}
