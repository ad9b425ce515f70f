import { ErrorBlock } from 'antd-mobile';
import { Route, Routes } from 'react-router';

/** Phone pages of the dues module, under /m/dues/*. */
export function MDuesRoutes() {
  return (
    <Routes>
      <Route index element={<ErrorBlock status="empty" />} />
    </Routes>
  );
}
