/**
 * What the kiosk offers a citizen, in the order the home screen shows it.
 * Each feature can be switched off per terminal (configuration) and may need
 * a subsystem that is down right now; the home screen shows why a feature is
 * unavailable instead of hiding it or letting it break.
 */
export const FEATURE_IDS = [
  'consultation', // 智能咨询
  'lawLookup', // 法规查询
  'legalAid', // 法律援助
  'documents', // 文书模板
  'mediation', // 调解申请
  'videoCall', // 视频咨询
  'directory', // 机构查询
] as const;
export type FeatureId = (typeof FEATURE_IDS)[number];

/** Features whose screens exist in this build. Later releases extend this list. */
export const BUILT_FEATURES: ReadonlySet<FeatureId> = new Set<FeatureId>([
  'consultation',
  'lawLookup',
  'documents',
  'directory',
  'legalAid',
  'mediation',
  'videoCall',
]);

export type FeatureUnavailableReason =
  /** Switched off in this terminal's configuration. */
  | 'disabled-on-terminal'
  /** Not offered by this version of the kiosk software yet. */
  | 'not-in-this-version'
  /** Needs the hub (video lawyers): the kiosk is not enrolled with one, or its live link to it is not up. */
  | 'needs-hub';

export type FeatureState =
  { id: FeatureId; available: true } | { id: FeatureId; available: false; reason: FeatureUnavailableReason };

export interface FeatureInputs {
  enabled: Readonly<Record<FeatureId, boolean>>;
  built: ReadonlySet<FeatureId>;
  /** The kiosk is enrolled with a hub and its live socket to it is open (calls go over that socket). */
  hubUp: boolean;
}

/** Which subsystem a feature cannot work without. */
const NEEDS_HUB: ReadonlySet<FeatureId> = new Set<FeatureId>(['videoCall']);

export function featureStates({ enabled, built, hubUp }: FeatureInputs): FeatureState[] {
  return FEATURE_IDS.map((id): FeatureState => {
    if (!enabled[id]) return { id, available: false, reason: 'disabled-on-terminal' };
    if (!built.has(id)) return { id, available: false, reason: 'not-in-this-version' };
    if (NEEDS_HUB.has(id) && !hubUp) return { id, available: false, reason: 'needs-hub' };
    return { id, available: true };
  });
}
