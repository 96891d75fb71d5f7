import { type ReactNode, useId, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PrintJob } from '../../../common/api/devices';
import type { DirectoryEntry } from '../../../common/api/directory';
import type { Health } from '../../../common/api/health';
import type { SubmitResponse } from '../../../common/api/submissions';
import { groupIdNumber } from '../../../common/idcard/group-id-number';
import type { LegalAidAnswers } from '../../../common/legal-aid/answers';
import { checkLegalAid, type LegalAidResult } from '../../../common/legal-aid/check';
import { APPLICATION_TIME_LIMITS } from '../../../common/legal-aid/procedure';
import { maskIdNumber, maskPhone } from '../../../common/redact';
import { ApiError } from '../../api/client';
import { useNavigation } from '../../app/NavigationContext';
import { BigButton } from '../../components/BigButton';
import { Icon, type IconName } from '../../components/Icon';
import { ScreenHeader } from '../../components/ScreenHeader';
import { StatusNotice } from '../../components/StatusNotice';
import { StepProgress } from '../../components/StepProgress';
import { formatPrintedAt } from '../../content/dates';
import { useLanguage } from '../../i18n/use-language';
import { IdCardStep } from '../../idcard/IdCardStep';
import { FieldProblem, keepAboveKeyboard, LabelledKeyboardField } from '../../keyboard/LabelledKeyboardField';
import type { Identity } from '../../idcard/identity';
import { KeyboardField } from '../../keyboard/KeyboardField';
import {
  applicationPayload,
  checkPhone,
  MAX_ADDRESS,
  MAX_DESCRIPTION,
  MAX_OPPOSING_PARTY,
  newIdempotencyKey,
  NOTICE_VERSION,
  normalisePhone,
  type PhoneProblem,
  submitRequest,
} from '../../legal-aid/application';
import { type ApplicationCategory, categoryChoices, categoryOf } from '../../legal-aid/questions';
import { applicationReceipt } from '../../legal-aid/receipts';
import { DEFAULT_MATERIALS } from '../../legal-aid/result-view';
import { PHASE_ICON } from '../../print/JobStatusMessage';
import { type PrintPhase, printJobView } from '../../print/print-job';
import { useTrackedJob } from '../../print/use-tracked-job';
import { useApi } from '../../service/ServiceContext';
import { hotlineNumber, printerAvailability } from '../../service/health-view';
import { QrCode } from '../../take-away/QrCode';
import { useSessionUse } from '../../usage/SessionUse';
import { ChoiceButton, NumberedList, OfficeCard, useNearestLegalAidOffice } from './parts';
import '../../idcard/idcard.css';
import '../content.css';
import '../../styles/flows.css';
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
  const api = useApi();
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
  /** One per submission attempt: made when the review is shown, so a double tap or a retry is the same submission. */
  const [idempotencyKey, setIdempotencyKey] = useState<string | null>(null);
  const [sendState, setSendState] = useState<'idle' | 'sending' | 'failed' | 'unavailable'>('idle');
  const sending = useRef(false);
  const [submitted, setSubmitted] = useState<Submitted | null>(null);

  const goTo = (next: Step): void => {
    if (next === 'review') {
      setIdempotencyKey(newIdempotencyKey());
      setSendState('idle');
    }
    setStep(next);
  };

  const materials = (check?.materials ?? DEFAULT_MATERIALS).map((m) => t(`legalAid.materials.${m}`));
  const nextSteps = [
    t('legalAid.timeLimits.decide', { days: APPLICATION_TIME_LIMITS.decideWithinDays }),
    t('legalAid.timeLimits.assign', { days: APPLICATION_TIME_LIMITS.assignWithinDaysAfterGrant }),
  ];

  const submit = async (): Promise<void> => {
    if (sending.current || identity === null || category === null || consentAt === null || idempotencyKey === null)
      return;
    sending.current = true;
    setSendState('sending');
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
        title: t('legalAidScreens.receipt.applicationTitle'),
        reference: t('legalAidScreens.receipt.reference'),
        qrCaption: t('legalAidScreens.receipt.qrCaption'),
        applicant: t('legalAidScreens.receipt.applicant'),
        idNumber: t('legalAidScreens.receipt.idNumber'),
        phone: t('legalAidScreens.receipt.phone'),
        matter: t('legalAidScreens.receipt.matter'),
        submittedAt: t('legalAidScreens.receipt.submittedAt'),
        next: t('legalAidScreens.receipt.next'),
        materials: t('legalAidScreens.receipt.materials'),
        office: t('legalAidScreens.receipt.office'),
        address: t('legalAidScreens.receipt.address'),
        officePhone: t('legalAidScreens.receipt.officePhone'),
        hours: t('legalAidScreens.receipt.hours'),
        demo: t('legalAidScreens.receipt.demo'),
        keep: t('legalAidScreens.receipt.keep'),
      },
      applicant: { name: identity.name, idNumber: identity.idNumber, phone: normalisePhone(phone) },
      matter: t(`legalAidScreens.category.${category}`),
      nextSteps: [...nextSteps, t('legalAidScreens.apply.done.call', { phone: maskPhone(normalisePhone(phone)) })],
      materials,
      office: nearest.office,
      footer: {
        terminalName: health.terminal.displayName,
        printedAt: formatPrintedAt(submittedAt, language),
        hotline: hotlineNumber(health),
        labels: {
          terminal: t('legalAidScreens.receipt.terminal'),
          printedAt: t('legalAidScreens.receipt.printedAt'),
          hotline: t('legalAidScreens.receipt.hotline'),
        },
      },
    });
    try {
      const response = await api.call('submit', submitRequest(payload, receipt, idempotencyKey), { timeoutMs: 15_000 });
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
    } catch (error) {
      setSendState(error instanceof ApiError && error.code === 'unavailable' ? 'unavailable' : 'failed');
    } finally {
      sending.current = false;
    }
  };

  if (submitted !== null) {
    return (
      <main className="screen legal-aid-apply keyboard-room" data-testid="legal-aid-apply" data-step="done">
        <ScreenHeader title={t('legalAidScreens.apply.title')} />
        <Done
          submitted={submitted}
          job={receiptJob.job}
          onReprinted={receiptJob.track}
          materials={materials}
          nextSteps={nextSteps}
          office={nearest.office}
          officeLoading={nearest.status === 'loading'}
          health={health}
        />
      </main>
    );
  }

  // Without records.db nothing can be kept: say so before asking for anything.
  if (health.subsystems.storage.state === 'unavailable') {
    return (
      <main className="screen legal-aid-apply keyboard-room" data-testid="legal-aid-apply" data-step="unavailable">
        <ScreenHeader title={t('legalAidScreens.apply.title')} />
        <StatusNotice
          tone="warning"
          detail={t('legalAidScreens.apply.storageDownDetail', { hotline: hotlineNumber(health) })}
        >
          {t('legalAidScreens.apply.storageDown')}
        </StatusNotice>
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
      <ScreenHeader title={t('legalAidScreens.apply.title')} onBack={back} />
      <StepProgress
        text={t('legalAidScreens.apply.progress', {
          current: index + 1,
          total: STEPS.length,
          name: t(`legalAidScreens.apply.steps.${step}`),
        })}
        current={index + 1}
        total={STEPS.length}
        testId="legal-aid-apply-progress"
      />
      {step === 'consent' && (
        <Consent
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
          sendState={sendState}
          onEdit={(s) => goTo(s)}
          onSubmit={() => void submit()}
        />
      )}
    </main>
  );
}

