// Kill the primary under Sentinel in the middle of a 2,000-person campaign (see failover.ts).
import { startSentinel } from '../helpers/redis-topology.ts';
import { runFailoverSuite } from './failover-suite.ts';

runFailoverSuite('Sentinel', () => startSentinel());
