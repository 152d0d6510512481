/** Tables of the Kintone connection (OAuth states, grants). Filled in by migration 0003. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the feature lands
export type KintoneTables = {};
