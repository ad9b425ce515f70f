import { Empty } from 'antd';
import { Route, Routes } from 'react-router';

/** Console pages of the relations module, under /admin/relations/*. */
export function RelationsRoutes() {
  return (
    <Routes>
      <Route index element={<Empty />} />
    </Routes>
  );
}
