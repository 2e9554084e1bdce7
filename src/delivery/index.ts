export type {
  CampaignProgress,
  Delivery,
  DeliveryJob,
  ProgressListener,
  RecipientResult,
  RecipientStatus,
} from '../ports/delivery.ts';
export { createDelivery } from './create-delivery.ts';
export { createInProcessDelivery } from './in-process-delivery.ts';
export { createBullDelivery, type BullDeliveryOptions } from './redis/bullmq-delivery.ts';
export { configuredRates, type EngineOptions } from './engine-options.ts';
export { SENT_CARD_DOC, sentCardId } from './outbound-card.ts';
