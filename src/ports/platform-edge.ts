// How a chat platform plugs into the bot: its outbound channel first (delivery and the scheduler send through it),
// then, once the interaction handler exists, what it serves inbound. build-app.ts mounts the routes and runs the
// lifecycle; an edge never sees the rest of the bot.
import type { RouteHandler, RouteOptions } from '../http/router.ts';
import type { ChatChannel } from './chat-channel.ts';
import type { InteractionHandler } from './interaction.ts';

/** A part of the bot GET /healthz reports on: its state in a word, and whether the bot is healthy with it. */
export interface ComponentHealth {
  ok: boolean;
  state: string;
}

export interface Route extends RouteOptions {
  method: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  handler: RouteHandler;
}

/** What a part of the bot serves: HTTP routes, work to start and stop with the app, and its health. */
export interface Inbound {
  routes?: readonly Route[];
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Reported by GET /healthz under `name` (`slack`: the Socket Mode connection). */
  health?: { name: string; check(): ComponentHealth };
}

export interface PlatformEdge {
  readonly channel: ChatChannel;
  /** Starts taking the platform's requests, answered by `handle`. */
  serve(handle: InteractionHandler): Inbound;
}
