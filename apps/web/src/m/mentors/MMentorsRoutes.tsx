import { ErrorBlock } from 'antd-mobile';

/** Phone pages of the mentors module (/m/mentors/*). */
export function MMentorsRoutes() {
  return <ErrorBlock status="empty" />;
}
