import { ErrorBlock } from 'antd-mobile';
import { Route, Routes } from 'react-router';

/** Phone pages of the life module, under /m/life/*. */
export function MLifeRoutes() {
  return (
    <Routes>
      <Route index element={<ErrorBlock status="empty" />} />
    </Routes>
  );
}
