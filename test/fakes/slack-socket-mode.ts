// Slack's Socket Mode, faked on the fake Web API's own port. apps.connections.open (answered by slack-api.ts with the
// app token) hands out a one-time ws:// URL; the socket says hello, carries the envelopes a test pushes
// (events_api, slash_commands, interactive), records the acks the app sends back ({envelope_id, payload?}) and can
// send Slack's `disconnect` to make the app reconnect, as Slack does when it refreshes a connection. It can also hold
// back the hello, so that a connection opens but never becomes usable.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Socket } from 'node:net';
import WebSocket from 'ws';
import type { Params } from './slack-http.ts';

export type EnvelopeType = 'events_api' | 'slash_commands' | 'interactive';

export interface SocketAck {
  envelopeId: string;
  /** The response payload, when the app sent one. */
  payload?: Params;
  /** The connection (1 = the first one opened) it came on. */
  connection: number;
  at: number;
}

export interface FakeSocketMode {
  /** apps.connections.open calls answered with a URL. */
  opened(): number;
  /** Connections open now (upgraded, not closed). */
  connections(): number;
  /** Connections ever opened, in order; `closed` once either side closed it. */
  history(): { id: number; closed: boolean }[];
  /**
   * Sends an envelope on the newest open connection (or on `connection`, by its id); returns its envelope_id (a new
   * one unless `envelopeId` redelivers one). Throws when none is open.
   */
  push(type: EnvelopeType, payload: Params, opts?: PushOptions): string;
  acks(envelopeId?: string): SocketAck[];
  /** Messages from the app that were not acks (should stay empty). */
  strays(): unknown[];
  /** Slack's `{"type":"disconnect"}` on every open connection (`refresh_requested` by default). */
  disconnect(reason?: string): void;
  /** While true, connections opened from now on get no hello (they stay open, silent); false says hello again. */
  withholdHello(on: boolean): void;
}

export interface PushOptions {
  acceptsResponsePayload?: boolean;
  retryAttempt?: number;
  /** The envelope id to send (Slack redelivers an unacknowledged envelope with the same one). */
  envelopeId?: string;
  /** The connection (1 = the first one opened) to send on; the newest open one by default. */
  connection?: number;
}

const APP_ID = 'A0NUMBOT';

export class SocketModeServer implements FakeSocketMode {
  private readonly wss = new WebSocket.Server({ noServer: true });
  private readonly tickets = new Set<string>();
  private readonly open = new Map<number, WebSocket>();
  private readonly all: { id: number; closed: boolean }[] = [];
  private readonly received: SocketAck[] = [];
  private readonly other: unknown[] = [];
  private issued = 0;
  private silent = false;

  constructor(private readonly now: () => number) {}

  /** The apps.connections.open answer: a URL that works once. */
  issueUrl(origin: string): Params {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    this.issued++;
    return { url: `${origin.replace(/^http/, 'ws')}/socket-mode/${ticket}` };
  }

  /** The HTTP server's `upgrade` handler. */
  upgrade(req: IncomingMessage, socket: Socket, head: Buffer): void {
    const [root, ticket] = new URL(req.url ?? '/', 'http://x').pathname.split('/').filter(Boolean);
    if (root !== 'socket-mode' || !ticket || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nconnection: close\r\ncontent-length: 0\r\n\r\n');
      return;
    }
    this.wss.handleUpgrade(req, socket, head, (ws) => this.accept(ws));
  }

  private accept(ws: WebSocket): void {
    const id = this.all.length + 1;
    const entry = { id, closed: false };
    this.all.push(entry);
    this.open.set(id, ws);
    ws.on('close', () => {
      entry.closed = true;
      this.open.delete(id);
    });
    ws.on('error', () => ws.terminate());
    ws.on('message', (data) => {
      let msg: unknown;
      try {
        msg = JSON.parse(String(data));
      } catch {
        this.other.push(String(data));
        return;
      }
      const m = msg as { envelope_id?: unknown; payload?: unknown };
      if (typeof m.envelope_id !== 'string') return void this.other.push(msg);
      const ack: SocketAck = { envelopeId: m.envelope_id, connection: id, at: this.now() };
      if (m.payload !== undefined) ack.payload = m.payload as Params;
      this.received.push(ack);
    });
    if (this.silent) return;
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.open.size,
        debug_info: { host: 'applink-fake', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: APP_ID },
      }),
    );
  }

  opened(): number {
    return this.issued;
  }
  connections(): number {
    return this.open.size;
  }
  history(): { id: number; closed: boolean }[] {
    return this.all.map((c) => ({ ...c }));
  }

  push(type: EnvelopeType, payload: Params, opts: PushOptions = {}): string {
    const ws = opts.connection === undefined ? [...this.open.values()].at(-1) : this.open.get(opts.connection);
    if (!ws) throw new Error('no Socket Mode connection is open');
    const envelopeId = opts.envelopeId ?? randomUUID();
    const envelope: Params = {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: opts.acceptsResponsePayload ?? type === 'slash_commands',
    };
    if (type === 'events_api') Object.assign(envelope, { retry_attempt: opts.retryAttempt ?? 0, retry_reason: '' });
    ws.send(JSON.stringify(envelope));
    return envelopeId;
  }

  acks(envelopeId?: string): SocketAck[] {
    return this.received.filter((a) => envelopeId === undefined || a.envelopeId === envelopeId);
  }
  strays(): unknown[] {
    return [...this.other];
  }

  disconnect(reason = 'refresh_requested'): void {
    const msg = JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-fake' } });
    for (const ws of this.open.values()) ws.send(msg);
  }

  withholdHello(on: boolean): void {
    this.silent = on;
  }

  close(): Promise<void> {
    for (const ws of this.open.values()) ws.terminate();
    return new Promise((resolve) => this.wss.close(() => resolve()));
  }
}
