import { vi } from 'vitest';

export type Handler = (event: unknown) => unknown;

export type ProxyAnswer = [string, number, Record<string, string>];

export interface ProxyRequest {
  pluginId: string;
  url: string;
  method: string;
  headers: Record<string, string>;
  data: unknown;
}

export interface FakeKintoneOptions {
  language?: string;
  timezone?: string;
  config?: Record<string, string> | null;
  appId?: number | null;
  pluginId?: string;
  /** Where the space elements live; defaults to fresh detached divs. */
  doc?: Document;
  /** Answers `kintone.plugin.app.proxy` (default: 404 with no body). */
  proxy?: (request: ProxyRequest) => ProxyAnswer | Promise<ProxyAnswer>;
  /** `app/form/fields.json` properties and `app/form/layout.json` layout the app has. */
  fields?: Record<string, { type: string; code: string; label?: string; unique?: boolean }>;
  layout?: unknown[];
  /** Saved proxy configurations, as Kintone keeps them. */
  proxyConfigs?: {
    url: string;
    method: string;
    headers: Record<string, string>;
    data: Record<string, string>;
  }[];
}

export const MEETING_APP_FIELDS = {
  meeting_id: { type: 'SINGLE_LINE_TEXT', code: 'meeting_id', label: 'Meeting ID', unique: true },
  title: { type: 'SINGLE_LINE_TEXT', code: 'title', label: 'Title' },
  start: { type: 'DATETIME', code: 'start', label: 'Start' },
  meeting_date: { type: 'DATE', code: 'meeting_date', label: 'Date' },
  duration: { type: 'NUMBER', code: 'duration', label: 'Duration (minutes)' },
  participants: { type: 'MULTI_LINE_TEXT', code: 'participants', label: 'Participants' },
  summary: { type: 'RICH_TEXT', code: 'summary', label: 'Summary' },
  action_items: { type: 'MULTI_LINE_TEXT', code: 'action_items', label: 'Action items' },
  transcript: { type: 'MULTI_LINE_TEXT', code: 'transcript', label: 'Transcript' },
  recording_url: { type: 'LINK', code: 'recording_url', label: 'Recording' },
  status: { type: 'DROP_DOWN', code: 'status', label: 'Status' },
};

export const MEETING_APP_LAYOUT = [
  { type: 'ROW', fields: [{ type: 'SINGLE_LINE_TEXT', code: 'meeting_id' }] },
  { type: 'ROW', fields: [{ type: 'SPACER', elementId: 'notta_panel' }] },
  {
    type: 'GROUP',
    code: 'g',
    layout: [{ type: 'ROW', fields: [{ type: 'SPACER', elementId: 'side_space' }] }],
  },
  { type: 'ROW', fields: [{ type: 'SPACER', elementId: '' }] },
];

/**
 * A stand-in for the `kintone` global with just what the plug-in touches. Records event handlers,
 * setConfig / setProxyConfig / proxy calls and how often `$PLUGIN_ID` was read.
 */
export function fakeKintone(options: FakeKintoneOptions = {}) {
  const doc = options.doc ?? document;
  const handlers = new Map<string, Handler[]>();
  const headerMenuSpace = doc.createElement('div');
  const listHeaderMenuSpace = doc.createElement('div');
  const mobileHeaderSpace = doc.createElement('div');
  const spaces = new Map<string, HTMLElement>();
  const space = (id: string) => {
    if (!spaces.has(id)) spaces.set(id, doc.createElement('div'));
    return spaces.get(id) ?? null;
  };
  let pluginIdReads = 0;
  const config = options.config === undefined ? {} : options.config;
  const pluginId = options.pluginId ?? 'fakepluginidaaaaaaaaaaaaaaaaaaaa';
  const proxyConfigs = [...(options.proxyConfigs ?? [])];
  const setConfig = vi.fn((_config: Record<string, string>, callback?: () => void) => {
    callback?.();
  });
  const getConfig = vi.fn((_pluginId: string) => (config === null ? null : { ...config }));
  const setProxyConfig = vi.fn(
    (
      url: string,
      method: string,
      headers: Record<string, string>,
      data: Record<string, string>,
      callback?: () => void,
    ) => {
      const i = proxyConfigs.findIndex((p) => p.url === url && p.method === method);
      if (i >= 0) proxyConfigs.splice(i, 1);
      proxyConfigs.push({ url, method, headers, data });
      callback?.();
    },
  );
  const getProxyConfig = vi.fn((url: string, method: string) => {
    const found = proxyConfigs.find((p) => p.url === url && p.method === method);
    return found ? { headers: { ...found.headers }, data: { ...found.data } } : null;
  });
  const proxy = vi.fn(
    async (
      id: string,
      url: string,
      method: string,
      headers: Record<string, string>,
      data: unknown,
    ): Promise<ProxyAnswer> => {
      // Kintone merges the saved configuration over the call (longest matching prefix, saved wins).
      const saved = proxyConfigs
        .filter((p) => p.method === method && url.startsWith(p.url))
        .sort((a, b) => b.url.length - a.url.length)[0];
      const merged = { ...headers, ...(saved?.headers ?? {}) };
      return options.proxy
        ? options.proxy({ pluginId: id, url, method, headers: merged, data })
        : ['', 404, {}];
    },
  );
  const appId = options.appId === undefined ? 42 : options.appId;
  const api = Object.assign(
    vi.fn(async (path: string, _method: string, _params: Record<string, unknown>) => {
      if (path.endsWith('/app/form/fields.json')) return { properties: options.fields ?? MEETING_APP_FIELDS };
      if (path.endsWith('/app/form/layout.json')) return { layout: options.layout ?? MEETING_APP_LAYOUT };
      if (path.endsWith('/app.json')) return { appId: String(appId), name: 'Meeting notes' };
      throw { code: 'GAIA_NO', message: `unknown path ${path}` };
    }),
    { url: (path: string) => `https://example.cybozu.com${path}` },
  );

  const kintone = {
    get $PLUGIN_ID() {
      pluginIdReads++;
      return pluginId;
    },
    getLoginUser: () => ({ language: options.language ?? 'en', timezone: options.timezone ?? 'Asia/Tokyo' }),
    events: {
      on(type: string | string[], handler: Handler) {
        for (const t of Array.isArray(type) ? type : [type])
          handlers.set(t, [...(handlers.get(t) ?? []), handler]);
      },
    },
    api,
    app: {
      getId: () => appId,
      getHeaderMenuSpaceElement: () => listHeaderMenuSpace,
      record: { getHeaderMenuSpaceElement: () => headerMenuSpace, getSpaceElement: space },
    },
    mobile: {
      app: {
        getId: () => appId,
        getHeaderSpaceElement: () => mobileHeaderSpace,
        record: { getSpaceElement: space },
      },
    },
    plugin: { app: { getConfig, setConfig, getProxyConfig, setProxyConfig, proxy } },
  };

  return {
    kintone,
    headerMenuSpace,
    listHeaderMenuSpace,
    mobileHeaderSpace,
    space,
    setConfig,
    getConfig,
    setProxyConfig,
    getProxyConfig,
    proxy,
    api,
    proxyConfigs,
    pluginIdReads: () => pluginIdReads,
    handlerTypes: () => [...handlers.keys()],
    /** Fires a Kintone event the way Kintone does and returns what the handlers returned. */
    fire(type: string, event: Record<string, unknown> = {}) {
      return (handlers.get(type) ?? []).map((handler) => handler({ type, ...event }));
    },
  };
}

/** Lets promises and Preact's/React's scheduled renders run. */
export async function settle(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}
