import { ErrorBlock } from 'antd-mobile';

/** Phone pages of the points module (/m/points/*). */
export function MPointsRoutes() {
  return <ErrorBlock status="empty" />;
}
