import type { EChartsCoreOption } from 'echarts/core';
import { useEffect, useRef } from 'react';

/** One ECharts chart; the library is loaded on first use (its own chunk). `label` names it for screen readers. */
export function Chart({
  option,
  height = 260,
  label,
  onClick,
}: {
  option: EChartsCoreOption;
  height?: number;
  label: string;
  onClick?: (name: string) => void;
}) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const resize = () => chart?.resize();
    void import('./echarts').then(({ echarts }) => {
      if (disposed || !ref.current) return;
      const c = echarts.init(ref.current);
      c.setOption(option);
      if (onClick) c.on('click', (p) => onClick(String((p as { name?: string }).name ?? '')));
      chart = c;
      window.addEventListener('resize', resize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', resize);
      chart?.dispose();
    };
  }, [option, onClick]);
  return <div ref={ref} role="img" aria-label={label} style={{ width: '100%', height }} />;
}
