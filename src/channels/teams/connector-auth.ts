// Bot Framework authentication whose outbound connector clients neither retry nor wait forever.
// botframework-connector builds its clients on an @azure/core-rest-pipeline pipeline that retries 429 and 5xx by
// itself (sleeping through Retry-After): the delivery engine must see those answers at once to schedule its own retry,
// so the retry policy is removed and a per-request timeout is added.
import { ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder';

type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ClaimsIdentity = Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>[0];
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

interface PipelineRequestLike {
  timeout: number;
}
interface PipelineLike {
  removePolicy(options: { name: string }): unknown[];
  addPolicy(policy: { name: string; sendRequest(request: PipelineRequestLike, next: (r: PipelineRequestLike) => Promise<unknown>): Promise<unknown> }): void;
}

const RETRY_POLICY = 'defaultRetryPolicy';

export class TunedBotFrameworkAuthentication extends ConfigurationBotFrameworkAuthentication {
  constructor(
    options: ConfigurationBotFrameworkAuthenticationOptions,
    private readonly timeoutMs: number,
  ) {
    super(options);
  }

  override createConnectorFactory(claimsIdentity: ClaimsIdentity): ConnectorFactory {
    const inner = super.createConnectorFactory(claimsIdentity);
    const timeoutMs = this.timeoutMs;
    return {
      async create(serviceUrl: string, audience?: string): Promise<ConnectorClient> {
        const client = await inner.create(serviceUrl, audience);
        tune(client, timeoutMs);
        return client;
      },
    };
  }
}

/** Removes the pipeline's own retries and bounds every request. Throws if botbuilder's internals moved. */
export function tune(client: ConnectorClient, timeoutMs: number): void {
  const pipeline = (client as unknown as { client?: { pipeline?: PipelineLike } }).client?.pipeline;
  if (!pipeline || typeof pipeline.removePolicy !== 'function') {
    throw new Error('botbuilder connector client has no request pipeline: cannot disable its retries (was botbuilder upgraded?)');
  }
  const removed = pipeline.removePolicy({ name: RETRY_POLICY });
  if (removed.length === 0) throw new Error(`botbuilder connector pipeline has no ${RETRY_POLICY} to remove (was botbuilder upgraded?)`);
  pipeline.addPolicy({
    name: 'numbotRequestTimeout',
    sendRequest(request, next) {
      request.timeout = timeoutMs;
      return next(request);
    },
  });
}
