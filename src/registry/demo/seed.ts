import { createHash } from 'node:crypto';
import { systemActor } from '../../core/audit/actor.js';
import type { Kernel } from '../../core/kernel.js';
import { modules } from '../../modules.js';
import type { DemoScale } from './context.js';
import { SeededRandom } from './random.js';

const seedOf = (name: string) => createHash('sha256').update(`padu-demo:${name}`).digest().readUInt32LE(0);

/**
 * Seeds the demo city module by module; returns the names of the modules that added data.
 * `progress` hears each module's name and seconds as it finishes (the CLI prints them).
 */
export async function seedDemo(kernel: Kernel, scale: DemoScale, progress?: (module: string, seconds: number) => void): Promise<string[]> {
  const seeded: string[] = [];
  for (const module of modules) {
    if (!module.seedDemo) continue;
    const started = performance.now();
    await module.seedDemo(kernel, { scale, random: new SeededRandom(seedOf(module.name)), actor: systemActor('demo') });
    progress?.(module.name, (performance.now() - started) / 1000);
    seeded.push(module.name);
  }
  return seeded;
}
