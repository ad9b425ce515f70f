import { Route, Routes } from 'react-router';
import { ApprovalsPage } from './ApprovalsPage';
import { BoardPage } from './BoardPage';
import { CasePage } from './CasePage';
import { PlansPage } from './PlansPage';

/** Console pages of the recruitment module, under /admin/recruitment/*. */
export function RecruitmentRoutes() {
  return (
    <Routes>
      <Route index element={<BoardPage />} />
      <Route path="approvals" element={<ApprovalsPage />} />
      <Route path="plans" element={<PlansPage />} />
      <Route path="cases/:id" element={<CasePage />} />
    </Routes>
  );
}
