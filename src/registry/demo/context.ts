import type { Actor } from '../../core/audit/actor.js';
import type { SeededRandom } from './random.js';

/** `small` starts in seconds (npm start); `city` is a whole city (~12,000 employees, ~900,000 residents). */
export type DemoScale = 'small' | 'city';

export interface DemoContext {
  scale: DemoScale;
  /** Seeded per module, so adding a module does not change another module's data. */
  random: SeededRandom;
  actor: Actor;
}
