import { vi } from 'vitest';

export type Handler = (event: unknown) => unknown;

export interface FakeKintoneOptions {
  language?: string;
  config?: Record<string, string> | null;
  appId?: number | null;
  pluginId?: string;
  /** Where the header space elements live; defaults to fresh detached divs. */
  doc?: Document;
}

/**
 * A stand-in for the `kintone` global with just what the plug-in touches. Records event handlers,
 * setConfig calls and how often `$PLUGIN_ID` was read.
 */
export function fakeKintone(options: FakeKintoneOptions = {}) {
  const doc = options.doc ?? document;
  const handlers = new Map<string, Handler[]>();
  const headerMenuSpace = doc.createElement('div');
  const mobileHeaderSpace = doc.createElement('div');
  let pluginIdReads = 0;
  const config = options.config === undefined ? {} : options.config;
  const setConfig = vi.fn((_config: Record<string, string>, callback?: () => void) => {
    callback?.();
  });
  const getConfig = vi.fn((_pluginId: string) => (config === null ? null : { ...config }));

  const kintone = {
    get $PLUGIN_ID() {
      pluginIdReads++;
      return options.pluginId ?? 'fakepluginidaaaaaaaaaaaaaaaaaaaa';
    },
    getLoginUser: () => ({ language: options.language ?? 'en' }),
    events: {
      on(type: string | string[], handler: Handler) {
        for (const t of Array.isArray(type) ? type : [type])
          handlers.set(t, [...(handlers.get(t) ?? []), handler]);
      },
    },
    app: {
      getId: () => (options.appId === undefined ? 42 : options.appId),
      record: { getHeaderMenuSpaceElement: () => headerMenuSpace },
    },
    mobile: { app: { getHeaderSpaceElement: () => mobileHeaderSpace } },
    plugin: { app: { getConfig, setConfig } },
  };

  return {
    kintone,
    headerMenuSpace,
    mobileHeaderSpace,
    setConfig,
    getConfig,
    pluginIdReads: () => pluginIdReads,
    handlerTypes: () => [...handlers.keys()],
    /** Fires a Kintone event the way Kintone does and returns what the handlers returned. */
    fire(type: string, event: Record<string, unknown> = {}) {
      return (handlers.get(type) ?? []).map((handler) => handler({ type, ...event }));
    },
  };
}
