import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SHIPPED_POLICY_FILE } from './chromium-policy';

/**
 * The policies the kiosk sets, with the value type Chromium's own policy
 * list gives each (components/policy/resources/templates/policy_definitions/
 * <group>/<Name>.yaml: `type: main` is a boolean, `int-enum` one of the
 * listed integers, `list` an array of strings, `dict` the schema given).
 * Chromium marks a wrongly typed value as an error and ignores it, so a typo
 * here would silently leave a hole in the lockdown.
 */
type Expect =
  { type: 'boolean' } | { type: 'enum'; values: number[] } | { type: 'strings' } | { type: 'autofill-settings' };
const KNOWN: Record<string, Expect> = {
  URLBlocklist: { type: 'strings' },
  URLAllowlist: { type: 'strings' },
  DeveloperToolsAvailability: { type: 'enum', values: [0, 1, 2] },
  DownloadRestrictions: { type: 'enum', values: [0, 1, 2, 3, 4] },
  AllowFileSelectionDialogs: { type: 'boolean' },
  PrintingEnabled: { type: 'boolean' },
  PasswordManagerEnabled: { type: 'boolean' },
  AutofillSettings: { type: 'autofill-settings' },
  SavingBrowserHistoryDisabled: { type: 'boolean' },
  TranslateEnabled: { type: 'boolean' },
  SpellcheckEnabled: { type: 'boolean' },
  BrowserSignin: { type: 'enum', values: [0, 1, 2] },
  SyncDisabled: { type: 'boolean' },
  IncognitoModeAvailability: { type: 'enum', values: [0, 1, 2] },
  BrowserGuestModeEnabled: { type: 'boolean' },
  BrowserAddPersonEnabled: { type: 'boolean' },
  DefaultBrowserSettingEnabled: { type: 'boolean' },
  PromotionsEnabled: { type: 'boolean' },
  HideWebStoreIcon: { type: 'boolean' },
  MetricsReportingEnabled: { type: 'boolean' },
  TaskManagerEndProcessEnabled: { type: 'boolean' },
  DefaultPopupsSetting: { type: 'enum', values: [1, 2] },
  DefaultNotificationsSetting: { type: 'enum', values: [1, 2, 3] },
  DefaultGeolocationSetting: { type: 'enum', values: [1, 2, 3] },
  DefaultSerialGuardSetting: { type: 'enum', values: [2, 3] },
  DefaultWebUsbGuardSetting: { type: 'enum', values: [2, 3] },
  VideoCaptureAllowed: { type: 'boolean' },
  VideoCaptureAllowedUrls: { type: 'strings' },
  AudioCaptureAllowed: { type: 'boolean' },
  AudioCaptureAllowedUrls: { type: 'strings' },
  AutoplayAllowed: { type: 'boolean' },
  DefaultJavaScriptOptimizerSetting: { type: 'enum', values: [1, 2] },
};
const AUTOFILL_TYPES = ['contact_info', 'payments', 'identity_docs', 'travel', 'shopping', 'all'];

function typeProblem(value: unknown, expected: Expect): string | undefined {
  const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
  switch (expected.type) {
    case 'boolean':
      return typeof value === 'boolean' ? undefined : 'expected true or false';
    case 'enum':
      return expected.values.includes(value as number) ? undefined : `expected one of ${expected.values.join(', ')}`;
    case 'strings':
      return isStrings(value) ? undefined : 'expected a list of strings';
    case 'autofill-settings':
      return Array.isArray(value) &&
        value.every(
          (e: unknown) =>
            typeof e === 'object' &&
            e !== null &&
            typeof (e as { url_pattern?: unknown }).url_pattern === 'string' &&
            isStrings((e as { blocked_types?: unknown }).blocked_types) &&
            (e as { blocked_types: string[] }).blocked_types.every((t) => AUTOFILL_TYPES.includes(t)),
        )
        ? undefined
        : 'expected [{ url_pattern, blocked_types }]';
  }
}

const text = readFileSync(SHIPPED_POLICY_FILE, 'utf8');

describe('the shipped Chromium policy', () => {
  it('is one JSON object, with only policies Chromium knows, each with a value of its type', () => {
    const policy = JSON.parse(text) as unknown;
    expect(typeof policy === 'object' && policy !== null && !Array.isArray(policy)).toBe(true);
    const problems = Object.entries(policy as Record<string, unknown>).flatMap(([name, value]) => {
      const expected = KNOWN[name];
      if (expected === undefined) return [`${name}: not a policy in our list of Chromium's policies`];
      const problem = typeProblem(value, expected);
      return problem === undefined ? [] : [`${name}: ${problem}, got ${JSON.stringify(value)}`];
    });
    expect(problems).toEqual([]);
  });

  it('locks the browser down as the security issue asks', () => {
    const p = JSON.parse(text) as Record<string, unknown>;
    expect(p).toMatchObject({
      URLBlocklist: ['*'],
      DeveloperToolsAvailability: 2,
      DownloadRestrictions: 3,
      PrintingEnabled: false,
      PasswordManagerEnabled: false,
      AutofillSettings: [{ url_pattern: '*', blocked_types: ['all'] }],
      TranslateEnabled: false,
      BrowserSignin: 0,
      SyncDisabled: true,
      DefaultPopupsSetting: 2,
      AllowFileSelectionDialogs: false,
      IncognitoModeAvailability: 1,
      VideoCaptureAllowed: false,
      AudioCaptureAllowed: false,
    });
    // Only the local service's origin: any port of 127.0.0.1, nothing else.
    for (const list of ['URLAllowlist', 'VideoCaptureAllowedUrls', 'AudioCaptureAllowedUrls']) {
      expect((p[list] as string[]).length, list).toBeGreaterThan(0);
      for (const pattern of p[list] as string[]) expect(pattern, list).toMatch(/^http:\/\/127\.0\.0\.1(:\*)?$/);
    }
    // The Chromium shell drives its window over the DevTools pipe: remote debugging must stay allowed.
    expect(p['RemoteDebuggingAllowed']).toBeUndefined();
  });
});
