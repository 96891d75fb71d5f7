import { type ReactNode, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Health } from '../../common/api/health';
import {
  APPLYING_AS,
  ART25_SITUATIONS,
  ART42_GROUPS,
  type Art25Situation,
  type Art42Group,
} from '../../common/legal-aid/answers';
import { useNavigation } from '../app/NavigationContext';
import { BigButton } from '../../ui/buttons/BigButton';
import type { IconName } from '../../ui/icons/Icon';
import { ScreenHeader } from '../shared/ScreenHeader';
import {
  type CheckDraft,
  type CheckStep,
  MATTER_CHOICES,
  MATTER_GROUPS,
  type MatterChoice,
  type MatterGroup,
  nextStep,
  questionNumber,
  toAnswers,
} from './questions';
import { ListButton } from '../../ui/buttons/ListButton';
import { ChoiceButton } from '../flow/ChoiceButton';
import '../shared/content.css';
import '../flow/flows.css';
import './legal-aid.css';

const GROUP_ICON: Readonly<Record<MatterGroup, IconName>> = {
  work: 'wallet',
  injury: 'bandage',
  family: 'family',
  welfare: 'umbrella',
  criminal: 'alert',
  state: 'building',
  special: 'shield',
  other: 'contents',
};

const CHOICE_ICON: Readonly<Record<MatterChoice, IconName>> = {
  wages: 'wallet',
  'labour-relation': 'handshake',
  'work-injury': 'bandage',
  'other-personal-injury': 'car',
  environment: 'umbrella',
  'support-payments': 'family',
  'abuse-abandonment-domestic-violence': 'shield',
  'civil-capacity': 'person',
  'social-insurance-or-assistance': 'umbrella',
  'survivor-or-disability-pension': 'wallet',
  'criminal-defence': 'scales',
  victim: 'alert',
  'private-prosecutor': 'scales',
  'incidental-civil-plaintiff': 'wallet',
  'compulsory-medical-treatment': 'bandage',
  'state-compensation': 'building',
  'retrial-acquittal-compensation': 'scales',
  bravery: 'shield',
  'martyr-relative': 'shield',
  'retrial-accepted': 'scales',
  'civil-other': 'contents',
};

const SITUATION_ICON: Readonly<Record<Art25Situation, IconName>> = {
  minor: 'child',
  'visual-hearing-speech-disability': 'accessible',
  'cannot-fully-understand-own-conduct': 'person',
  'may-face-life-or-death': 'alert',
  'death-penalty-review': 'scales',
  'tried-in-absentia': 'building',
};

const GROUPS_ICON: Readonly<Record<Art42Group, IconName>> = {
  'migrant-worker': 'worker',
  'social-assistance': 'umbrella',
  'judicial-assistance': 'scales',
  'special-care': 'shield',
  'elderly-without-livelihood': 'elder',
  'disabled-without-livelihood': 'accessible',
  'minor-without-livelihood': 'child',
};

/** Art. 42 groups in the order the screen lists them: the most asked-about first. */
const GROUPS_ORDER: readonly Art42Group[] = [
  'migrant-worker',
  'social-assistance',
  'elderly-without-livelihood',
  'disabled-without-livelihood',
  'minor-without-livelihood',
  'special-care',
  'judicial-assistance',
];

/**
 * One question of the check, its answers as big buttons with icons, and
 * "不清楚" wherever the office can find out instead. A tap answers and moves
 * on; where several answers can hold together (the groups of Art. 42, the
 * situations of Art. 25) they are ticked, then "下一步".
 */
export function LegalAidQuestionScreen({
  step,
  draft,
  health,
}: {
  step: CheckStep;
  draft: CheckDraft;
  health: Health;
}) {
  const { t } = useTranslation();
  const nav = useNavigation();
  const threshold = health.terminal.legalAid.threshold;

  const answer = (patch: Partial<CheckDraft>): void => {
    const next: CheckDraft = { ...draft, ...patch };
    const following = nextStep(next, threshold);
    nav.push(
      following === 'result'
        ? { name: 'legal-aid-result', answers: toAnswers(next, threshold) }
        : { name: 'legal-aid-question', step: following, draft: next },
    );
  };

  return (
    <main className="screen legal-aid-question" data-testid="legal-aid-question" data-step={step}>
      <ScreenHeader title={t('legalAid.ask.title')} />
      {/* Not a paragraph: 朗读 reads the heading and the first paragraph, which is the question. */}
      <div className="la-question__number">{t('legalAid.ask.questionNumber', { number: questionNumber(draft) })}</div>
      <Question step={step} draft={draft} health={health} onAnswer={answer} />
    </main>
  );
}

