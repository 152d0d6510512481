import { catalogueEntry, kintoneScreenMessages, matchKintoneMessage } from '@notta/shared';
import { useId, useState } from 'react';
import { LocalizedText, useT } from '../i18n';
import { stepNumber, stepTitles } from './states';

/**
 * The messages Kintone's own screens show when setup is wrong, quoted exactly, each with its cause, fix and
 * the step that fixes it; pasting what Kintone showed picks out the one that applies.
 */
export function Troubleshooting({ onGoToStep }: { onGoToStep: (step: number) => void }) {
  const { t, text } = useT();
  const [open, setOpen] = useState(false);
  const [pasted, setPasted] = useState('');
  const panelId = useId();
  const pasteId = useId();
  const headingId = useId();
  const match = pasted.trim() ? matchKintoneMessage(pasted) : undefined;

  return (
    <aside className="troubleshooting" aria-labelledby={headingId}>
      <h2 id={headingId} className="troubleshooting__heading">
        <button
          type="button"
          className="troubleshooting__toggle"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen((value) => !value)}
        >
          <span>{t('troubleshooting.title')}</span>
          <span aria-hidden="true" className="troubleshooting__chevron">
            {open ? '−' : '+'}
          </span>
        </button>
      </h2>
      <div id={panelId} className="troubleshooting__panel" hidden={!open}>
        <p className="muted">{t('troubleshooting.intro')}</p>
        <div className="field">
          <label className="field__label" htmlFor={pasteId}>
            {t('troubleshooting.pasteLabel')}
          </label>
          <textarea
            id={pasteId}
            className="input textarea"
            rows={3}
            value={pasted}
            onChange={(event) => setPasted(event.target.value)}
          />
          <p className="field__status" role="status">
            {pasted.trim() &&
              (match ? (
                <>
                  {t('troubleshooting.matched')}{' '}
                  <strong>
                    <LocalizedText value={match.title} />
                  </strong>
                </>
              ) : (
                t('troubleshooting.noMatch')
              ))}
          </p>
        </div>
        <ul className="troubleshooting__list">
          {kintoneScreenMessages.map(({ code, message }) => {
            const entry = catalogueEntry(code);
            const step = entry.step ? stepNumber(entry.step) : null;
            const matched = match?.code === code;
            return (
              <li
                key={code}
                className={`troubleshooting__item${matched ? ' troubleshooting__item--matched' : ''}`}
                aria-current={matched ? 'true' : undefined}
              >
                <blockquote className="troubleshooting__quote" lang="en">
                  “{message}”
                </blockquote>
                <p className="troubleshooting__title">
                  <LocalizedText value={entry.title} />
                </p>
                <dl className="troubleshooting__facts">
                  <dt>{t('error.cause')}</dt>
                  <dd>
                    <LocalizedText value={entry.cause} />
                  </dd>
                  <dt>{t('error.fix')}</dt>
                  <dd>
                    <LocalizedText value={entry.fix} />
                  </dd>
                </dl>
                {step && (
                  <button type="button" className="button button--small" onClick={() => onGoToStep(step)}>
                    {t('wizard.goToStep', { step, title: text(stepTitles[step] ?? 'wizard.step1.title') })}
                  </button>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </aside>
  );
}
