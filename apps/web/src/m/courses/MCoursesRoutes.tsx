import { ErrorBlock } from 'antd-mobile';
import { Route, Routes } from 'react-router';

/** Phone pages of the courses module, under /m/courses/*. */
export function MCoursesRoutes() {
  return (
    <Routes>
      <Route index element={<ErrorBlock status="empty" />} />
    </Routes>
  );
}
