// Size budgets of the bundles, in gzipped bytes (1 KB = 1,000 bytes). The build fails when one is exceeded.

export const BUDGETS = Object.freeze({
  'js/desktop.js': 60_000,
  'js/mobile.js': 60_000,
  'js/config.js': 120_000,
});

/**
 * The bundles over budget, as messages; empty when all fit. `bundles` maps file → { bytes, gzipBytes }.
 * A bundle without a budget, or a budget without its bundle, is an error too: nothing ships unmeasured.
 */
export function checkBudgets(bundles, budgets = BUDGETS) {
  const problems = [];
  for (const [file, limit] of Object.entries(budgets)) {
    const size = bundles[file];
    if (!size)
      problems.push(
        `${file} was not built, so its budget (${limit.toLocaleString('en-US')} B gzip) cannot be checked.`,
      );
    else if (size.gzipBytes > limit)
      problems.push(
        `${file} is ${size.gzipBytes.toLocaleString('en-US')} B gzipped; its budget is ${limit.toLocaleString('en-US')} B.`,
      );
  }
  for (const file of Object.keys(bundles)) {
    if (!(file in budgets)) problems.push(`${file} has no size budget in build/budget.mjs.`);
  }
  return problems;
}
