/** Chinese text of the life module; merged into zh-CN. */
export const lifeZhCN = {
  life: {
    mobileTitle: '组织生活',
    title: '组织生活',
  },
};
