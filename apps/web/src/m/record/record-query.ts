import { useQuery } from '@tanstack/react-query';
import { correctionsApi } from '../../api/endpoints';

/** 我的档案 and my correction requests share one cache family: a new request refreshes both. */
export const MY_RECORD_KEY = ['my-record'] as const;

export const useMyRecord = (enabled = true) => useQuery({ queryKey: MY_RECORD_KEY, queryFn: correctionsApi.myRecord, enabled });

export const useMyCorrections = (enabled: boolean) =>
  useQuery({ queryKey: [...MY_RECORD_KEY, 'corrections'], queryFn: correctionsApi.mine, enabled });
