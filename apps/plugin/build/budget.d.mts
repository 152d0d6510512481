export declare const BUDGETS: Readonly<Record<string, number>>;
export declare function checkBudgets(
  bundles: Record<string, { bytes: number; gzipBytes: number }>,
  budgets?: Readonly<Record<string, number>>,
): string[];
