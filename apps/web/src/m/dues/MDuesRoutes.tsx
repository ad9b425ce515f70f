import { Route, Routes } from 'react-router';
import { MyDuesPage } from './MyDuesPage';
import { MyReceiptPage } from './MyReceiptPage';
import { ProxyPage } from './ProxyPage';
import { ReportPaymentPage } from './ReportPaymentPage';

/** Phone pages of the dues module, under /m/dues/*. */
export function MDuesRoutes() {
  return (
    <Routes>
      <Route index element={<MyDuesPage />} />
      <Route path="report" element={<ReportPaymentPage />} />
      <Route path="proxy" element={<ProxyPage />} />
      <Route path="receipts/:id" element={<MyReceiptPage />} />
    </Routes>
  );
}
