import type { ApiErrorBody } from '@notta/shared';
import { useId } from 'react';
import { LocalizedText, useT } from '../i18n';

/** Shows an error the backend answered with (`apiErrorBody`) in the current language: title, cause, fix, request ID. */
export function ErrorNotice({ body }: { body: ApiErrorBody }) {
  const { t } = useT();
  const titleId = useId();
  const { error } = body;

  return (
    <section className="notice notice--error" role="alert" aria-labelledby={titleId}>
      <h2 className="notice__title" id={titleId}>
        <LocalizedText value={error.title} />
      </h2>
      <dl className="notice__facts">
        <div>
          <dt>{t('error.cause')}</dt>
          <dd>
            <LocalizedText value={error.cause} />
          </dd>
        </div>
        <div>
          <dt>{t('error.fix')}</dt>
          <dd>
            <LocalizedText value={error.fix} />
          </dd>
        </div>
        {error.fields && error.fields.length > 0 && (
          <div>
            <dt>{t('error.fields')}</dt>
            <dd>
              <ul className="notice__fields">
                {error.fields.map((field) => (
                  <li key={field.path}>
                    <code>{field.path}</code>: {field.message}
                  </li>
                ))}
              </ul>
            </dd>
          </div>
        )}
      </dl>
      <p className="notice__meta">
        <span>
          {t('error.code')}: <code>{error.code}</code>
        </span>
        {error.requestId && (
          <span>
            {t('error.requestId')}: <code>{error.requestId}</code>
          </span>
        )}
      </p>
    </section>
  );
}
