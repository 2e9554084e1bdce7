// Buttons on a real step-4 card sent through the Slack channel, clicked the way Slack reports clicks.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InteractionReply } from '../../../src/ports/interaction.ts';
import type { OutboundCard } from '../../../src/ports/chat-channel.ts';
import type { Person } from '../../../src/domain/types.ts';
import { member } from '../../fakes/slack-directory.ts';
import type { StoredMessage } from '../../fakes/slack-api.ts';
import { eventually, startSlackApp, type SlackAppHarness } from './app-harness.ts';

type Node = Record<string, unknown>;
const org = { name: 'Acme', adminName: 'Marc Peeters' };

function step4For(p: Person): OutboundCard {
  return {
    name: 'step4',
    locale: 'en',
    data: {
      cardId: `step4:${p.id}:1`,
      round: 1,
      person: { id: p.id, firstName: p.firstName, email: p.email },
      org,
      products: ['AutoCAD'],
      timeZone: 'UTC',
    },
  };
}

function outcome(p: Person, kind: 'signed_in' | 'help_requested', helpText = ''): OutboundCard {
  return {
    name: 'step4-outcome',
    locale: 'en',
    data: {
      outcome: kind,
      cardId: `step4:${p.id}:1`,
      round: 1,
      person: { id: p.id, firstName: p.firstName },
      org,
      helpText,
      timeZone: 'UTC',
    },
  };
}

function buttons(msg: StoredMessage): Node[] {
  return (msg.blocks as Node[]).filter((b) => b.type === 'actions').flatMap((b) => b.elements as Node[]);
}

function click(msg: StoredMessage, button: Node, userId: string, state: Node = { values: {} }): Node {
  return {
    type: 'block_actions',
    user: { id: userId, username: userId.toLowerCase(), team_id: 'T0FAKE' },
    api_app_id: 'A0NUMBOT',
    token: 'legacy',
    container: { type: 'message', message_ts: msg.ts, channel_id: msg.channel, is_ephemeral: false },
    trigger_id: `trigger-${msg.ts}`,
    team: { id: 'T0FAKE', domain: 'fake' },
    channel: { id: msg.channel, name: 'directmessage' },
    message: { type: 'message', ts: msg.ts, text: msg.text, blocks: msg.blocks, user: 'UNUMBOT', bot_id: 'BNUMBOT' },
    state,
    actions: [
      {
        type: 'button',
        block_id: 'b1',
        action_id: button.action_id,
        text: button.text,
        value: button.value,
        action_ts: '1.2',
      },
    ],
  };
}

