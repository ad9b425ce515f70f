import { Empty } from 'antd';
import { Route, Routes } from 'react-router';

/** Console pages of the dues module, under /admin/dues/*. */
export function DuesRoutes() {
  return (
    <Routes>
      <Route index element={<Empty />} />
    </Routes>
  );
}
