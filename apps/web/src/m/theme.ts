import { applyCareMode } from './care';

/** Party red for antd-mobile (CSS variables on :root so popups rendered into <body> get it too). */
export function applyPortalTheme(): void {
  const s = document.documentElement.style;
  document.documentElement.classList.add('vg-m'); // phone-only rules in src/global.css
  applyCareMode();
  document.body.style.background = '#e8e8e8';
  s.setProperty('--adm-color-primary', '#c8102e');
  s.setProperty('--adm-color-danger', '#c8102e');
  s.setProperty(
    '--adm-font-family',
    '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  );
}

export const PORTAL_RED = '#c8102e';

/** The portal is a phone layout: on a desktop screen it stays a centred column this wide. */
export const PORTAL_MAX_WIDTH = 560;