describe('Slack card actions', () => {
  let h: SlackAppHarness;
  let alice: Person;
  let card: StoredMessage;
  beforeEach(async () => {
    h = await startSlackApp({
      fake: { members: [member('U0ALICE', 'alice@example.org'), member('U0BOB', 'bob@example.org')] },
    });
    alice = await h.addPerson({ email: 'alice@example.org', firstName: 'Alice', lastName: 'A' }, 'U0ALICE');
    alice.chat.slack = { userId: 'U0ALICE' };
    await h.addPerson({ email: 'bob@example.org', firstName: 'Bob', lastName: 'B' }, 'U0BOB');
    const sent = await h.app.services.channels.slack!.sendCard(alice, step4For(alice));
    expect(sent.kind).toBe('sent');
    card = h.fake.posted()[0]!;
  });
  afterEach(async () => {
    await h.close();
  });

  it('shows "I need help" as a button next to the others, with no text box in the message', () => {
    expect(buttons(card).map((b) => (b.text as Node).text)).toEqual([
      "I've signed in",
      'I need help',
      'Remind me later',
    ]);
    expect((card.blocks as Node[]).some((b) => b.type === 'input')).toBe(false);
  });

  it('hands a click to the core with the card data and replaces the message with chat.update', async () => {
    h.answer(async (): Promise<InteractionReply> => ({ cards: [], replaceCard: outcome(alice, 'signed_in') }));
    const signedIn = buttons(card).find((b) => String(b.action_id).startsWith('step4.signed_in'))!;
    const res = await h.interact(click(card, signedIn, 'U0ALICE'));
    expect(res.status).toBe(200);
    const updates = await eventually(() => h.fake.updated().length > 0 && h.fake.updated());
    expect(h.interactions).toEqual([
      {
        kind: 'card_action',
        actor: { platform: 'slack', userId: 'U0ALICE', personId: 'alice@example.org' },
        action: 'step4.signed_in',
        data: { personId: 'alice@example.org', cardId: 'step4:alice@example.org:1', round: 1 },
      },
    ]);
    expect(updates[0]).toMatchObject({ channel: card.channel, ts: card.ts });
    expect(JSON.stringify(updates[0]?.blocks)).toContain('Thank you, Alice!');
  });

  it('passes the real clicker, and shows a refusal only to them', async () => {
    h.answer(async () => ({
      cards: [{ name: 'message', data: { title: 'This card is not for you' }, locale: 'en' }],
      refused: true,
    }));
    const signedIn = buttons(card)[0]!;
    await h.interact({ ...click(card, signedIn, 'U0BOB'), response_url: h.fake.responseUrl('bob-click') });
    const answers = await eventually(() => h.fake.responses('bob-click').length > 0 && h.fake.responses('bob-click'));
    expect(h.interactions[0]?.actor).toEqual({ platform: 'slack', userId: 'U0BOB', personId: 'bob@example.org' });
    expect(answers[0]?.body).toMatchObject({ response_type: 'ephemeral', text: 'This card is not for you' });
    expect(h.fake.updated()).toHaveLength(0);
    expect(h.fake.posted()).toHaveLength(1);
  });

  it('opens the help modal on "I need help", then sends the text to the core and replaces the original message', async () => {
    h.answer(async (i) => ({
      cards: [],
      replaceCard: outcome(alice, 'help_requested', i.kind === 'card_action' ? String(i.data.helpText) : ''),
    }));
    const help = buttons(card).find((b) => String(b.action_id).startsWith('step4.need_help'))!;
    await h.interact(click(card, help, 'U0ALICE'));
    const opened = await eventually(() => h.fake.views().opened.length > 0 && h.fake.views().opened);
    expect(opened[0]?.trigger_id).toBe(`trigger-${card.ts}`);
    expect(h.interactions).toHaveLength(0);
    const view = opened[0]?.view as Node;
    expect(JSON.stringify(view.blocks)).toContain('What is going wrong?');

    const res = await h.interact({
      type: 'view_submission',
      team: { id: 'T0FAKE', domain: 'fake' },
      user: { id: 'U0ALICE', username: 'alice', team_id: 'T0FAKE' },
      api_app_id: 'A0NUMBOT',
      token: 'legacy',
      trigger_id: 'trigger-submit',
      view: {
        ...view,
        id: 'V1',
        team_id: 'T0FAKE',
        hash: 'h',
        state: {
          values: {
            helpText: {
              helpText: { type: 'plain_text_input', value: 'AutoCAD says <!channel> Contact your administrator' },
            },
          },
        },
      },
      response_urls: [],
    });
    expect(res.status).toBe(200);
    const updates = await eventually(() => h.fake.updated().length > 0 && h.fake.updated());
    expect(h.interactions).toEqual([
      {
        kind: 'card_action',
        actor: { platform: 'slack', userId: 'U0ALICE', personId: 'alice@example.org' },
        action: 'step4.need_help',
        data: {
          personId: 'alice@example.org',
          cardId: 'step4:alice@example.org:1',
          round: 1,
          helpText: 'AutoCAD says <!channel> Contact your administrator',
        },
      },
    ]);
    expect(updates[0]).toMatchObject({ channel: card.channel, ts: card.ts });
    const shown = JSON.stringify(updates[0]?.blocks);
    expect(shown).toContain('Contact your administrator');
    expect(shown).not.toContain('<!channel>');
  });

  it('takes the help text from the message when a card still carries the inline text box', async () => {
    h.answer(async () => ({ cards: [] }));
    const help = buttons(card).find((b) => String(b.action_id).startsWith('step4.need_help'))!;
    const state = {
      values: { helpText: { helpText: { type: 'plain_text_input', value: 'Licence error -15.570.0' } } },
    };
    await h.interact(click(card, help, 'U0ALICE', state));
    await eventually(() => h.interactions.length === 1);
    expect(h.fake.views().opened).toHaveLength(0);
    expect(h.interactions[0]).toMatchObject({
      action: 'step4.need_help',
      data: { helpText: 'Licence error -15.570.0' },
    });
  });
});
