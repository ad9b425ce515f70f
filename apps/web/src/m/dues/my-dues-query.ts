import { useQuery } from '@tanstack/react-query';
import { duesApi } from '../../api/dues';

export const MY_DUES_KEY = ['dues', 'me'] as const;
export const useMyDues = () => useQuery({ queryKey: MY_DUES_KEY, queryFn: duesApi.me, retry: false });
