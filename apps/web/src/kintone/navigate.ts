/** Leaves Notta Web for Kintone's authorization page. One place, so tests can watch it. */
export function goToAuthorization(url: string): void {
  window.location.assign(url);
}
