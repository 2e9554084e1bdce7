// Every card numbot can render: its name (= cards/<name>.json) and its data model.
import type { z } from 'zod';
import { adminStatusCard } from './models/admin-status.ts';
import { deviceScriptCard } from './models/device-script.ts';
import { helpRequestCard } from './models/help-request.ts';
import { managerSummaryCard } from './models/manager-summary.ts';
import { messageCard } from './models/message.ts';
import { provisioningResultCard } from './models/provisioning-result.ts';
import { reminderCard } from './models/reminder.ts';
import { serverReadyCard } from './models/server-ready.ts';
import { step4OutcomeCard } from './models/step4-outcome.ts';
import { step4Card } from './models/step4.ts';

export const CARDS = {
  step4: step4Card,
  'step4-outcome': step4OutcomeCard,
  reminder: reminderCard,
  'help-request': helpRequestCard,
  'admin-status': adminStatusCard,
  'manager-summary': managerSummaryCard,
  'server-ready': serverReadyCard,
  'device-script': deviceScriptCard,
  'provisioning-result': provisioningResultCard,
  message: messageCard,
} as const;

export type CardName = keyof typeof CARDS;
export const CARD_NAMES = Object.keys(CARDS) as CardName[];

/** The data a card accepts (fields with defaults may be left out). */
export type CardData<N extends CardName> = z.input<(typeof CARDS)[N]['schema']>;

export function isCardName(name: unknown): name is CardName {
  return typeof name === 'string' && Object.hasOwn(CARDS, name);
}
