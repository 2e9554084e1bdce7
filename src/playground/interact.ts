// The page's commands and clicks, turned into the same Interaction every channel hands the core.
import { randomUUID } from 'node:crypto';
import type { EdgeDeps } from '../ports/deps.ts';
import type { AttachedFile, InteractionActor, InteractionHandler, InteractionReply } from '../ports/interaction.ts';
import type { PlaygroundChannel } from './playground-channel.ts';
import { ADMIN_FEED, type Inbox } from './inbox.ts';
import { showMessage, type ShownMessage } from './conversation.ts';
import { BadRequest } from './request-guard.ts';

export interface PlaygroundDeps {
  ctx: EdgeDeps & { handle: InteractionHandler };
  inbox: Inbox;
  channel: PlaygroundChannel;
}

export interface ShownReply {
  /** The answer cards, stored in the actor's conversation. */
  messages: ShownMessage[];
  /** The clicked message after its card was replaced. */
  replaced?: ShownMessage;
  files: { name: string; content: string; mimeType: string }[];
  refused: boolean;
}

const MAX_FILES = 3;
const MAX_TEXT = 20_000;

export const actorFor = (personId: string): InteractionActor => ({
  platform: 'playground',
  userId: personId,
  personId,
});

/** Files from the page: `[{name, content}]`, content in base64. */
export function filesFrom(raw: unknown): AttachedFile[] {
  if (raw === undefined) return [];
  if (!Array.isArray(raw) || raw.length > MAX_FILES)
    throw new BadRequest(`files: a list of at most ${MAX_FILES} files`);
  return raw.map((f: unknown, i) => {
    const file = f as { name?: unknown; content?: unknown };
    if (typeof file?.name !== 'string' || !file.name || file.name.length > 200 || typeof file.content !== 'string')
      throw new BadRequest(`files[${i}]: needs a name and base64 content`);
    return { name: file.name, content: Buffer.from(file.content, 'base64') };
  });
}

async function store(deps: PlaygroundDeps, personId: string, reply: InteractionReply): Promise<ShownMessage[]> {
  const shown: ShownMessage[] = [];
  for (const card of reply.cards) {
    const message = { id: randomUUID(), conversationId: personId, card, sentAt: deps.ctx.clock.now() };
    await deps.inbox.add(message);
    shown.push(showMessage(message));
  }
  return shown;
}

export async function runCommand(
  deps: PlaygroundDeps,
  personId: string,
  text: unknown,
  files: AttachedFile[],
): Promise<ShownReply> {
  if (typeof text !== 'string' || text.length > MAX_TEXT)
    throw new BadRequest(`text: a command of at most ${MAX_TEXT} characters`);
  const reply = await deps.ctx.handle({
    kind: 'command',
    actor: actorFor(personId),
    text,
    ...(files.length ? { files } : {}),
  });
  return { messages: await store(deps, personId, reply), files: reply.files ?? [], refused: reply.refused ?? false };
}

export async function runAction(
  deps: PlaygroundDeps,
  personId: string,
  body: Record<string, unknown>,
): Promise<ShownReply> {
  const { action, data, messageId } = body;
  if (typeof action !== 'string' || !action || action.length > 100)
    throw new BadRequest('action: the verb of the clicked button');
  if (data !== undefined && (data === null || typeof data !== 'object' || Array.isArray(data)))
    throw new BadRequest('data: an object');
  // Only a card in the actor's own conversation (or the admins' feed) can be replaced by their click.
  const clicked = typeof messageId === 'string' ? await deps.inbox.get(messageId) : undefined;
  if (clicked && clicked.conversationId !== personId && clicked.conversationId !== ADMIN_FEED)
    throw new BadRequest('messageId: not a message of this conversation');
  const reply = await deps.ctx.handle({
    kind: 'card_action',
    actor: actorFor(personId),
    action,
    data: { ...(data as Record<string, unknown> | undefined) },
  });
  let replaced: ShownMessage | undefined;
  if (reply.replaceCard && clicked) {
    const outcome = await deps.channel.updateCard(
      { platform: 'playground', conversationId: clicked.conversationId, messageId: clicked.id },
      reply.replaceCard,
    );
    const after = outcome.kind === 'sent' ? await deps.inbox.get(clicked.id) : undefined;
    if (after) replaced = showMessage(after);
  }
  return {
    messages: await store(deps, personId, reply),
    ...(replaced ? { replaced } : {}),
    files: reply.files ?? [],
    refused: reply.refused ?? false,
  };
}
