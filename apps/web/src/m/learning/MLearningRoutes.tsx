import { ErrorBlock } from 'antd-mobile';
import { Route, Routes } from 'react-router';

/** Phone pages of the learning module, under /m/learning/*. */
export function MLearningRoutes() {
  return (
    <Routes>
      <Route index element={<ErrorBlock status="empty" />} />
    </Routes>
  );
}
