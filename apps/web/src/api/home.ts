import { useQuery } from '@tanstack/react-query';
import type { AgendaSchema } from '@vanguard/shared/api/home';
import type { z } from 'zod';
import { api } from './client';

/** The web's client of the homes' contract (@vanguard/shared/api/home), used by the console and the phone. */
export type Agenda = z.input<typeof AgendaSchema>;
export type AgendaItem = Agenda['groups'][number]['items'][number];

export const homeApi = {
  agenda: () => api<Agenda>('/api/v1/home/agenda'),
};

/** "What must I do now" — refreshed with the to-dos (the same cache family). */
export function useAgenda() {
  return useQuery({ queryKey: ['todos', 'agenda'], queryFn: homeApi.agenda });
}
