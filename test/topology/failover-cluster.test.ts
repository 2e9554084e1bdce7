// Kill the Cluster primary holding the migration's slot in the middle of a 2,000-person campaign (see failover.ts).
import { startCluster } from '../helpers/redis-topology.ts';
import { runFailoverSuite } from './failover-suite.ts';

runFailoverSuite('a Redis Cluster', () => startCluster());
