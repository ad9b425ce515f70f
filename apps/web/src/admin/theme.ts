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
    Cascader: focusField,
    TreeSelect: focusField,
  },
};
