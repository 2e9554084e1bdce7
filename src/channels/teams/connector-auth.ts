// Bot Framework authentication whose connector clients neither retry nor wait forever.
// botframework-connector builds its clients on an @azure/core-rest-pipeline pipeline that retries 429 and 5xx by
// itself (sleeping through Retry-After): the delivery engine must see those answers at once to schedule its own retry,
// so the retry policy is removed and a per-request timeout is added.
// Proactive turns get their client from createConnectorFactory; an inbound turn (replies, card updates and member
// look-ups while handling what Teams sent) gets it from the factory authenticateRequest returns, which botbuilder builds
// itself: that one is tuned here too. An invoke's answer goes back in the HTTP response once the turn's logic ends, and
// Teams gives up on it after about five seconds, so its in-turn requests get a shorter bound.
// Every proactive turn asks for a connector client and a user-token client; botbuilder builds both anew each time
// (credentials, a full request pipeline: about a tenth of a send's CPU). They hold no per-turn state, so one of each
// per app id (and service URL and audience) is kept and reused, as botbuilder's older BotFrameworkAdapter did.
import {
  ConfigurationBotFrameworkAuthentication,
  type ConfigurationBotFrameworkAuthenticationOptions,
} from 'botbuilder';

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;
type InboundActivity = Parameters<ConfigurationBotFrameworkAuthentication['authenticateRequest']>[0];
type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

interface PipelineRequestLike {
  timeout: number;
}
interface PipelineLike {
  removePolicy(options: { name: string }): unknown[];
  addPolicy(policy: {
    name: string;
    sendRequest(request: PipelineRequestLike, next: (r: PipelineRequestLike) => Promise<unknown>): Promise<unknown>;
  }): void;
}

const RETRY_POLICY = 'defaultRetryPolicy';
/**
 * Bound of each Bot Connector request made inside an invoke's turn (TEAMS_TIMEOUT_MS when that is shorter). Teams waits
 * about five seconds for the answer; a turn makes one or two such requests before it (a reply, a card update).
 */
export const INVOKE_REQUEST_TIMEOUT_MS = 2_000;
/** Clients kept at most (service URLs are a handful per cloud); past that the cache starts over. */
const MAX_CACHED_CLIENTS = 64;

/** What botbuilder derives a turn's clients from: the audience claim, else the app id claim (as its getAppId). */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue('aud') ?? claimsIdentity.getClaimValue('appid') ?? '';
}

/** A small memo of promises: concurrent first sends share one client; a failed creation is not kept. */
class ClientCache<T> {
  private readonly entries = new Map<string, Promise<T>>();
  get(key: string, create: () => Promise<T>): Promise<T> {
    let p = this.entries.get(key);
    if (!p) {
      if (this.entries.size >= MAX_CACHED_CLIENTS) this.entries.clear();
      p = create();
      this.entries.set(key, p);
      p.catch(() => this.entries.delete(key));
    }
    return p;
  }
}

export class TunedBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ClientCache<ConnectorClient>();
  private readonly userTokenClients = new ClientCache<UserTokenClient>();

  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly timeoutMs: number,
  ) {
    super(options);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    return this.tuned(super.createConnectorFactory(claimsIdentity), appIdOf(claimsIdentity), this.timeoutMs);
  }

  /** The inbound turn's factory, tuned like the proactive one (no retries; invokes bounded tighter). */
  override async authenticateRequest(
    activity: InboundActivity,
    authHeader: string,
  ): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    if (!result.connectorFactory) return result;
    const timeoutMs = activity.type === 'invoke' ? Math.min(this.timeoutMs, INVOKE_REQUEST_TIMEOUT_MS) : this.timeoutMs;
    return {
      ...result,
      connectorFactory: this.tuned(result.connectorFactory, appIdOf(result.claimsIdentity), timeoutMs),
    };
  }

  /** Clients from `inner`, tuned and kept per app id, service URL, audience and timeout. */
  private tuned(inner: ConnectorFactory, appId: string, timeoutMs: number): ConnectorFactory {
    const { connectors } = this;
    return {
      create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        return connectors.get(JSON.stringify([appId, serviceUrl, audience ?? null, timeoutMs]), async () => {
          const client = await inner.create(serviceUrl, audience);
          tune(client, timeoutMs);
          return client;
        });
      },
    };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokenClients.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

/** Removes the pipeline's own retries and bounds every request. Throws if botbuilder's internals moved. */
export function tune(client: ConnectorClient, timeoutMs: number): void {
  const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function') {
    throw new Error(
      'botbuilder connector client has no request pipeline: cannot disable its retries (was botbuilder upgraded?)',
    );
  }
  const removed = pipeline.removePolicy({ name: RETRY_POLICY });
  if (removed.length === 0)
    throw new Error(`botbuilder connector pipeline has no ${RETRY_POLICY} to remove (was botbuilder upgraded?)`);
  pipeline.addPolicy({
    name: 'numbotRequestTimeout',
    sendRequest(request, next) {
      request.timeout = timeoutMs;
      return next(request);
    },
  });
}
