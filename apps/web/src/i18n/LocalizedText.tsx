import type { Localized } from '@notta/shared';
import { useT } from './I18nProvider';

/** Renders a shared `Localized` value (for example a catalogue error's cause or fix) in the current language. */
export function LocalizedText({ value }: { value: Localized }) {
  const { localize } = useT();
  return <>{localize(value)}</>;
}
