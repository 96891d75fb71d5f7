import type { FeatureId, FeatureState, FeatureUnavailableReason } from '../../common/features';
import type { KioskCallUnavailableReason } from '../../common/api/calls';
import type { ReceiptInput } from '../../common/receipt/receipt';
import type { CalculatorDraft, CalculatorId } from '../calculators/forms';
import type { DirectoryChoice } from '../directory/office-view';
import type { LegalAidAnswers } from '../../common/legal-aid/answers';
import type { CheckDraft, CheckStep } from '../legal-aid/questions';
import type { ShownCaseStatus } from '../case-status/CaseStatusResult';

/**
 * Where the citizen is: a stack of screens with home at the bottom. No router
 * and no URL — the kiosk has no address bar, and the fragment carries the secret.
 */
export type Screen =
  | { name: 'home' }
  | { name: 'feature-unavailable'; feature: FeatureId; reason: FeatureUnavailableReason }
  // 智能咨询: topic → situation → question → answer.
  | { name: 'topics' }
  | { name: 'situations'; topicId: string }
  | { name: 'questions'; situationId: string }
  | { name: 'answer'; faqId: string }
  | { name: 'guide'; guideId: string }
  // 法规查询: category → law → reader; an article on its own.
  | { name: 'law-categories' }
  | { name: 'law-list'; category: string }
  | { name: 'law-reader'; lawId: number; articleId?: number }
  | { name: 'article'; articleId: number }
  // 机构查询: kind → the offices, nearest first → one office.
  | { name: 'directory' }
  | { name: 'directory-list'; choice: DirectoryChoice }
  | { name: 'directory-office'; choice: DirectoryChoice; officeId: string }
  // 算一算 (from 智能咨询): the calculators → a form (its draft kept here, so "back" brings it back) → the result.
  | { name: 'calculators' }
  | { name: 'calculator'; calculator: CalculatorId; draft?: CalculatorDraft }
  | { name: 'calculator-result'; draft: CalculatorDraft }
  | { name: 'print'; source: PrintSource }
  | { name: 'search'; query: string }
  // 文书模板: the list → one template (introduction, form and preview are steps of that one screen, so answers survive them).
  | { name: 'documents' }
  | { name: 'document'; templateId: string }
  // 法律援助: start → one question per screen (the answers so far travel along, so "back" brings them back) → the outcome → the application.
  | { name: 'legal-aid' }
  | { name: 'legal-aid-question'; step: CheckStep; draft: CheckDraft }
  | { name: 'legal-aid-result'; answers: LegalAidAnswers }
  | { name: 'legal-aid-apply'; answers: LegalAidAnswers | null }
  // 调解申请: one screen whose steps hold the answers; 查询办理进度 by the reference on a receipt (any service's).
  | { name: 'mediation' }
  | { name: 'submission-status' }
  // 查询进度: a legal-aid application's or mediation request's status, by its reference and the phone's last four
  // digits; the answer is a screen of its own, so "back" from printing it comes back to it.
  | { name: 'case-status'; answer?: ShownCaseStatus }
  // 视频咨询: one screen whose steps follow the call; `callbackFor` goes straight to a callback request (the hub is out of reach).
  | { name: 'video-call'; callbackFor?: KioskCallUnavailableReason };

/** What a print screen puts on paper. */
export type PrintSource =
  | { kind: 'answer'; faqId: string }
  | { kind: 'guide'; guideId: string }
  | { kind: 'article'; articleId: number }
  /** Built by the screen that prints it (机构查询, 算一算): the slip as previewed. */
  | { kind: 'receipt'; title: string; receipt: ReceiptInput };

/** Kebab-case screen names, also used in client logs (`ClientLogEntry.screen`). */
export type ScreenName = Screen['name'];

export interface NavState {
  /** Never empty; `stack[0]` is always home. */
  stack: readonly [Screen, ...Screen[]];
  /** Bumped by `reset`, used as a React key so every screen's local state is dropped. */
  generation: number;
}

export type NavAction =
  | { type: 'push'; screen: Screen }
  | { type: 'back' }
  | { type: 'home' }
  /** End of a session: home, with nothing of the previous citizen kept. */
  | { type: 'reset' };

const HOME: Screen = { name: 'home' };

export const initialNavState: NavState = { stack: [HOME], generation: 0 };

function sameScreen(a: Screen, b: Screen): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function navReducer(state: NavState, action: NavAction): NavState {
  switch (action.type) {
    case 'push': {
      // A double tap must not stack the same screen twice (back would seem broken).
      if (sameScreen(currentScreen(state), action.screen)) return state;
      if (action.screen.name === 'home') return navReducer(state, { type: 'home' });
      return { ...state, stack: [...state.stack, action.screen] };
    }
    case 'back': {
      if (state.stack.length <= 1) return state;
      const [home, ...rest] = state.stack;
      return { ...state, stack: [home, ...rest.slice(0, -1)] };
    }
    case 'home':
      if (state.stack.length === 1) return state;
      return { ...state, stack: [state.stack[0]] };
    case 'reset':
      return { stack: [HOME], generation: state.generation + 1 };
  }
}

export function currentScreen(state: NavState): Screen {
  return state.stack[state.stack.length - 1] ?? HOME;
}

/**
 * The screen each feature opens. Features without one here are "not in this
 * version"; each later issue adds its own (and lists it in BUILT_FEATURES).
 */
const FEATURE_SCREENS: Partial<Record<FeatureId, Screen>> = {
  consultation: { name: 'topics' },
  lawLookup: { name: 'law-categories' },
  directory: { name: 'directory' },
  documents: { name: 'documents' },
  legalAid: { name: 'legal-aid' },
  mediation: { name: 'mediation' },
  videoCall: { name: 'video-call' },
};

/**
 * Where a home tile leads: the feature's screen when it is available and this
 * UI has one, otherwise the explanation of why not. A service newer than this
 * UI may call a feature available that has no screen here; that is "not in
 * this version", never a dead button.
 */
export function featureTarget(feature: FeatureState): Screen {
  const screen = feature.available ? FEATURE_SCREENS[feature.id] : undefined;
  if (screen) return screen;
  return {
    name: 'feature-unavailable',
    feature: feature.id,
    reason: feature.available ? 'not-in-this-version' : feature.reason,
  };
}
