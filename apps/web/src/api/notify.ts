/** The web's client for the notify contract (@vanguard/shared/api/notify): channels, deliveries, quiet hours. */
import type {
  DeliveryPageSchema,
  DeliveryQuerySchema,
  PreferencesSchema,
  ProviderCreateSchema,
  ProviderListSchema,
  ProviderSchema,
  ProviderTestResultSchema,
  ProviderUpdateSchema,
} from '@vanguard/shared/api/notify';
import type { z } from 'zod';
import { api } from './client';

export type ProviderDto = z.input<typeof ProviderSchema>;
export type DeliveryPage = z.input<typeof DeliveryPageSchema>;
export type DeliveryDto = DeliveryPage['items'][number];
export type DeliveryQuery = z.output<typeof DeliveryQuerySchema>;
export type ProviderCreateBody = z.input<typeof ProviderCreateSchema>;
export type ProviderUpdateBody = z.input<typeof ProviderUpdateSchema>;
export type Preferences = z.input<typeof PreferencesSchema>;

export const notifyApi = {
  providers: () => api<z.input<typeof ProviderListSchema>>('/api/v1/notify/providers'),
  createProvider: (body: ProviderCreateBody) => api<ProviderDto>('/api/v1/notify/providers', { method: 'POST', body }),
  updateProvider: (id: number, body: ProviderUpdateBody) => api<ProviderDto>(`/api/v1/notify/providers/${id}`, { method: 'PATCH', body }),
  testProvider: (id: number) => api<z.input<typeof ProviderTestResultSchema>>(`/api/v1/notify/providers/${id}/test`, { method: 'POST' }),
  deliveries: (q: Partial<DeliveryQuery>) => api<DeliveryPage>('/api/v1/notify/deliveries', { query: { ...q } }),
  preferences: () => api<Preferences>('/api/v1/notify/preferences'),
  setPreferences: (body: Preferences) => api<Preferences>('/api/v1/notify/preferences', { method: 'PUT', body }),
};
