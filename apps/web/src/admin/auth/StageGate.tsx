import type { MeDto, SessionStage } from '@vanguard/shared';
import { Spin } from 'antd';
import type { ReactNode } from 'react';
import { Navigate, useSearchParams } from 'react-router';
import { isRedirecting, stagePath, useMe } from '../../lib/session';

/**
 * Renders a forced-step page only while the session is in that stage; any other stage is sent
 * where it belongs (e.g. a reload after the step was done goes on to `next`).
 */
export function StageGate({ stage, children }: { stage: SessionStage; children: (me: MeDto) => ReactNode }) {
  const [params] = useSearchParams();
  const me = useMe();
  if (me.isPending) return <Spin fullscreen />;
  if (me.isError) {
    // On 401 and AUTH_STAGE the client is already redirecting; anything else: start from login.
    return isRedirecting(me.error) ? <Spin fullscreen /> : <Navigate to="/admin/login" replace />;
  }
  if (me.data.stage !== stage) {
    return <Navigate to={stagePath(me.data.stage, 'admin', params.get('next')) ?? '/admin/login'} replace />;
  }
  return children(me.data);
}
