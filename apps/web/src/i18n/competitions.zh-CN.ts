/** Chinese text of the competitions module; merged into zh-CN. */
export const competitionsZhCN = {
  competitions: {
    mobileTitle: '知识竞赛',
    title: '知识竞赛',
  },
};
