import type { HealthResponse, ReadinessResponse } from '@notta/shared';
import { useCallback, useEffect, useId, useRef, useState } from 'react';
import type { FetchOutcome } from '../api/fetchJson';
import { checkSystem, HEALTH_PATH, READINESS_PATH, type SystemCheck } from '../api/system';
import { ErrorNotice } from '../components/ErrorNotice';
import { StatusPill, type Tone } from '../components/StatusPill';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { type MessageKey, useT } from '../i18n';

type Verdict = 'ready' | 'unavailable' | 'network' | 'invalid';

/** What `/readyz` says about the whole system; it decides the headline. */
function verdictOf(readiness: FetchOutcome<ReadinessResponse>): Verdict {
  switch (readiness.kind) {
    case 'ok':
      return readiness.data.status === 'ready' ? 'ready' : 'unavailable';
    case 'api-error':
      return 'unavailable';
    case 'network':
      return 'network';
    case 'invalid':
      return 'invalid';
  }
}

const headline = {
  ready: { title: 'status.ready.title', tone: 'success', pill: 'status.readiness.ready' },
  unavailable: { title: 'status.unavailable.title', tone: 'danger', pill: 'status.readiness.unavailable' },
  network: { title: 'status.network.title', tone: 'danger', pill: 'status.readiness.unreachable' },
  invalid: { title: 'status.invalid.title', tone: 'warning', pill: 'status.readiness.unknown' },
} as const satisfies Record<Verdict, { title: MessageKey; tone: Tone; pill: MessageKey }>;

function useSystemCheck() {
  const [check, setCheck] = useState<SystemCheck | null>(null);
  const [checking, setChecking] = useState(true);
  const inFlight = useRef<AbortController | null>(null);

  const refresh = useCallback(() => {
    inFlight.current?.abort();
    const controller = new AbortController();
    inFlight.current = controller;
    setChecking(true);
    void checkSystem(controller.signal).then((result) => {
      if (controller.signal.aborted) return;
      setCheck(result);
      setChecking(false);
    });
  }, []);

  useEffect(() => {
    refresh();
    return () => inFlight.current?.abort();
  }, [refresh]);

  return { check, checking, refresh };
}

/** System status: is the backend up (`/healthz`), and can it serve requests (`/readyz`)? */
export function StatusPage() {
  const { t, locale } = useT();
  useDocumentTitle(t('status.title'));
  const { check, checking, refresh } = useSystemCheck();
  const summaryId = useId();
  const detailsId = useId();

  return (
    <div className="page">
      <div className="page__header">
        <h1>{t('status.title')}</h1>
        <p className="lead">{t('status.intro')}</p>
      </div>

      <section
        className={`status-summary status-summary--${check ? headline[verdictOf(check.readiness)].tone : 'neutral'}`}
        aria-labelledby={summaryId}
        aria-busy={checking}
      >
        <div role="status" className="status-summary__text">
          {check ? (
            <Summary check={check} titleId={summaryId} />
          ) : (
            <h2 id={summaryId} className="status-summary__title">
              <span className="spinner" aria-hidden="true" />
              {t('status.loading')}
            </h2>
          )}
        </div>
        {check && (
          <div className="status-summary__actions">
            <button type="button" className="button" onClick={refresh} disabled={checking}>
              {checking ? t('status.refreshing') : t('status.refresh')}
            </button>
            <p className="status-summary__time">
              {t('status.lastChecked', { time: check.checkedAt.toLocaleTimeString(locale) })}
            </p>
          </div>
        )}
      </section>

      {check?.readiness.kind === 'api-error' && <ErrorNotice body={check.readiness.body} />}
      {check?.health.kind === 'api-error' && check.readiness.kind !== 'api-error' && (
        <ErrorNotice body={check.health.body} />
      )}
      {check?.health.kind === 'invalid' && check.readiness.kind !== 'invalid' && (
        <p className="notice notice--warning">{t('status.invalid.body', { path: HEALTH_PATH })}</p>
      )}

      {check && (
        <section className="panel" aria-labelledby={detailsId}>
          <h2 id={detailsId} className="panel__title">
            {t('status.details')}
          </h2>
          <Details health={check.health} readiness={check.readiness} />
        </section>
      )}
    </div>
  );
}

function Summary({ check, titleId }: { check: SystemCheck; titleId: string }) {
  const { t } = useT();
  const verdict = verdictOf(check.readiness);
  const body: Record<Verdict, string> = {
    ready: t('status.ready.body'),
    unavailable: t('status.unavailable.body'),
    network: t('status.network.body'),
    invalid: t('status.invalid.body', { path: READINESS_PATH }),
  };
  return (
    <>
      <h2 id={titleId} className="status-summary__title">
        {t(headline[verdict].title)}
      </h2>
      <p>{body[verdict]}</p>
    </>
  );
}

function Details({
  health,
  readiness,
}: {
  health: FetchOutcome<HealthResponse>;
  readiness: FetchOutcome<ReadinessResponse>;
}) {
  const { t } = useT();
  const verdict = verdictOf(readiness);
  const ready = readiness.kind === 'ok' ? readiness.data : null;
  const up = health.kind === 'ok' ? health.data : null;
  const unknown = <span className="muted">{t('status.unknown')}</span>;

  return (
    <dl className="facts">
      <div className="facts__row">
        <dt>{t('status.readiness')}</dt>
        <dd>
          <StatusPill tone={headline[verdict].tone}>{t(headline[verdict].pill)}</StatusPill>
        </dd>
      </div>
      <div className="facts__row">
        <dt>{t('status.database')}</dt>
        <dd>
          {ready
            ? t(ready.checks.database === 'ok' ? 'status.database.ok' : 'status.database.failing')
            : unknown}
        </dd>
      </div>
      <div className="facts__row">
        <dt>{t('status.engine')}</dt>
        <dd>
          {ready
            ? t(ready.database.engine === 'pglite' ? 'status.engine.pglite' : 'status.engine.postgres')
            : unknown}
        </dd>
      </div>
      <div className="facts__row">
        <dt>{t('status.version')}</dt>
        <dd>{up ? <code>{up.version}</code> : unknown}</dd>
      </div>
      <div className="facts__row">
        <dt>{t('status.service')}</dt>
        <dd>{up ? <code>{up.service}</code> : unknown}</dd>
      </div>
    </dl>
  );
}
