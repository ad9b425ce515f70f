import { Empty } from 'antd';
import { Route, Routes } from 'react-router';

/** Console pages of the learning module, under /admin/learning/*. */
export function LearningRoutes() {
  return (
    <Routes>
      <Route index element={<Empty />} />
    </Routes>
  );
}
