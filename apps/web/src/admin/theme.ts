import type { ThemeConfig } from 'antd';

/** Party red as the primary colour; otherwise antd's defaults. */
export const PARTY_RED = '#c8102e';

/**
 * Focus is blue (as --vg-focus in src/global.css), not the primary red: a red frame on the field being
 * typed in reads as an error (issue 24 item 13).
 */
export const FOCUS_BLUE = '#1f5fbf';
const focusField = { activeBorderColor: FOCUS_BLUE, hoverBorderColor: '#6b8fd1', activeShadow: '0 0 0 2px rgba(31, 95, 191, 0.2)' };

export const adminTheme: ThemeConfig = {
  token: {
    colorPrimary: PARTY_RED,
    colorLink: PARTY_RED,
    borderRadius: 6,
    controlOutline: 'rgba(31, 95, 191, 0.2)',
    // Secondary text, placeholders and red tags readable (WCAG AA 4.5:1); antd's defaults are ~3:1.
    colorTextSecondary: 'rgba(0, 0, 0, 0.65)',
    colorTextTertiary: 'rgba(0, 0, 0, 0.6)',
    colorTextDescription: 'rgba(0, 0, 0, 0.6)',
    colorTextPlaceholder: 'rgba(0, 0, 0, 0.55)',
    colorError: '#cf1322',
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "Segoe UI", "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif',
  },
  components: {
    Layout: { headerBg: '#ffffff', siderBg: '#ffffff', headerPadding: '0 16px' },
    Input: focusField,
    InputNumber: focusField,
    Mentions: focusField,
    Select: focusField,
    DatePicker: focusField,
    Typography: { colorWarning: '#874d00', colorSuccess: '#237804' },
    // Tags write their colour on its palest shade; antd's -7 shades read at about 3:1 there, these at 4.5:1.
    Tag: {
      colorSuccess: '#237804',
      colorWarning: '#874d00',
      colorInfo: '#003eb3',
      colorError: '#a8071a',
      green7: '#237804',
      orange7: '#ad4e00',
      gold7: '#874d00',
      blue7: '#003eb3',
      cyan7: '#006d75',
      purple7: '#391085',
      volcano7: '#ad2102',
      lime7: '#3f6600',
      magenta7: '#9e1068',
      red7: '#a8071a',
      geekblue7: '#10239e',
      yellow7: '#614700',
    },
  },
};
