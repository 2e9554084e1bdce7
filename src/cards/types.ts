// The data each card takes, as callers write it (fields with defaults may be left out).
import type { CardData } from './registry.ts';

export type Step4Data = CardData<'step4'>;
export type Step4OutcomeData = CardData<'step4-outcome'>;
export type ReminderData = CardData<'reminder'>;
export type HelpRequestData = CardData<'help-request'>;
export type AdminStatusData = CardData<'admin-status'>;
export type ManagerSummaryData = CardData<'manager-summary'>;
export type ServerReadyData = CardData<'server-ready'>;
export type DeviceScriptData = CardData<'device-script'>;
export type ProvisioningResultData = CardData<'provisioning-result'>;
export type MessageData = CardData<'message'>;
