import { SECONDS_PER_DAY, type SeedWindow } from './calendar.ts';
import type { SeededRandom } from '../random/seeded-random.ts';
import type { DayProfile } from './rhythms.ts';
import type { SessionSimulator } from './session-simulator.ts';
import type { UserProfile } from './users.ts';

/** Minimum quiet time between two sessions of one user. */
const SESSION_GAP_SECONDS = 15 * 60;

/**
 * Simulates one calendar day for every user, day by day (not user by user) so ids and the physical row
 * order follow time, and per-user state such as order history is always up to date.
 */
export function simulateDay(
  random: SeededRandom,
  window: SeedWindow,
  dayIndex: number,
  profile: DayProfile,
  users: readonly UserProfile[],
  simulator: SessionSimulator,
): void {
  const dayStart = dayIndex * SECONDS_PER_DAY;
  const windowEnd = window.days * SECONDS_PER_DAY - 1;
  const starts: number[] = [];
  for (const user of users) {
    if (dayIndex < user.firstActiveDay || dayIndex > user.lastActiveDay) continue;
    let mean = user.activity * profile.traffic;
    if (user.group === 'price_sensitive' && profile.phase !== 'none' && profile.phase !== 'post') mean *= 1.5;
    let count = random.poisson(mean);
    // A newcomer's sign-up day always has a visit: that is how they signed up.
    if (dayIndex === user.firstActiveDay && user.signupEpochDay >= window.startEpochDay) count = Math.max(1, count);
    if (count === 0) continue;
    starts.length = 0;
    for (let session = 0; session < count; session++) {
      const hour = random.cumulativeIndex(profile.hours);
      starts.push(dayStart + hour * 3600 + random.integer(0, 3599));
    }
    starts.sort((left, right) => left - right);
    let earliest = 0;
    for (const start of starts) {
      const second = Math.max(start, earliest);
      if (second > windowEnd) break;
      const last = simulator.simulate(user, profile, second);
      earliest = Math.max(second, last) + SESSION_GAP_SECONDS + random.integer(0, 1800);
    }
  }
}
