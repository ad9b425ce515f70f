import { Empty } from 'antd';
import { Route, Routes } from 'react-router';

/** Console pages of the life module, under /admin/life/*. */
export function LifeRoutes() {
  return (
    <Routes>
      <Route index element={<Empty />} />
    </Routes>
  );
}
