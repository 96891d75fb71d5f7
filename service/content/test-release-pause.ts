import { RELEASE_STEPS, type ReleaseStep, type StepHook } from './release-store';

/** For the kill -9 test only: the step of a content install or switch at which the service stops and waits. */
export const TEST_RELEASE_PAUSE_ENV = 'KIOSK_TEST_RELEASE_PAUSE';

/** The line the service prints when it has reached the step and waits there (to be killed). */
export const releasePausedLine = (step: ReleaseStep): string => `RELEASE_PAUSED=${step}`;

/**
 * The hook a test asks for in KIOSK_TEST_RELEASE_PAUSE (one of RELEASE_STEPS):
 * at that step the service says so on stdout and never goes on, so the test
 * can kill it exactly there. Without the variable (or with anything else)
 * there is no hook, and an install runs straight through.
 */
export function testReleasePause(env: NodeJS.ProcessEnv, say: (line: string) => void): StepHook | undefined {
  const step = RELEASE_STEPS.find((s) => s === env[TEST_RELEASE_PAUSE_ENV]);
  if (step === undefined) return undefined;
  return (reached) => {
    if (reached !== step) return Promise.resolve();
    say(`${releasePausedLine(step)}\n`);
    return new Promise<void>(() => undefined);
  };
}
