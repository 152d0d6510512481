/**
 * The slices of the `kintone` global this plug-in uses. The real global satisfies them; tests pass fakes.
 * (Full types of the global: node_modules/@kintone/dts-gen/kintone.d.ts.)
 */
import type { LoginUserSource } from './i18n';
import type { ProxyApi } from './notta-api';

export interface PluginConfigApi {
  plugin: {
    app: {
      getConfig(pluginId: string): Record<string, string> | null;
    };
  };
}

export interface EventsApi {
  events: {
    on(type: string | string[], handler: (event: unknown) => unknown): void;
  };
}

export interface DesktopKintone extends LoginUserSource, PluginConfigApi, EventsApi, ProxyApi {
  plugin: PluginConfigApi['plugin'] & ProxyApi['plugin'];
  app: {
    getId(): number | null;
    getHeaderMenuSpaceElement(): HTMLElement | null;
    record: {
      getHeaderMenuSpaceElement(): HTMLElement | null;
      getSpaceElement(id: string): HTMLElement | null;
    };
  };
}

export interface MobileKintone extends LoginUserSource, PluginConfigApi, EventsApi, ProxyApi {
  plugin: PluginConfigApi['plugin'] & ProxyApi['plugin'];
  mobile: {
    app: {
      getId(): number | null;
      getHeaderSpaceElement(): HTMLElement | null;
      record: {
        getSpaceElement(id: string): HTMLElement | null;
      };
    };
  };
}

export interface ProxyConfigEntry {
  headers: Record<string, string>;
  data: Record<string, string>;
}

export interface ConfigKintone extends LoginUserSource, ProxyApi {
  app: {
    getId(): number | null;
  };
  api: {
    (path: string, method: string, params: Record<string, unknown>): PromiseLike<unknown>;
    url(path: string, detectGuestSpace?: boolean): string;
  };
  plugin: ProxyApi['plugin'] & {
    app: {
      getConfig(pluginId: string): Record<string, string> | null;
      setConfig(config: Record<string, string>, callback?: () => void): unknown;
      getProxyConfig(url: string, method: string): ProxyConfigEntry | null;
      setProxyConfig(
        url: string,
        method: string,
        headers: Record<string, string>,
        data: Record<string, string>,
        callback?: () => void,
      ): unknown;
    };
  };
}
