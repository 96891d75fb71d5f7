import { type FocusEvent, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import { HALVING_GROUNDS, type HalvingGround } from '../../common/calculators/court-fee';
import { useNavigation } from '../app/NavigationContext';
import { BigButton } from '../../ui/buttons/BigButton';
import { ScreenHeader } from '../shared/ScreenHeader';
import { StatusNotice } from '../../ui/notices/StatusNotice';
import {
  type CalculatorDraft,
  type CalculatorId,
  type CourtFeeDraft,
  type DateDraft,
  type DoubleWagesDraft,
  type EconomicCompensationDraft,
  type FieldErrors,
  type OvertimeDraft,
  dateDraft,
  emptyDraft,
  localIsoDate,
  parseDraft,
} from './forms';
import { ChoiceField, DateField, NumberField } from './CalculatorFields';
import '../shared/content.css';
import '../flow/flows.css';
import './calculators.css';

/**
 * One calculator's questions on one screen, each answered by touch. "算一算"
 * checks them all; what needs changing says so at its field. The draft
 * goes into the navigation stack with the result, so "back" from the result
 * (or from an article it cites) finds every answer still there.
 */
export function CalculatorFormScreen({
  calculator,
  initial,
  health,
}: {
  calculator: CalculatorId;
  initial: CalculatorDraft | undefined;
  health: Health;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const [todayIso] = useState(() => localIsoDate(new Date()));
  const today = useMemo(() => dateDraft(todayIso), [todayIso]);
  const configured = health.terminal.calculators;
  const [draft, setDraft] = useState<CalculatorDraft>(
    () =>
      initial ??
      emptyDraft(calculator, {
        today: todayIso,
        localAverageMonthlyWageFen: configured?.localAverageMonthlyWageFen ?? null,
      }),
  );
  // Errors show once "算一算" has been pressed, and follow the answers from then on.
  const [tried, setTried] = useState(false);
  const parsed = useMemo(() => parseDraft(draft), [draft]);
  const errors: FieldErrors = tried && !parsed.ok ? parsed.error : {};
  const errorCount = Object.keys(errors).length;

  const formRef = useRef<HTMLDivElement>(null);
  const [typing, setTyping] = useState(false);
  const [scrollTo, setScrollTo] = useState<{ field: string; n: number } | null>(null);

  // The docked keyboard covers the bottom of the screen: the field being typed in goes to the top.
  useEffect(() => {
    if (scrollTo === null) return;
    const frame = requestAnimationFrame(() => {
      formRef.current?.querySelector(`[data-field="${scrollTo.field}"]`)?.scrollIntoView({ block: 'start' });
    });
    return () => cancelAnimationFrame(frame);
  }, [scrollTo]);

  const onFocus = (e: FocusEvent<HTMLDivElement>): void => {
    if (!(e.target instanceof HTMLInputElement)) return;
    const field = e.target.closest<HTMLElement>('[data-field]')?.dataset['field'];
    setTyping(true);
    if (field !== undefined) setScrollTo((s) => ({ field, n: (s?.n ?? 0) + 1 }));
  };
  const onBlur = (e: FocusEvent<HTMLDivElement>): void => {
    if (!(e.target instanceof HTMLInputElement)) return;
    if (e.relatedTarget instanceof HTMLInputElement && formRef.current?.contains(e.relatedTarget)) return;
    setTyping(false);
  };

  const calculate = (): void => {
    setTried(true);
    if (!parsed.ok) {
      const first = Object.keys(parsed.error)[0];
      if (first !== undefined) setScrollTo((s) => ({ field: first, n: (s?.n ?? 0) + 1 }));
      return;
    }
    // This form's entry is replaced by one that carries the answers, then the result goes on top.
    nav.back();
    nav.push({ name: 'calculator', calculator, draft });
    nav.push({ name: 'calculator-result', draft });
  };

  return (
    <main className="screen calculator-form" data-testid="calculator-form" data-calculator={calculator}>
      <ScreenHeader title={t(`calculators.names.${calculator}.title`)} />
      <p className="screen__lead">
        {t(calculator === 'court-fee' ? 'calculators.form.lead' : 'calculators.form.leadSteppers')}
      </p>
      {errorCount > 0 && (
        <div data-testid="error-summary">
          <StatusNotice tone="warning">{t('calculators.form.errorSummary', { count: errorCount })}</StatusNotice>
        </div>
      )}
      <div className="calc-form" ref={formRef} onFocus={onFocus} onBlur={onBlur}>
        <Fields draft={draft} setDraft={setDraft} errors={errors} today={today} source={configured?.source ?? null} />
      </div>
      {typing && <div className="calc-keyboard-space" aria-hidden="true" />}
      <p className="disclaimer">{t('calculators.disclaimer')}</p>
      <div className="screen-actions">
        <BigButton variant="primary" icon="calculator" data-testid="calculate" onClick={calculate}>
          {t('calculators.form.calculate')}
        </BigButton>
      </div>
    </main>
  );
}

interface FieldsProps<D extends CalculatorDraft> {
  draft: D;
  setDraft(draft: D): void;
  errors: FieldErrors;
  today: DateDraft;
  /** Where the configured local average wage comes from, when the terminal has one. */
  source: string | null;
}

function Fields({ draft, setDraft, ...rest }: FieldsProps<CalculatorDraft>) {
  switch (draft.calculator) {
    case 'economic-compensation':
      return <CompensationFields draft={draft} setDraft={setDraft} {...rest} />;
    case 'double-wages':
      return <DoubleWagesFields draft={draft} setDraft={setDraft} {...rest} />;
    case 'overtime-pay':
      return <OvertimeFields draft={draft} setDraft={setDraft} {...rest} />;
    case 'court-fee':
      return <CourtFeeFields draft={draft} setDraft={setDraft} {...rest} />;
  }
}

function CompensationFields({ draft, setDraft, errors, today, source }: FieldsProps<EconomicCompensationDraft>) {
  const { t } = useTranslation();
  const set = (change: Partial<EconomicCompensationDraft>): void => setDraft({ ...draft, ...change });
  return (
    <>
      <DateField
        name="startDate"
        label={t('calculators.fields.startDate')}
        value={draft.startDate}
        today={today}
        error={errors['startDate']}
        onChange={(v) => set({ startDate: v })}
      />
      <DateField
        name="endDate"
        label={t('calculators.fields.endDate')}
        value={draft.endDate}
        today={today}
        error={errors['endDate']}
        onChange={(v) => set({ endDate: v })}
      />
      <NumberField
        name="averageWage"
        label={t('calculators.fields.averageWage')}
        hint={t('calculators.fields.averageWageHint')}
        value={draft.averageWage}
        unit={t('calculators.form.yuan')}
        error={errors['averageWage']}
        onChange={(v) => set({ averageWage: v })}
      />
      <NumberField
        name="localAverage"
        label={t('calculators.fields.localAverage')}
        hint={source === null ? t('calculators.fields.localAverageHint') : undefined}
        note={source === null ? undefined : t('calculators.fields.localAverageFromConfig', { source })}
        value={draft.localAverage}
        unit={t('calculators.form.yuan')}
        error={errors['localAverage']}
        onChange={(v) => set({ localAverage: v })}
      />
      <ChoiceField
        name="unlawful"
        label={t('calculators.fields.unlawful')}
        options={[
          { value: 'no', label: t('calculators.fields.unlawfulNo') },
          { value: 'yes', label: t('calculators.fields.unlawfulYes') },
        ]}
        isSelected={(v) => (v === 'yes') === draft.unlawful}
        onPress={(v) => set({ unlawful: v === 'yes' })}
      />
    </>
  );
}

function DoubleWagesFields({ draft, setDraft, errors, today }: FieldsProps<DoubleWagesDraft>) {
  const { t } = useTranslation();
  const set = (change: Partial<DoubleWagesDraft>): void => setDraft({ ...draft, ...change });
  return (
    <>
      <DateField
        name="startDate"
        label={t('calculators.fields.startDate')}
        value={draft.startDate}
        today={today}
        error={errors['startDate']}
        onChange={(v) => set({ startDate: v })}
      />
      <ChoiceField
        name="signed"
        label={t('calculators.fields.signed')}
        options={[
          { value: 'no', label: t('calculators.fields.signedNo') },
          { value: 'yes', label: t('calculators.fields.signedYes') },
        ]}
        isSelected={(v) => (v === 'yes') === draft.signed}
        onPress={(v) => set({ signed: v === 'yes' })}
      />
      {draft.signed && (
        <DateField
          name="signedDate"
          label={t('calculators.fields.signedDate')}
          value={draft.signedDate}
          today={today}
          error={errors['signedDate']}
          onChange={(v) => set({ signedDate: v })}
        />
      )}
      <DateField
        name="untilDate"
        label={t('calculators.fields.untilDate')}
        hint={t('calculators.fields.untilDateHint')}
        value={draft.untilDate}
        today={today}
        error={errors['untilDate']}
        onChange={(v) => set({ untilDate: v })}
      />
      <NumberField
        name="monthlyWage"
        label={t('calculators.fields.monthlyWage')}
        hint={t('calculators.fields.monthlyWageHint')}
        value={draft.monthlyWage}
        unit={t('calculators.form.yuan')}
        error={errors['monthlyWage']}
        onChange={(v) => set({ monthlyWage: v })}
      />
    </>
  );
}

function OvertimeFields({ draft, setDraft, errors }: FieldsProps<OvertimeDraft>) {
  const { t } = useTranslation();
  const set = (change: Partial<OvertimeDraft>): void => setDraft({ ...draft, ...change });
  const hours = (name: 'extendedHours' | 'restDayHours' | 'holidayHours') => (
    <NumberField
      name={name}
      label={t(`calculators.fields.${name}`)}
      hint={t('calculators.fields.hoursHint')}
      value={draft[name]}
      unit={t('calculators.form.hours')}
      error={errors[name]}
      steppers
      onChange={(v) => set({ [name]: v })}
    />
  );
  return (
    <>
      <ChoiceField
        name="wageKind"
        label={t('calculators.fields.wageKind')}
        options={[
          { value: 'monthly', label: t('calculators.fields.wageKindMonthly') },
          { value: 'hourly', label: t('calculators.fields.wageKindHourly') },
        ]}
        isSelected={(v) => v === draft.wageKind}
        onPress={(v) => set({ wageKind: v })}
      />
      <NumberField
        name="wage"
        label={t(draft.wageKind === 'monthly' ? 'calculators.fields.monthlyWage' : 'calculators.fields.hourlyWage')}
        hint={draft.wageKind === 'monthly' ? t('calculators.fields.monthlyWageHint') : undefined}
        value={draft.wage}
        unit={t('calculators.form.yuan')}
        error={errors['wage']}
        onChange={(v) => set({ wage: v })}
      />
      {hours('extendedHours')}
      {hours('restDayHours')}
      {hours('holidayHours')}
    </>
  );
}

function CourtFeeFields({ draft, setDraft, errors }: FieldsProps<CourtFeeDraft>) {
  const { t } = useTranslation();
  const toggle = (g: HalvingGround | 'none'): void => {
    if (g === 'none') return setDraft({ ...draft, halving: [] });
    setDraft({
      ...draft,
      halving: draft.halving.includes(g) ? draft.halving.filter((x) => x !== g) : [...draft.halving, g],
    });
  };
  return (
    <>
      <NumberField
        name="claim"
        label={t('calculators.fields.claim')}
        value={draft.claim}
        unit={t('calculators.form.yuan')}
        error={errors['claim']}
        onChange={(v) => setDraft({ ...draft, claim: v })}
      />
      <ChoiceField<HalvingGround | 'none'>
        name="halving"
        label={t('calculators.fields.halving')}
        options={[
          { value: 'none', label: t('calculators.fields.halvingNone') },
          ...HALVING_GROUNDS.map((g) => ({ value: g, label: t(`calculators.halvingGrounds.${g}`) })),
        ]}
        isSelected={(v) => (v === 'none' ? draft.halving.length === 0 : draft.halving.includes(v))}
        onPress={toggle}
      />
    </>
  );
}
