import type { Dayjs } from 'dayjs';

/** Form helpers of the mentors pages: a picked date as YYYY-MM-DD, a label table as options. */
export const day = (d: Dayjs | undefined | null) => (d ? d.format('YYYY-MM-DD') : undefined);
export const options = (o: Record<string, string>) => Object.entries(o).map(([value, label]) => ({ value, label }));
