import { MEETING_TYPES } from '@vanguard/shared';

export const MEETING_TYPE_OPTIONS = Object.entries(MEETING_TYPES).map(([value, label]) => ({ value, label }));
export const STATUS_COLOR: Record<string, string> = { planned: 'blue', held: 'gold', published: 'green', cancelled: 'default' };
export const ATT_COLOR: Record<string, string> = {
  present: 'green',
  leave: 'blue',
  absent: 'red',
  excluded: 'default',
  pending: 'default',
};
export const CELL_COLOR: Record<string, string> = { done: 'green', missing: 'red', due: 'gold', future: 'default' };

export const thisYear = () => Number(new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 4));

/** A translation whose key is built at run time (status codes from the server); the key sets are in life.*.ts. */
export const tx = (t: unknown, key: string): string => (t as (k: string) => string)(key);
