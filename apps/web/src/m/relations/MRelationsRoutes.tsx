import { ErrorBlock } from 'antd-mobile';
import { Route, Routes } from 'react-router';

/** Phone pages of the relations module, under /m/relations/*. */
export function MRelationsRoutes() {
  return (
    <Routes>
      <Route index element={<ErrorBlock status="empty" />} />
    </Routes>
  );
}
