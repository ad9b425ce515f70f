/** Chinese text of the points module; merged into zh-CN. */
export const pointsZhCN = {
  points: {
    mobileTitle: '学习积分',
    title: '学习积分',
  },
};
