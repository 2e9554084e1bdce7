// The Bot Framework authentication the Teams adapter runs on: connector clients without botbuilder's own retries,
// with a request timeout, built once per app id, service URL and audience and reused by every later turn.
import { describe, expect, it } from 'vitest';
import { TunedBotFrameworkAuthentication } from '../../src/channels/teams/connector-auth.ts';

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
    const otherAudience = await a.createConnectorFactory(claimsFor('')).create('https://smba.example/emea/', 'https://api.botframework.us');
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
    const clients = await Promise.all([1, 2, 3].map(() => a.createConnectorFactory(claimsFor('')).create('https://smba.example/apac/')));
    expect(new Set(clients).size).toBe(1);
  });

  it('reuses one user-token client per app id', async () => {
    const a = auth();
    const first = await a.createUserTokenClient(claimsFor(''));
    expect(await a.createUserTokenClient(claimsFor(''))).toBe(first);
    expect(await a.createUserTokenClient(claimsFor('app-2'))).not.toBe(first);
  });
});
