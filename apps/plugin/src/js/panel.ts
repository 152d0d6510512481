import { type I18n, i18nFor } from './i18n';
import type { DesktopKintone, MobileKintone } from './kintone-api';
import { type ConfigState, readPluginConfig } from './plugin-config';

export const PANEL_CLASS = 'notta-panel';

export type PanelVariant = 'desktop' | 'mobile';

export interface PanelOptions {
  readonly state: ConfigState;
  readonly i18n: I18n;
  readonly variant: PanelVariant;
}

function panelMessage(state: ConfigState, i18n: I18n): string {
  switch (state.kind) {
    case 'configured':
      return i18n.t('panelConfigured', { host: state.host });
    case 'invalid':
      return i18n.t('panelInvalidConfig');
    default:
      return i18n.t('panelNotConfigured');
  }
}

/**
 * Puts the Notta placeholder panel into `container`, replacing an earlier one (Kintone can fire the
 * show event again without rebuilding its header). Text only: nothing here is parsed as HTML.
 */
export function renderRecordPanel(doc: Document, container: HTMLElement, options: PanelOptions): HTMLElement {
  for (const old of Array.from(container.getElementsByClassName(PANEL_CLASS))) old.remove();

  const panel = doc.createElement('section');
  panel.className = `${PANEL_CLASS} ${PANEL_CLASS}--${options.variant}`;
  panel.lang = options.i18n.locale;
  panel.dataset.state = options.state.kind;
  panel.setAttribute('aria-label', options.i18n.t('panelTitle'));

  const title = doc.createElement('strong');
  title.className = `${PANEL_CLASS}__title`;
  title.textContent = options.i18n.t('panelTitle');

  const message = doc.createElement('span');
  message.className = `${PANEL_CLASS}__message`;
  message.textContent = panelMessage(options.state, options.i18n);

  panel.append(title, message);
  container.append(panel);
  return panel;
}

/** Desktop: the panel sits in the record details page's header menu space. */
export function startDesktop(kintone: DesktopKintone, pluginId: string, doc: Document): void {
  const i18n = i18nFor(kintone);
  kintone.events.on('app.record.detail.show', (event) => {
    const space = kintone.app.record.getHeaderMenuSpaceElement();
    if (space) {
      const state = readPluginConfig(kintone.plugin.app.getConfig(pluginId));
      renderRecordPanel(doc, space, { state, i18n, variant: 'desktop' });
    }
    return event;
  });
}

/** Mobile: the same panel in the mobile header space of the record details page. */
export function startMobile(kintone: MobileKintone, pluginId: string, doc: Document): void {
  const i18n = i18nFor(kintone);
  kintone.events.on('mobile.app.record.detail.show', (event) => {
    const space = kintone.mobile.app.getHeaderSpaceElement();
    if (space) {
      const state = readPluginConfig(kintone.plugin.app.getConfig(pluginId));
      renderRecordPanel(doc, space, { state, i18n, variant: 'mobile' });
    }
    return event;
  });
}
