import type { FeatureUnavailableReason } from '../../common/features';
import type { IconName } from '../../ui/icons/Icon';

/** The icon that repeats, beside the words, why a feature cannot be used. */
export const REASON_ICON: Record<FeatureUnavailableReason, IconName> = {
  'disabled-on-terminal': 'notOffered',
  'not-in-this-version': 'clock',
  'needs-hub': 'disconnected',
};
