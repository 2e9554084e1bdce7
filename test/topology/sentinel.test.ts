// A primary, a replica and a Sentinel (passwords on, the Sentinel's own too) started here: every contract.
import { startSentinel } from '../helpers/redis-topology.ts';
import { runTopologySuites, withTopology } from './suites.ts';

const sentinel = withTopology(() => startSentinel());
runTopologySuites('Sentinel', sentinel);
