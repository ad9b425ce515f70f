import { Route, Routes } from 'react-router';
import { MAppraisalPage, MHoursPage } from './MHoursAppraisal';
import { MLifeHome } from './MLifeHome';
import { MMeetingPage } from './MMeetingPage';
import { MSignInPage } from './MSignInPage';

/** Phone pages of the life module, under /m/life/*. */
export function MLifeRoutes() {
  return (
    <Routes>
      <Route index element={<MLifeHome />} />
      <Route path="sign-in" element={<MSignInPage />} />
      <Route path="meetings/:id" element={<MMeetingPage />} />
      <Route path="hours" element={<MHoursPage />} />
      <Route path="appraisals/:id" element={<MAppraisalPage />} />
    </Routes>
  );
}
