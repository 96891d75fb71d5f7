import type { Screen } from '../app/navigation';

/**
 * Where a situation leads: straight to the answer when it has exactly one
 * question (a list of one is one tap too many), otherwise to its questions —
 * which also explains an empty situation and retries a failed list.
 */
export function situationScreen(situationId: string, questions: readonly { id: string }[] | null): Screen {
  const only = questions !== null && questions.length === 1 ? questions[0] : undefined;
  return only ? { name: 'answer', faqId: only.id } : { name: 'questions', situationId };
}
