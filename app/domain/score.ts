/**
 * Scores in one unit. Every stored score is in thousandths of a point ("milli-points", integers):
 * attempt_items.score_milli, attempts.score_milli and attempts.max_score_milli. Points a trainer types
 * (an exam blueprint's points per question, whole numbers, kept as typed on the paper's items) are
 * converted once, by pointsToMilli. The percentage is derived from the two milli totals by percentBp,
 * stored as basis points (percent × 100) so that reports can sort and filter on it. People always read
 * points (87.5), never thousandths.
 */

export const MILLI_PER_POINT = 1000;

/** Points as typed (the blueprint's whole points) → thousandths of a point. */
export function pointsToMilli(points: number): number {
  return Math.round(points * MILLI_PER_POINT);
}

/** An item's score in thousandths: the share earned (0..1, from the grader) of the item's points. */
export function itemScoreMilli(share: number, points: number): number {
  return Math.round(share * points * MILLI_PER_POINT);
}

/** Thousandths of a point → points, exact to three decimals: 87500 → 87.5. */
export function milliToPoints(milli: number): number {
  return Math.round(milli) / MILLI_PER_POINT;
}

/** The share of the paper's points earned, in basis points (percent × 100, rounded): the one formula. */
export function percentBp(scoreMilli: number, maxScoreMilli: number): number {
  return maxScoreMilli > 0 ? Math.round((scoreMilli / maxScoreMilli) * 10_000) : 0;
}

/** Whether a percentage (basis points) reaches the exam's pass mark (whole percent). */
export function reachesPassMark(bp: number, passPercent: number): boolean {
  return bp >= passPercent * 100;
}
