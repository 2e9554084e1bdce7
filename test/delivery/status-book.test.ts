import { createMemoryStatusBook } from '../../src/delivery/memory-status-book.ts';
import { createRedisStatusBook } from '../../src/delivery/redis/redis-status-book.ts';
import { hasRedis, testRedis, uniqueMigrationId } from '../helpers/redis.ts';
import { runStatusBookContract } from './status-book.contract.ts';

runStatusBookContract('memory', async () => ({ book: createMemoryStatusBook(), close: async () => {} }));

if (hasRedis()) {
  runStatusBookContract('redis', async () => {
    const redis = testRedis();
    const clock = async () => {
      const [s, us] = await redis.time();
      return Number(s) * 1000 + Math.floor(Number(us) / 1000);
    };
    return {
      book: createRedisStatusBook(redis, uniqueMigrationId('book')),
      close: async () => void (await redis.quit()),
      clock,
    };
  });
}
