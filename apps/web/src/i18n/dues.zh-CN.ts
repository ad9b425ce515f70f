/** Chinese text of the dues module; merged into zh-CN. */
export const duesZhCN = {
  dues: {
    mobileTitle: '我的党费',
    title: '党费管理',
  },
};