function Consent({ onAgree, onDisagree }: { onAgree(): void; onDisagree(): void }) {
  const { t } = useTranslation();
  const parts: { icon: IconName; title: string; text: string }[] = [
    {
      icon: 'contents',
      title: t('legalAidScreens.apply.consent.what'),
      text: t('legalAidScreens.apply.consent.whatText'),
    },
    {
      icon: 'legalAid',
      title: t('legalAidScreens.apply.consent.why'),
      text: t('legalAidScreens.apply.consent.whyText'),
    },
    {
      icon: 'clock',
      title: t('legalAidScreens.apply.consent.keep'),
      text: t('legalAidScreens.apply.consent.keepText'),
    },
  ];
  return (
    <section className="flow-step la-consent" data-testid="legal-aid-consent">
      <h2 className="la-step__title">{t('legalAidScreens.apply.consent.title')}</h2>
      {parts.map((p) => (
        <div key={p.title} className="la-consent__part">
          <Icon name={p.icon} className="la-consent__icon" />
          <div>
            <h3 className="la-consent__heading">{p.title}</h3>
            <p className="la-consent__text">{p.text}</p>
          </div>
        </div>
      ))}
      <p className="la-consent__text">{t('legalAidScreens.apply.consent.card')}</p>
      <p className="flow-footnote">{t('legalAidScreens.apply.consent.version', { version: NOTICE_VERSION })}</p>
      <div className="flow-actions">
        <BigButton icon="close" data-testid="consent-disagree" onClick={onDisagree}>
          {t('legalAidScreens.apply.consent.disagree')}
        </BigButton>
        <BigButton variant="primary" icon="ok" data-testid="consent-agree" onClick={onAgree}>
          {t('legalAidScreens.apply.consent.agree')}
        </BigButton>
      </div>
    </section>
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
        {shown ? t('legalAidScreens.apply.identity.hide') : t('legalAidScreens.apply.identity.show')}
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
            aria-label={`${t('legalAidScreens.apply.review.edit')} ${label}`}
          >
            <Icon name="edit" className="button__icon" />
            {t('legalAidScreens.apply.review.edit')}
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
      <h2 className="la-step__title">{t('legalAidScreens.apply.identity.title')}</h2>
      {identity.source === 'card' && (
        <p className="la-step__notice" role="status">
          <Icon name="idCard" className="la-step__notice-icon" />
          <span>{t('legalAidScreens.apply.identity.takeCard')}</span>
        </p>
      )}
      <p className="screen__lead">
        {identity.source === 'card'
          ? t('legalAidScreens.apply.identity.fromCard')
          : t('legalAidScreens.apply.identity.typed')}
      </p>
      <Facts>
        <Fact label={t('legalAidScreens.apply.identity.name')} testId="identity-name">
          <span lang="zh-CN">{identity.name}</span>
        </Fact>
        <Fact label={t('legalAidScreens.apply.identity.idNumber')}>
          <IdNumberShown idNumber={identity.idNumber} testId="identity-id-number" />
        </Fact>
      </Facts>
      <LabelledKeyboardField
        label={t('legalAidScreens.apply.identity.address')}
        maxLength={MAX_ADDRESS}
        placeholder={t('legalAidScreens.apply.identity.addressPlaceholder')}
        value={address}
        data-testid="identity-address"
        onValueChange={onAddress}
      />
      <div className="flow-actions">
        <BigButton icon={identity.source === 'card' ? 'idCard' : 'edit'} data-testid="identity-again" onClick={onAgain}>
          {identity.source === 'card'
            ? t('legalAidScreens.apply.identity.again')
            : t('legalAidScreens.apply.review.edit')}
        </BigButton>
        <BigButton variant="primary" icon="forward" data-testid="step-next" onClick={onNext}>
          {t('legalAidScreens.apply.next')}
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
        <label htmlFor={inputId}>{t('legalAidScreens.apply.phone.title')}</label>
      </h2>
      <p className="screen__lead">{t('legalAidScreens.apply.phone.hint')}</p>
      <div className="form-field">
        {problem !== null && (
          <FieldProblem id={problemId}>{t(`legalAidScreens.apply.phone.problems.${problem}`)}</FieldProblem>
        )}
        <KeyboardField
          id={inputId}
          className="text-input form-field__input form-field__input--number"
          autoComplete="off"
          layout="digits"
          digitKeys={[null, '-']}
          maxLength={20}
          keyboardHint={t('legalAidScreens.apply.phone.keyboardHint')}
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
          {t('legalAidScreens.apply.next')}
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
      <h2 className="la-step__title">{t('legalAidScreens.apply.matter.title')}</h2>
      <p className="screen__lead">
        {props.preselected !== null && props.category === props.preselected
          ? t('legalAidScreens.apply.matter.preselected')
          : t('legalAidScreens.apply.matter.lead')}
      </p>
      {missing && props.category === null && (
        <FieldProblem id={missingId}>{t('legalAidScreens.apply.matter.pickOne')}</FieldProblem>
      )}
      <ul
        className="choice-list la-choices la-choices--compact"
        aria-describedby={missing && props.category === null ? missingId : undefined}
      >
        {choices.map((c) => (
          <li key={c}>
            <ChoiceButton
              icon={c === props.category ? 'ok' : 'contents'}
              pressed={c === props.category}
              testId={`category-${c}`}
              onPress={() => props.onCategory(c)}
            >
              {t(`legalAidScreens.category.${c}`)}
            </ChoiceButton>
          </li>
        ))}
      </ul>
      <LabelledKeyboardField
        label={t('legalAidScreens.apply.matter.describe')}
        maxLength={MAX_DESCRIPTION}
        placeholder={t('legalAidScreens.apply.matter.describePlaceholder')}
        value={props.description}
        data-testid="matter-description"
        onValueChange={props.onDescription}
      />
      <LabelledKeyboardField
        label={t('legalAidScreens.apply.matter.opposing')}
        maxLength={MAX_OPPOSING_PARTY}
        placeholder={t('legalAidScreens.apply.matter.opposingPlaceholder')}
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
          {t('legalAidScreens.apply.next')}
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
  sendState: 'idle' | 'sending' | 'failed' | 'unavailable';
  onEdit(step: Step): void;
  onSubmit(): void;
}) {
  const { t } = useTranslation();
  const notGiven = <span className="la-facts__empty">{t('legalAidScreens.apply.review.notGiven')}</span>;
  return (
    <section className="flow-step la-step" data-testid="legal-aid-review">
      <h2 className="la-step__title">{t('legalAidScreens.apply.review.title')}</h2>
      <Facts>
        <Fact
          label={t('legalAidScreens.apply.identity.name')}
          onEdit={() => props.onEdit('identity')}
          testId="review-name"
        >
          <span lang="zh-CN">{props.identity.name}</span>
        </Fact>
        <Fact label={t('legalAidScreens.apply.identity.idNumber')}>
          <IdNumberShown idNumber={props.identity.idNumber} testId="review-id-number" />
        </Fact>
        <Fact label={t('legalAidScreens.apply.identity.address')} onEdit={() => props.onEdit('identity')}>
          {props.address.trim() === '' ? notGiven : <span lang="zh-CN">{props.address}</span>}
        </Fact>
        <Fact label={t('legalAidScreens.apply.phone.label')} onEdit={() => props.onEdit('phone')} testId="review-phone">
          <span className="la-facts__number">{props.phone}</span>
        </Fact>
        <Fact
          label={t('legalAidScreens.apply.steps.matter')}
          onEdit={() => props.onEdit('matter')}
          testId="review-matter"
        >
          {t(`legalAidScreens.category.${props.category}`)}
        </Fact>
        <Fact label={t('legalAidScreens.apply.matter.describe')} onEdit={() => props.onEdit('matter')}>
          {props.description.trim() === '' ? notGiven : <span lang="zh-CN">{props.description}</span>}
        </Fact>
        <Fact label={t('legalAidScreens.apply.matter.opposing')} onEdit={() => props.onEdit('matter')}>
          {props.opposing.trim() === '' ? notGiven : <span lang="zh-CN">{props.opposing}</span>}
        </Fact>
        {props.precheck !== null && (
          <Fact label={t('legalAidScreens.apply.review.precheck')}>
            {t(`legalAid.outcome.${props.precheck.outcome}`)}
          </Fact>
        )}
      </Facts>
      {props.sendState === 'failed' && (
        <StatusNotice tone="warning" detail={t('legalAidScreens.apply.review.failedDetail')}>
          {t('legalAidScreens.apply.review.failed')}
        </StatusNotice>
      )}
      {props.sendState === 'unavailable' && (
        <StatusNotice tone="warning">{t('legalAidScreens.apply.review.unavailable')}</StatusNotice>
      )}
      <div className="flow-actions">
        <BigButton
          variant="primary"
          icon="forward"
          data-testid="legal-aid-submit"
          aria-disabled={props.sendState === 'sending' || undefined}
          onClick={props.onSubmit}
        >
          {props.sendState === 'sending'
            ? t('legalAidScreens.apply.review.submitting')
            : t('legalAidScreens.apply.review.submit')}
        </BigButton>
      </div>
    </section>
  );
}