function Question({
  step,
  draft,
  health,
  onAnswer,
}: {
  step: CheckStep;
  draft: CheckDraft;
  health: Health;
  onAnswer(patch: Partial<CheckDraft>): void;
}) {
  const { t } = useTranslation();
  const unsure = (patch: Partial<CheckDraft>) => (
    <ListButton icon="topic" testId="choice-unsure" onPress={() => onAnswer(patch)}>
      {t('legalAid.ask.unsure')}
    </ListButton>
  );
  switch (step) {
    case 'matter-group':
      return (
        <Choices question={t('legalAid.ask.matter-group.question')} hint={t('legalAid.ask.matter-group.hint')}>
          {MATTER_GROUPS.map((g) => (
            <li key={g}>
              <ListButton icon={GROUP_ICON[g]} testId={`choice-${g}`} onPress={() => onAnswer({ group: g })}>
                {t(`legalAid.ask.matter-group.options.${g}`)}
              </ListButton>
            </li>
          ))}
          <li>{unsure({ group: 'unsure' })}</li>
        </Choices>
      );
    case 'matter': {
      const group = draft.group === undefined || draft.group === 'unsure' ? 'other' : draft.group;
      return (
        <Choices question={t('legalAid.ask.matter.question')} hint={t('legalAid.ask.matter.hint')}>
          {MATTER_CHOICES[group].map((c: MatterChoice) => (
            <li key={c}>
              <ListButton icon={CHOICE_ICON[c]} testId={`choice-${c}`} onPress={() => onAnswer({ matter: c })}>
                {t(`legalAid.ask.matter.options.${c}`)}
              </ListButton>
            </li>
          ))}
          <li>{unsure({ matter: 'unsure' })}</li>
        </Choices>
      );
    }
    case 'defence-situations':
      return (
        <PickSeveral
          question={t('legalAid.ask.defence-situations.question')}
          options={ART25_SITUATIONS.map((s) => ({
            value: s,
            icon: SITUATION_ICON[s],
            label: t(`legalAid.ask.defence-situations.options.${s}`),
          }))}
          onDone={(picked) => onAnswer({ situations: picked })}
        />
      );
    case 'for-whom':
      return (
        <Choices question={t('legalAid.ask.for-whom.question')}>
          {APPLYING_AS.map((a) => (
            <li key={a}>
              <ListButton
                icon={a === 'self' ? 'person' : a === 'close-relative' ? 'family' : 'shield'}
                testId={`choice-${a}`}
                onPress={() => onAnswer({ applyingAs: a })}
              >
                {t(`legalAid.ask.for-whom.options.${a}`)}
              </ListButton>
            </li>
          ))}
        </Choices>
      );
    case 'groups':
      return (
        <PickSeveral
          question={t('legalAid.ask.groups.question')}
          options={GROUPS_ORDER.map((g) => ({
            value: g,
            icon: GROUPS_ICON[g],
            label: t(`legalAid.ask.groups.options.${g}`),
          }))}
          onDone={(picked) => onAnswer({ groups: ART42_GROUPS.filter((g) => picked.includes(g)) })}
        />
      );
    case 'agent':
      return (
        <Choices question={t('legalAid.ask.agent.question')} hint={t('legalAid.ask.agent.hint')}>
          <li>
            <ListButton icon="briefcase" testId="choice-yes" onPress={() => onAnswer({ hasAgent: 'yes' })}>
              {t('legalAid.ask.agent.options.yes')}
            </ListButton>
          </li>
          <li>
            <ListButton icon="notOffered" testId="choice-no" onPress={() => onAnswer({ hasAgent: 'no' })}>
              {t('legalAid.ask.agent.options.no')}
            </ListButton>
          </li>
          <li>{unsure({ hasAgent: 'unsure' })}</li>
        </Choices>
      );
    case 'court':
      return (
        <Choices question={t('legalAid.ask.court.question')}>
          <li>
            <ListButton icon="scales" testId="choice-yes" onPress={() => onAnswer({ inCourt: 'yes' })}>
              {t('legalAid.ask.court.options.yes')}
            </ListButton>
          </li>
          <li>
            <ListButton icon="handshake" testId="choice-no" onPress={() => onAnswer({ inCourt: 'no' })}>
              {t('legalAid.ask.court.options.no')}
            </ListButton>
          </li>
          <li>{unsure({ inCourt: 'unsure' })}</li>
        </Choices>
      );
    case 'urgency':
      return (
        <Choices question={t('legalAid.ask.urgency.question')} hint={t('legalAid.ask.urgency.hint')}>
          <li>
            <ListButton icon="clock" testId="choice-deadline" onPress={() => onAnswer({ urgency: 'deadline' })}>
              {t('legalAid.ask.urgency.options.deadline')}
            </ListButton>
          </li>
          <li>
            <ListButton icon="key" testId="choice-preservation" onPress={() => onAnswer({ urgency: 'preservation' })}>
              {t('legalAid.ask.urgency.options.preservation')}
            </ListButton>
          </li>
          <li>
            <ListButton icon="notOffered" testId="choice-none" onPress={() => onAnswer({ urgency: 'none' })}>
              {t('legalAid.ask.urgency.options.none')}
            </ListButton>
          </li>
          <li>{unsure({ urgency: 'unsure' })}</li>
        </Choices>
      );
    case 'income': {
      const { province, threshold } = health.terminal.legalAid;
      return (
        <Choices
          question={t('legalAid.ask.income.question')}
          hint={t('legalAid.ask.income.hint')}
          extra={
            <div className="accent-box la-standard" data-testid="legal-aid-standard">
              <p className="la-standard__figure">
                {t('legalAid.ask.income.standard', { province, amount: threshold.monthlyIncomePerPersonYuan })}
              </p>
              <p className="la-standard__source" lang="zh-CN">
                {t('legalAid.ask.income.source', { source: threshold.source })}
              </p>
            </div>
          }
        >
          <li>
            <ListButton icon="ok" testId="choice-within" onPress={() => onAnswer({ income: 'within' })}>
              {t('legalAid.ask.income.options.within')}
            </ListButton>
          </li>
          <li>
            <ListButton icon="wallet" testId="choice-above" onPress={() => onAnswer({ income: 'above' })}>
              {t('legalAid.ask.income.options.above')}
            </ListButton>
          </li>
          <li>
            <ListButton icon="pen" testId="choice-pledge" onPress={() => onAnswer({ income: 'pledge' })}>
              {t('legalAid.ask.income.options.pledge')}
            </ListButton>
          </li>
          <li>{unsure({ income: 'unsure' })}</li>
        </Choices>
      );
    }
  }
}

