import { Route, Routes } from 'react-router';
import { KeyGate } from './KeyGate';
import { ReportDetailPage } from './ReportDetailPage';
import { ReportsListPage } from './ReportsListPage';

/** 举报办理 (/admin/reports): only the reports assigned to the signed-in handler, behind their key. */
export function ReportsRoutes() {
  return (
    <KeyGate>
      <Routes>
        <Route index element={<ReportsListPage />} />
        <Route path=":id" element={<ReportDetailPage />} />
      </Routes>
    </KeyGate>
  );
}
