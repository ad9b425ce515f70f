/** Chinese text of the recruitment module; merged into zh-CN. */
export const recruitmentZhCN = {
  recruitment: {
    title: '发展党员',
  },
};
