import { z } from 'zod';
import { ACCOUNT_PROBLEMS, USER_ROLES } from '../accounts';
import { PASSWORD_PROBLEMS } from '../password-policy';

/**
 * The bodies and answers of the hub's account routes. Refusals the console
 * shows in words (a wrong password, a password the policy does not allow,
 * a wrong field) come back as answers with a reason code, each of which has
 * its words in the catalogue (hubAccounts); a request the contract refuses
 * (a missing field, a code that is not six digits) is a 400.
 */

export const UserRoleSchema = z.enum(USER_ROLES);

/** Passwords are checked against the policy (12–128 characters) on the hub; this only bounds the work. */
const PasswordField = z.string().min(1).max(1024);
/** Login names are normalised and checked on the hub (common/hub/accounts.ts); this only bounds the text. */
const LoginField = z.string().min(1).max(64);
/** A TOTP code as an authenticator app shows it; the console drops the space some apps show in the middle. */
export const TotpCode = z.string().regex(/^\d{6}$/, 'expected the 6 digits the authenticator app shows');

/** The signed-in person, as their console sees them. */
export const Me = z.object({
  id: z.number().int(),
  login: z.string(),
  displayName: z.string().nullable(),
  role: UserRoleSchema,
  regionCode: z.string().nullable(),
  /** A second factor is set up (and asked at every sign-in). */
  totpEnabled: z.boolean(),
});
export type Me = z.infer<typeof Me>;

export const SignInRequest = z.strictObject({
  login: LoginField,
  password: PasswordField,
  /** Needed once the account has TOTP; left out the first time, the answer says whether it is needed. */
  totpCode: TotpCode.optional(),
});

/** `too-many-attempts`: the caller's address failed too often lately (whatever the account); `lockedUntil` says until when. */
export const SIGN_IN_REFUSALS = ['wrong-credentials', 'wrong-totp', 'locked', 'disabled', 'too-many-attempts'] as const;
export type SignInRefusalReason = (typeof SIGN_IN_REFUSALS)[number];

/**
 * - `signed-in`: a session cookie came with the answer.
 * - `totp-setup-required`: the role needs a second factor that is not set
 *   up; the cookie's session may only set it up (and sign out).
 * - `totp-required`: the password was right, now the code is needed.
 * - `refused`: `wrong-credentials` says nothing of whether the login
 *   exists; `locked` and a refusal that locked the account give the time
 *   the lock ends; `disabled` is told only with the right password.
 */
export const SignInResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('signed-in'), user: Me }),
  z.object({ outcome: z.literal('totp-setup-required'), user: Me }),
  z.object({ outcome: z.literal('totp-required') }),
  z.object({
    outcome: z.literal('refused'),
    reason: z.enum(SIGN_IN_REFUSALS),
    /** ISO time the lock ends, when the account is locked (or this attempt locked it). */
    lockedUntil: z.string().nullable(),
  }),
]);
export type SignInResponse = z.infer<typeof SignInResponse>;

export const MeResponse = z.object({
  user: Me,
  session: z.object({
    /** The session may only set up TOTP until it is confirmed. */
    totpSetupRequired: z.boolean(),
    /** The session ends after this long without a request. */
    idleTimeoutSeconds: z.number().int(),
  }),
});

/** Shown once: the secret, and the otpauth:// URI an authenticator app reads from a QR code. */
export const TotpStartResponse = z.object({ secret: z.string(), uri: z.string() });

export const TotpConfirmRequest = z.strictObject({ code: TotpCode });
export const TotpConfirmResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('confirmed'), user: Me }),
  z.object({ outcome: z.literal('wrong-code') }),
]);

/** An account as an administrator sees it: never a password, hash or TOTP secret. */
export const UserListing = Me.extend({
  disabledAt: z.string().nullable(),
  failedSignIns: z.number().int(),
  lockedUntil: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const UsersResponse = z.object({ users: z.array(UserListing) });

const AccountProblemSchema = z.enum(ACCOUNT_PROBLEMS);
const PasswordProblemSchema = z.enum(PASSWORD_PROBLEMS);

export const CreateUserRequest = z.strictObject({
  login: LoginField,
  role: UserRoleSchema,
  regionCode: z.string().max(16).nullable().optional(),
  displayName: z.string().max(200).nullable().optional(),
  /** The first password, which the administrator passes on; the policy applies. */
  password: PasswordField,
});
export const CreateUserResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('created'), user: UserListing }),
  z.object({
    outcome: z.literal('refused'),
    accountProblems: z.array(AccountProblemSchema),
    passwordProblems: z.array(PasswordProblemSchema),
  }),
]);

export const UserByLogin = z.strictObject({ login: LoginField });
export const DisableUserResponse = z.object({ outcome: z.enum(['disabled', 'already-disabled']) });

/** `unchanged`: the account had no second factor set up. */
export const ResetTotpResponse = z.object({ outcome: z.enum(['done', 'unchanged']) });

export const ResetPasswordRequest = z.strictObject({ login: LoginField, password: PasswordField });
export const ResetPasswordResponse = z.discriminatedUnion('outcome', [
  z.object({ outcome: z.literal('done') }),
  z.object({ outcome: z.literal('refused'), passwordProblems: z.array(PasswordProblemSchema) }),
]);

export const AUDIT_PAGE_MAX = 500;
export const AuditListRequest = z.strictObject({
  limit: z.number().int().min(1).max(AUDIT_PAGE_MAX).default(100),
  /** The page before this row (rows with a smaller id); the newest page when left out. */
  beforeId: z.number().int().positive().optional(),
});
export const AuditListResponse = z.object({
  entries: z.array(
    z.object({
      id: z.number().int(),
      at: z.string(),
      actor: z.string(),
      action: z.string(),
      target: z.string().nullable(),
      details: z.record(z.string(), z.unknown()),
    }),
  ),
});
