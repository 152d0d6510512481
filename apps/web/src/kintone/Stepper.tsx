import { useT } from '../i18n';
import { stepTitles } from './states';

/** The four setup steps: where the admin is, what is done, and a way back to any step already reached. */
export function Stepper({
  current,
  furthest,
  complete,
  busy,
  onGo,
}: {
  current: number;
  furthest: number;
  /** Every step is done (the workspace is authorized). */
  complete: boolean;
  busy: boolean;
  onGo: (step: number) => void;
}) {
  const { t, text } = useT();
  return (
    <nav className="stepper" aria-label={t('wizard.stepper.label')}>
      <ol className="stepper__list">
        {[1, 2, 3, 4].map((step) => {
          const title = text(stepTitles[step] ?? 'wizard.step1.title');
          const done = complete || step < furthest;
          const status =
            step === current ? 'current' : done ? 'done' : step <= furthest ? 'reached' : 'upcoming';
          const label = (
            <>
              <span className="stepper__number" aria-hidden="true">
                {done && step !== current ? '✓' : step}
              </span>
              <span className="stepper__text">
                <span className="stepper__caption">{t('wizard.stepper.step', { step })}</span>
                <span className="stepper__title">{title}</span>
                <span className="visually-hidden">
                  {status === 'done'
                    ? t('wizard.stepper.done')
                    : status === 'current'
                      ? t('wizard.stepper.current')
                      : ''}
                </span>
              </span>
            </>
          );
          return (
            <li key={step} className={`stepper__item stepper__item--${status}`}>
              {step !== current && step <= furthest ? (
                <button type="button" className="stepper__button" onClick={() => onGo(step)} disabled={busy}>
                  {label}
                </button>
              ) : (
                <span className="stepper__button" aria-current={step === current ? 'step' : undefined}>
                  {label}
                </span>
              )}
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
