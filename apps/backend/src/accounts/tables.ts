/** Tables of the accounts feature (users, memberships, sessions, rate limits). Filled in by migration 0002. */
// biome-ignore lint/complexity/noBannedTypes: filled in as the feature lands
export type AccountsTables = {};
