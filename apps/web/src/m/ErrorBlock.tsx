import type { ErrorBlockProps } from 'antd-mobile';
import { createErrorBlock } from 'antd-mobile/es/components/error-block';
import { lazy, Suspense } from 'react';

/* antd-mobile's ErrorBlock with its four large SVG pictures (~10 KB gzipped) fetched when a page first
 * shows one (an empty list, an error, offline) rather than with the phone's first load; the text shows
 * at once. The service worker precaches the pictures like every phone chunk, so they show offline too. */
type Status = NonNullable<ErrorBlockProps['status']>;
const Picture = lazy(async () => {
  const images = await import('antd-mobile/es/components/error-block/images');
  const byStatus: Record<Status, React.ReactNode> = {
    default: images.defaultImage,
    disconnected: images.disconnectedImage,
    empty: images.emptyImage,
    busy: images.busyImage,
  };
  return { default: ({ status }: { status: Status }) => <>{byStatus[status]}</> };
});
const picture = (status: Status) => (
  <Suspense fallback={null}>
    <Picture status={status} />
  </Suspense>
);

/** antd-mobile's ErrorBlock (same props), its pictures loaded on first use. */
export const ErrorBlock = createErrorBlock({
  default: picture('default'),
  disconnected: picture('disconnected'),
  empty: picture('empty'),
  busy: picture('busy'),
});
