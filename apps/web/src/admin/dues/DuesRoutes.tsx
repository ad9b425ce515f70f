import { Route, Routes } from 'react-router';
import { DuesPage } from './DuesPage';
import { ReceiptPage } from './ReceiptPage';

/** Console pages of the dues module, under /admin/dues/*. */
export function DuesRoutes() {
  return (
    <Routes>
      <Route index element={<DuesPage />} />
      <Route path="receipts/:id" element={<ReceiptPage />} />
    </Routes>
  );
}
