import { Route, Routes } from 'react-router';
import { MyDuesPage } from './MyDuesPage';
import { MyReceiptPage } from './MyReceiptPage';
import { ReportPaymentPage } from './ReportPaymentPage';

/** Phone pages of the dues module, under /m/dues/*. */
export function MDuesRoutes() {
  return (
    <Routes>
      <Route index element={<MyDuesPage />} />
      <Route path="report" element={<ReportPaymentPage />} />
      <Route path="receipts/:id" element={<MyReceiptPage />} />
    </Routes>
  );
}
