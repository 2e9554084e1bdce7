// The Bot Framework authentication the Teams adapter runs on: connector clients without botbuilder's own retries,
// with a request timeout, built once per app id, service URL and audience and reused by every later turn; inbound
// turns get such clients too, an invoke's bounded tighter.
import { describe, expect, it } from 'vitest';
import {
  INVOKE_REQUEST_TIMEOUT_MS,
  TunedBotFrameworkAuthentication,
} from '../../../src/channels/teams/connector-auth.ts';

type Claims = Parameters<TunedBotFrameworkAuthentication['createConnectorFactory']>[0];

/** The claims botbuilder builds for a proactive turn of this app (audience = app id). */
function claimsFor(appId: string): Claims {
  const claims = [{ type: 'aud', value: appId }];
  return {
    claims,
    isAuthenticated: true,
    getClaimValue: (type: string) => claims.find((c) => c.type === type)?.value ?? null,
  } as unknown as Claims;
}

interface PipelineView {
  getOrderedPolicies(): { name: string }[];
}
const policyNames = (client: unknown) =>
  (client as { client: { pipeline: PipelineView } }).client.pipeline.getOrderedPolicies().map((p) => p.name);

describe('TunedBotFrameworkAuthentication', () => {
  const auth = () => new TunedBotFrameworkAuthentication({}, 1500);

  it('reuses one connector client per service URL and audience, tuned once', async () => {
    const a = auth();
    const first = await a.createConnectorFactory(claimsFor('')).create('https://smba.example/emea/', undefined);
    // Each turn asks for a fresh factory; the client behind it is the same.
    const again = await a.createConnectorFactory(claimsFor('')).create('https://smba.example/emea/', undefined);
    expect(again).toBe(first);
    const names = policyNames(first);
    expect(names.filter((n) => n === 'numbotRequestTimeout')).toHaveLength(1);
    expect(names).not.toContain('defaultRetryPolicy');

    const otherUrl = await a.createConnectorFactory(claimsFor('')).create('https://smba.example/amer/', undefined);
    const otherAudience = await a
      .createConnectorFactory(claimsFor(''))
      .create('https://smba.example/emea/', 'https://api.botframework.us');
    expect(otherUrl).not.toBe(first);
    expect(otherAudience).not.toBe(first);
    expect(policyNames(otherUrl).filter((n) => n === 'numbotRequestTimeout')).toHaveLength(1);
  });

  it('keeps clients apart per app id, and per authentication instance', async () => {
    const a = auth();
    const one = await a.createConnectorFactory(claimsFor('app-1')).create('https://smba.example/emea/');
    const two = await a.createConnectorFactory(claimsFor('app-2')).create('https://smba.example/emea/');
    expect(two).not.toBe(one);
    expect(await auth().createConnectorFactory(claimsFor('app-1')).create('https://smba.example/emea/')).not.toBe(one);
  });

  it('shares the client between concurrent first turns', async () => {
    const a = auth();
    const clients = await Promise.all(
      [1, 2, 3].map(() => a.createConnectorFactory(claimsFor('')).create('https://smba.example/apac/')),
    );
    expect(new Set(clients).size).toBe(1);
  });

  it('reuses one user-token client per app id', async () => {
    const a = auth();
    const first = await a.createUserTokenClient(claimsFor(''));
    expect(await a.createUserTokenClient(claimsFor(''))).toBe(first);
    expect(await a.createUserTokenClient(claimsFor('app-2'))).not.toBe(first);
  });
});

describe('TunedBotFrameworkAuthentication on inbound turns', () => {
  type Inbound = Parameters<TunedBotFrameworkAuthentication['authenticateRequest']>[0];
  const activity = (type: string) =>
    ({ type, channelId: 'msteams', serviceUrl: 'https://smba.example/emea/' }) as Inbound;
  /** The timeout the client's own policy puts on a request. */
  async function timeoutOf(client: unknown): Promise<number> {
    type Request = { timeout: number };
    type Policy = { name: string; sendRequest(r: Request, next: (r: Request) => Promise<Request>): Promise<Request> };
    const policies = (
      client as { client: { pipeline: { getOrderedPolicies(): Policy[] } } }
    ).client.pipeline.getOrderedPolicies();
    const policy = policies.find((p) => p.name === 'numbotRequestTimeout')!;
    return (await policy.sendRequest({ timeout: 0 }, async (r) => r)).timeout;
  }
  async function inTurnClient(a: TunedBotFrameworkAuthentication, type: string) {
    const result = await a.authenticateRequest(activity(type), '');
    return result.connectorFactory!.create('https://smba.example/emea/', result.audience);
  }

  it('gives an inbound turn a client without retries, bounded by the timeout, kept across turns', async () => {
    const a = new TunedBotFrameworkAuthentication({}, 1500);
    const client = await inTurnClient(a, 'message');
    expect(policyNames(client)).not.toContain('defaultRetryPolicy');
    expect(policyNames(client).filter((n) => n === 'numbotRequestTimeout')).toHaveLength(1);
    expect(await timeoutOf(client)).toBe(1500);
    expect(await inTurnClient(a, 'conversationUpdate')).toBe(client);
  });

  it('bounds an invoke turn tighter, as Teams waits only seconds for its answer', async () => {
    const a = new TunedBotFrameworkAuthentication({}, 15_000);
    const invoke = await inTurnClient(a, 'invoke');
    expect(policyNames(invoke)).not.toContain('defaultRetryPolicy');
    expect(await timeoutOf(invoke)).toBe(INVOKE_REQUEST_TIMEOUT_MS);
    expect(await timeoutOf(await inTurnClient(a, 'message'))).toBe(15_000);
    // A configured timeout shorter than the bound is kept.
    expect(await timeoutOf(await inTurnClient(new TunedBotFrameworkAuthentication({}, 500), 'invoke'))).toBe(500);
  });
});
