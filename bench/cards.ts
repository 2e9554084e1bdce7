// Card rendering benchmark: time per render (sample data, every card, both platforms) and output sizes.
// Prints one JSON line per card and platform. Run: npm run bench -- cards [iterations]
import { CARD_NAMES, PLATFORMS, renderCard, sampleData } from '../src/cards/index.ts';

export function main(args: string[]): void {
  const iterations = Number(args[0] ?? 2000);
  if (!Number.isInteger(iterations) || iterations < 1)
    throw new Error(`iterations must be a positive whole number, not "${args[0]}"`);
  for (const name of CARD_NAMES) {
    for (const platform of PLATFORMS) {
      const data = sampleData(name);
      const locales = ['en', 'fr', 'nl', 'de'] as const;
      for (let i = 0; i < 100; i++) renderCard(name, data, locales[i % 4]!, platform);
      const start = process.hrtime.bigint();
      let out;
      for (let i = 0; i < iterations; i++) out = renderCard(name, data, locales[i % 4]!, platform);
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      const bytes = Buffer.byteLength(JSON.stringify(out));
      const blocks = out && out.type === 'blocks' ? out.blocks.length : undefined;
      console.log(
        JSON.stringify({
          bench: 'cards',
          card: name,
          platform,
          iterations,
          msPerRender: +(ms / iterations).toFixed(3),
          rendersPerSecond: Math.round((iterations * 1000) / ms),
          bytes,
          blocks,
        }),
      );
    }
  }
}
