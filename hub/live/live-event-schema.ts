import { z } from 'zod';
import { CallEndReasonSchema, CallId, CallSignal } from '../../common/hub/api/calls';
import { KioskCaseStatus } from '../../common/hub/cases';
import type { LiveEvent } from './live-bus';

/**
 * Events arriving from Redis are read like any input from outside the
 * process: another instance of another version, or anything else that can
 * publish on the server, may send what this one does not know. The
 * `satisfies` ties the schema to the LiveEvent type, so an event type added
 * there and not here fails the type check.
 */
const KioskId = z.number().int().positive();
const RegionCode = z.string().regex(/^\d{6}$/);
const UserId = z.number().int().positive();

export const LiveEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('kiosk-changed'), kioskId: KioskId, regionCode: RegionCode }),
  z.strictObject({ type: z.literal('alerts-changed'), kioskId: KioskId, regionCode: RegionCode }),
  z.strictObject({ type: z.literal('kiosk-revoked'), kioskId: KioskId, regionCode: RegionCode }),
  z.strictObject({ type: z.literal('session-ended'), sessionId: z.string().min(1).max(200) }),
  z.strictObject({ type: z.literal('calls-changed') }),
  z.strictObject({ type: z.literal('call-answered'), callId: CallId, kioskId: KioskId, lawyerId: UserId }),
  z.strictObject({
    type: z.literal('call-ended'),
    callId: CallId,
    kioskId: KioskId,
    lawyerId: UserId.nullable(),
    reason: CallEndReasonSchema,
    wasAnswered: z.boolean(),
  }),
  z.strictObject({
    type: z.literal('call-signal'),
    callId: CallId,
    to: z.enum(['kiosk', 'lawyer']),
    kioskId: KioskId,
    lawyerId: UserId,
    signal: CallSignal,
  }),
  z.strictObject({ type: z.literal('call-document'), callId: CallId, kioskId: KioskId, documentId: z.uuid() }),
  z.strictObject({ type: z.literal('case-status'), kioskId: KioskId, status: KioskCaseStatus }),
  z.strictObject({ type: z.literal('cases-changed'), regionCode: RegionCode }),
  z.strictObject({ type: z.literal('kiosk-command'), kioskId: KioskId }),
]) satisfies z.ZodType<LiveEvent>;
