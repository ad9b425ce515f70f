import { ErrorBlock } from 'antd-mobile';

/** Phone pages of the competitions module (/m/competitions/*). */
export function MCompetitionsRoutes() {
  return <ErrorBlock status="empty" />;
}
