import { isErrorCode, toApiErrorBody } from '@notta/shared';
import { ErrorNotice } from '../components/ErrorNotice';
import { useT } from '../i18n';

/** The catalogue entry for a code the backend sent in a redirect or a check result; a generic error otherwise. */
export function CatalogueCodeNotice({ code }: { code: string }) {
  const { t } = useT();
  if (isErrorCode(code)) return <ErrorNotice body={toApiErrorBody(code)} />;
  return (
    <section className="notice notice--error" role="alert">
      <h2 className="notice__title">{t('failure.unknown.title')}</h2>
      <p>{t('failure.unknown.body')}</p>
      <p className="notice__meta">
        <span>
          {t('error.code')}: <code>{code}</code>
        </span>
      </p>
    </section>
  );
}
