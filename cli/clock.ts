// The only clock in nestready: --timestamp, then SOURCE_DATE_EPOCH (reproducible builds), then now.
import { UsageError } from './errors.js';

// Pinned times mean reproducible output: collectors then record no durations either.
export function isPinned(option: string | undefined, env: NodeJS.ProcessEnv): boolean {
  return option !== undefined || (env.SOURCE_DATE_EPOCH !== undefined && env.SOURCE_DATE_EPOCH !== '');
}

export function resolveTimestamp(option: string | undefined, env: NodeJS.ProcessEnv): Date | null {
  if (option !== undefined) {
    const date = /^\d+$/.test(option) ? new Date(Number(option) * 1000) : new Date(option);
    if (Number.isNaN(date.getTime())) throw new UsageError(`--timestamp "${option}" is not an ISO 8601 time or epoch seconds`);
    return date;
  }
  const epoch = env.SOURCE_DATE_EPOCH;
  if (epoch !== undefined && epoch !== '') {
    if (!/^\d+$/.test(epoch)) throw new UsageError(`SOURCE_DATE_EPOCH "${epoch}" is not a whole number of seconds`);
    return new Date(Number(epoch) * 1000);
  }
  return null;
}
