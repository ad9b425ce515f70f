import { Empty } from 'antd';
import { Route, Routes } from 'react-router';

/** Console pages of the courses module, under /admin/courses/*. */
export function CoursesRoutes() {
  return (
    <Routes>
      <Route index element={<Empty />} />
    </Routes>
  );
}
