import type { ReactNode } from 'react';

export type Tone = 'neutral' | 'success' | 'warning' | 'danger';

/** A short state label (for example "Not connected"); the text carries the meaning, the colour only repeats it. */
export function StatusPill({ tone, children }: { tone: Tone; children: ReactNode }) {
  return (
    <span className={`pill pill--${tone}`}>
      <span className="pill__dot" aria-hidden="true" />
      {children}
    </span>
  );
}