function Choices({
  question,
  hint,
  extra,
  children,
}: {
  question: string;
  hint?: string;
  extra?: ReactNode;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <section className="la-question" aria-labelledby={headingId}>
      {/* A heading that is also the screen's first paragraph, so 朗读 speaks the question. */}
      <p className="la-question__text" id={headingId} role="heading" aria-level={2}>
        {question}
      </p>
      {hint && <p className="screen__lead">{hint}</p>}
      {extra}
      <ul className="choice-list la-choices">{children}</ul>
    </section>
  );
}

/** Several answers can hold together: tick them, then "下一步"; "都不是" and "不清楚" move on with none. */
function PickSeveral<V extends string>({
  question,
  options,
  onDone,
}: {
  question: string;
  options: readonly { value: V; icon: IconName; label: string }[];
  onDone(picked: V[]): void;
}) {
  const { t } = useTranslation();
  const [picked, setPicked] = useState<readonly V[]>([]);
  const toggle = (v: V): void => setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p, v]));
  return (
    <Choices question={question} hint={t('legalAid.ask.pickAny')}>
      {options.map((o) => (
        <li key={o.value}>
          <ChoiceButton
            icon={o.icon}
            chosen={picked.includes(o.value)}
            testId={`choice-${o.value}`}
            onPress={() => toggle(o.value)}
          >
            {o.label}
          </ChoiceButton>
        </li>
      ))}
      <li className="la-choices__after">
        {picked.length > 0 ? (
          <BigButton variant="primary" icon="forward" data-testid="choice-next" onClick={() => onDone([...picked])}>
            {t('legalAid.ask.next')}
          </BigButton>
        ) : (
          <div className="la-choices__none">
            <ListButton icon="notOffered" testId="choice-none" onPress={() => onDone([])}>
              {t('legalAid.ask.noneOfThese')}
            </ListButton>
            <ListButton icon="topic" testId="choice-unsure" onPress={() => onDone([])}>
              {t('legalAid.ask.unsure')}
            </ListButton>
          </div>
        )}
      </li>
    </Choices>
  );
}
