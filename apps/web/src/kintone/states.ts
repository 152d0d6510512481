import { type KintoneIntegrationView, type Plan, type SetupStep, setupSteps } from '@notta/shared';
import type { Tone } from '../components/StatusPill';
import type { MessageKey } from '../i18n';

/** What the Kintone card shows at a glance. */
export type CardState =
  | 'plan-excluded'
  | 'not-connected'
  | 'setting-up'
  | 'connected'
  | 'attention'
  | 'revoked';

export function cardStateOf(view: KintoneIntegrationView): CardState {
  if (!view.planIncludesKintone) return 'plan-excluded';
  switch (view.state) {
    case 'not-started':
      return view.furthestStep > 1 ? 'setting-up' : 'not-connected';
    case 'client-added':
    case 'users-configured':
    case 'credentials-confirmed':
      return 'setting-up';
    case 'authorized':
      return view.needsAttention ? 'attention' : 'connected';
    case 'revoked':
      return 'revoked';
  }
}

export const cardPill: Record<CardState, { tone: Tone; label: MessageKey }> = {
  'plan-excluded': { tone: 'neutral', label: 'kintone.state.planExcluded' },
  'not-connected': { tone: 'neutral', label: 'integrations.notConnected' },
  'setting-up': { tone: 'warning', label: 'kintone.state.settingUp' },
  connected: { tone: 'success', label: 'kintone.state.connected' },
  attention: { tone: 'warning', label: 'kintone.state.attention' },
  revoked: { tone: 'danger', label: 'kintone.state.revoked' },
};

export const planNames: Record<Plan, MessageKey> = {
  free: 'plan.free',
  pro: 'plan.pro',
  business: 'plan.business',
  enterprise: 'plan.enterprise',
};

/** Step number (1–4) of a catalogue `step`. */
export function stepNumber(step: SetupStep): number {
  return setupSteps.indexOf(step) + 1;
}

export const stepTitles: Record<number, MessageKey> = {
  1: 'wizard.step1.title',
  2: 'wizard.step2.title',
  3: 'wizard.step3.title',
  4: 'wizard.step4.title',
};
