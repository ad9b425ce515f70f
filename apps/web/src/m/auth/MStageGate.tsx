import type { MeDto, SessionStage } from '@vanguard/shared';
import type { ReactNode } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { isRedirecting, stagePath, useMe } from '../../lib/session';
import { FullPageSpin } from '../MobileLayout';

/** Shows a forced-step page only in that stage; other stages go where they belong. */
export function MStageGate({ stage, children }: { stage: SessionStage; children: (me: MeDto) => ReactNode }) {
  const [params] = useSearchParams();
  const me = useMe();
  if (me.isPending) return <FullPageSpin />;
  if (me.isError) return isRedirecting(me.error) ? <FullPageSpin /> : <Navigate to="/m/login" replace />;
  if (me.data.stage !== stage) return <Navigate to={stagePath(me.data.stage, 'm', params.get('next')) ?? '/m/login'} replace />;
  return children(me.data);
}
