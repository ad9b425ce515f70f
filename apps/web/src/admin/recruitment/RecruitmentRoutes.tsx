import { Empty } from 'antd';
import { Route, Routes } from 'react-router';

/** Console pages of the recruitment module, under /admin/recruitment/*. */
export function RecruitmentRoutes() {
  return (
    <Routes>
      <Route index element={<Empty />} />
    </Routes>
  );
}
