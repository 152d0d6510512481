import { useEffect, useId, useRef, useState } from 'react';
import { useT } from '../i18n';

type CopyState = 'idle' | 'copied' | 'manual';

/**
 * A value the admin pastes somewhere else (Kintone's settings), with a Copy button. When the clipboard is
 * not available (an insecure origin, a refused permission), the value is selected and the user told to copy it.
 */
export function CopyField({ label, value, hint }: { label: string; value: string; hint?: string }) {
  const { t } = useT();
  const inputId = useId();
  const hintId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [state, setState] = useState<CopyState>('idle');

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), 2500);
    return () => window.clearTimeout(timer);
  }, [state]);

  const copy = async () => {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      input.current?.focus();
      input.current?.select();
      setState('manual');
    }
  };

  return (
    <div className="copy-field">
      <label className="copy-field__label" htmlFor={inputId}>
        {label}
      </label>
      <div className="copy-field__row">
        <input
          ref={input}
          id={inputId}
          className="copy-field__value"
          value={value}
          readOnly
          spellCheck={false}
          onFocus={(event) => event.currentTarget.select()}
          {...(hint ? { 'aria-describedby': hintId } : {})}
        />
        <button
          type="button"
          className="button copy-field__button"
          onClick={() => void copy()}
          aria-label={t('copy.buttonLabel', { label })}
        >
          {state === 'copied' ? t('copy.copied') : t('copy.button')}
        </button>
      </div>
      {hint && (
        <p className="field__hint" id={hintId}>
          {hint}
        </p>
      )}
      <p className="copy-field__status" role="status">
        {state === 'copied' && t('copy.copiedLabel', { label })}
        {state === 'manual' && t('copy.manual')}
      </p>
    </div>
  );
}
