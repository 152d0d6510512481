/** A page or section that is still loading: a spinner and a status line screen readers announce. */
export function Loading({ text }: { text: string }) {
  return (
    <p className="page-loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {text}
    </p>
  );
}