function Done(props: {
  submitted: Submitted;
  /** The receipt's print job as the service reports it (null when none was queued). */
  job: PrintJob | null;
  onReprinted(job: PrintJob): void;
  materials: readonly string[];
  nextSteps: readonly string[];
  office: DirectoryEntry | null;
  officeLoading: boolean;
  health: Health;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const api = useApi();
  const { response } = props.submitted;
  const { job } = props;
  const [reprinting, setReprinting] = useState(false);
  const hasPrinter = printerAvailability(props.health).state !== 'none';
  // No job in this answer: printed already (a repeated submission), or it could not be queued (offer to print again).
  const phase: PrintPhase = job !== null ? printJobView(job).phase : response.receiptPrinted ? 'printed' : 'failed';

  const reprint = async (): Promise<void> => {
    if (reprinting) return;
    setReprinting(true);
    try {
      props.onReprinted((await api.call('submissionReprint', { reference: response.reference })).printJob);
    } catch {
      // The status line keeps saying it did not print; the hotline and staff remain.
    } finally {
      setReprinting(false);
    }
  };

  return (
    <section className="flow-step la-done" data-testid="legal-aid-done">
      <h2 className="la-done__title">
        <Icon name="ok" className="la-done__icon" />
        {t('legalAidScreens.apply.done.title')}
      </h2>
      <div className="reference-display">
        <p className="reference-display__label">{t('legalAidScreens.apply.done.reference')}</p>
        <p className="reference-display__number" data-testid="legal-aid-reference">
          {response.reference}
        </p>
      </div>
      {hasPrinter ? (
        <p className="la-receipt-status" role="status" data-phase={phase} data-testid="legal-aid-receipt-status">
          <Icon name={PHASE_ICON[phase]} className="la-receipt-status__icon" />
          <span>{t(`legalAidScreens.apply.done.${phase === 'sending' ? 'printing' : phase}`)}</span>
        </p>
      ) : (
        <p className="la-receipt-status" role="status" data-phase="none" data-testid="legal-aid-receipt-status">
          <Icon name="info" className="la-receipt-status__icon" />
          <span>{t('legalAidScreens.apply.done.noPrinter')}</span>
        </p>
      )}
      {hasPrinter && (phase === 'failed' || phase === 'printed') && (
        <BigButton icon="print" disabled={reprinting} data-testid="legal-aid-reprint" onClick={() => void reprint()}>
          {t('legalAidScreens.apply.done.reprint')}
        </BigButton>
      )}
      <div className="la-done__qr">
        <QrCode
          data={response.reference}
          label={t('legalAidScreens.apply.done.qr')}
          maxSide={174}
          testId="legal-aid-reference-qr"
        />
        <p className="la-done__qr-text">{t('legalAidScreens.apply.done.qr')}</p>
      </div>
      <h3 className="flow-title">{t('legalAidScreens.apply.done.next')}</h3>
      <NumberedList
        items={[...props.nextSteps, t('legalAidScreens.apply.done.call', { phone: props.submitted.maskedPhone })]}
        testId="legal-aid-next"
      />
      <h3 className="flow-title">{t('legalAidScreens.apply.done.bring')}</h3>
      <NumberedList items={props.materials} />
      <OfficeCard office={props.office} loading={props.officeLoading} health={props.health} linkToDirectory={false} />
      <div className="flow-actions">
        <BigButton variant="primary" icon="home" data-testid="legal-aid-finish" onClick={nav.home}>
          {t('legalAidScreens.apply.done.finish')}
        </BigButton>
      </div>
    </section>
  );
}
