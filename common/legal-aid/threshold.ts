import { z } from 'zod';

/**
 * The local economic-hardship standard. Art. 34 leaves it to each province and
 * requires it to be adjusted over time, and we did not find Hubei's figure:
 * it comes from the terminal's configuration, never from code. `source` names
 * the document it was taken from so a technician can check it; `effectiveFrom`
 * (YYYY-MM-DD) says which version is meant, when the configuration knows it
 * (the kiosk never makes one up).
 */
export const HardshipThreshold = z.object({
  monthlyIncomePerPersonYuan: z.number().nonnegative(),
  /** Some places also cap family assets; absent where the standard has no asset test. */
  familyAssetsYuan: z.number().nonnegative().optional(),
  source: z.string().trim().min(1),
  effectiveFrom: z.iso.date().optional(),
});
export type HardshipThreshold = z.infer<typeof HardshipThreshold>;

/**
 * - within: income (and assets, when both sides have a figure) at or below the standard
 * - income-above / assets-above: the first figure that exceeds it
 * - assets-not-given: income within, but the standard caps assets and none were given
 */
export type ThresholdComparison = 'within' | 'income-above' | 'assets-above' | 'assets-not-given';

/**
 * Equal to the standard counts as within it. The law gives no wording for the
 * edge and local rules differ ("不高于", "低于…的两倍"); the kiosk only
 * pre-checks, and reading the edge in the citizen's favour sends them to the
 * office that decides rather than turning them away.
 */
export function compareWithThreshold(
  figures: { monthlyIncomePerPersonYuan: number; familyAssetsYuan?: number | undefined },
  threshold: HardshipThreshold,
): ThresholdComparison {
  if (figures.monthlyIncomePerPersonYuan > threshold.monthlyIncomePerPersonYuan) return 'income-above';
  if (threshold.familyAssetsYuan === undefined) return 'within';
  if (figures.familyAssetsYuan === undefined) return 'assets-not-given';
  return figures.familyAssetsYuan > threshold.familyAssetsYuan ? 'assets-above' : 'within';
}
