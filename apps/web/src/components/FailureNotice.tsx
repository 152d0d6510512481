import type { Failure } from '../api/kintone';
import { useT } from '../i18n';
import { ErrorNotice } from './ErrorNotice';

/** A failed call: the backend's catalogue error, or a plain message when there was no understandable answer. */
export function FailureNotice({ failure }: { failure: Failure }) {
  const { t } = useT();
  if (failure.kind === 'api-error') return <ErrorNotice body={failure.body} />;
  return (
    <div className="notice notice--error" role="alert">
      <p className="notice__title">
        {t(failure.kind === 'network' ? 'failure.network.title' : 'failure.invalid.title')}
      </p>
      <p>{t(failure.kind === 'network' ? 'failure.network.body' : 'failure.invalid.body')}</p>
    </div>
  );
}
