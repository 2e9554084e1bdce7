// What the channels hand to the core: one shape for a typed command or a clicked card button, whatever the platform.
import type { OutboundCard, Platform } from './chat-channel.ts';

/** Who is acting, as the platform proved it (Slack signature / Bot Framework auth / playground session). */
export interface InteractionActor {
  platform: Platform;
  /** The platform's user id (Slack U..., Teams 29:..., playground person id). */
  userId: string;
  /** The person id when the channel already resolved it (e-mail, lower-case). */
  personId?: string;
  /** Locale the platform reported for this request, if any. */
  locale?: string;
  /**
   * The platform says this user is outside the organisation (a user of another Teams tenant when the bot is
   * single-tenant): never a person, whatever link was remembered for the user id.
   */
  foreign?: true;
}

export interface AttachedFile {
  name: string;
  content: Buffer;
}

export type Interaction =
  | { kind: 'command'; actor: InteractionActor; text: string; files?: AttachedFile[] }
  | {
      kind: 'card_action';
      actor: InteractionActor;
      /** The action verb, e.g. `signed_in`, `need_help`, `remind_later`, `take_help`, `resolve_help`. */
      action: string;
      /** The data the card carried (person id it was for, card id, round...) merged with form inputs. */
      data: Record<string, unknown>;
    };

/** What the core answers: cards to show the actor, and optionally the card that replaces the one clicked. */
export interface InteractionReply {
  /** Cards to show in reply (command answers). */
  cards: OutboundCard[];
  /** Replacement for the card whose button was clicked. */
  replaceCard?: OutboundCard;
  /** Files to give the actor (CSV exports, scripts, import files). */
  files?: { name: string; content: string; mimeType: string }[];
  /** Set when the request was refused (not an admin, wrong person...): channels may show it as ephemeral. */
  refused?: boolean;
}

export type InteractionHandler = (interaction: Interaction) => Promise<InteractionReply>;
