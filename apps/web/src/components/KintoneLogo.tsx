/**
 * A neutral placeholder mark for Kintone (not Cybozu's trademarked logo): decorative, the card's heading names it.
 */
export function KintoneLogo() {
  return (
    <svg
      className="integration__logo"
      viewBox="0 0 48 48"
      width="48"
      height="48"
      aria-hidden="true"
      focusable="false"
    >
      <rect width="48" height="48" rx="12" fill="#fff4d6" />
      <rect x="12" y="13" width="24" height="5" rx="2.5" fill="#f5a300" />
      <rect x="12" y="21.5" width="17" height="5" rx="2.5" fill="#f5b82e" />
      <rect x="12" y="30" width="21" height="5" rx="2.5" fill="#f8cb66" />
    </svg>
  );
}
