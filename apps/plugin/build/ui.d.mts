export type PluginUi = 'preact' | 'react';
export declare function pluginUi(env?: Record<string, string | undefined>): PluginUi;
export declare function uiAliases(ui: PluginUi): { find: RegExp; replacement: string }[];
