/** Leaving Notta Web for Kintone's authorization page, in one object so tests can watch it. */
export const browser = {
  assign(url: string): void {
    window.location.assign(url);
  },
};

export function goToAuthorization(url: string): void {
  browser.assign(url);
}
