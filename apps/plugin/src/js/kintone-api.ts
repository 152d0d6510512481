/**
 * The slices of the `kintone` global this plug-in uses. The real global satisfies them; tests pass fakes.
 * (Full types of the global: node_modules/@kintone/dts-gen/kintone.d.ts.)
 */
import type { LoginUserSource } from './i18n';

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

export interface DesktopKintone extends LoginUserSource, PluginConfigApi, EventsApi {
  app: {
    record: {
      getHeaderMenuSpaceElement(): HTMLElement | null;
    };
  };
}

export interface MobileKintone extends LoginUserSource, PluginConfigApi, EventsApi {
  mobile: {
    app: {
      getHeaderSpaceElement(): HTMLElement | null;
    };
  };
}

export interface ConfigKintone extends LoginUserSource {
  app: {
    getId(): number | null;
  };
  plugin: {
    app: {
      getConfig(pluginId: string): Record<string, string> | null;
      setConfig(config: Record<string, string>, callback?: () => void): void;
    };
  };
}
